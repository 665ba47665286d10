import { describe, expect, it } from 'vitest';
import { actionRequest, createArticleRequest, listQuery } from '../../../functions/contract/requests.js';
import {
  articleListResponse,
  articleResponse,
  articleSummaryResponse,
  type Article as ArticleResponse,
  type ArticleSummary,
} from '../../../functions/contract/responses.js';
import { API_ERROR_CODES } from '../../../functions/contract/error-codes.js';
import type { Article } from '../../../functions/domain/article.js';
import { DOMAIN_ERROR_CODES } from '../../../functions/domain/errors.js';
import { presentArticle, presentSummary } from '../../../functions/http/api-handler.js';
import { STATUS_OF } from '../../../functions/http/error-status.js';
import { HTTP_ERROR_CODES } from '../../../functions/http/http-errors.js';

const BASE_URL = 'https://news.example.org';

const published: Article = {
  id: 'a1',
  desk: 'politics',
  status: 'published',
  version: 7,
  revision: 3,
  title: 'Страны ОТГ усиливают правовое сотрудничество',
  slug: 'strany-otg-usilivayut-pravovoe-sotrudnichestvo',
  lang: 'ru',
  deck: 'Министры юстиции встретились в Баку',
  author: { sub: 'demo-reporter', name: 'Анна Смирнова' },
  body: '# Страны ОТГ\n\nТекст.',
  contentHash: 'abc',
  fixes: [
    { kind: 'hyphenation', before: 'сотруд- ничество', after: 'сотрудничество', paragraph: 2 },
    { kind: 'paragraph-join', before: 'в Баку. и', after: 'в Баку и', paragraph: 0, part: 'lede' },
  ],
  submittedRevision: 3,
  approvedRevision: 3,
  approvedHash: 'abc',
  approvedBy: { sub: 'demo-editor', name: 'Борис Лебедев' },
  path: '/politics/2026/11/28/strany-otg-usilivayut-pravovoe-sotrudnichestvo/',
  firstPublishedAt: '2026-11-28T09:00:00.000Z',
  publishedRevision: 3,
  corrections: [{ at: '2026-11-28T10:00:00.000Z', note: 'Уточнена дата' }],
  publishError: { at: '2026-11-28T09:00:00.000Z', message: 'CDN unreachable' },
  pendingSiteWork: 'render-page',
  createdAt: '2026-11-27T09:00:00.000Z',
  updatedAt: '2026-11-28T10:00:00.000Z',
};

describe('the API contract', () => {
  it('parses what the handler presents, keeping every field the app shows (the repair part included)', () => {
    // Type-level too: the presenters' output must be assignable to the contract's shapes.
    const article: ArticleResponse = presentArticle(published, BASE_URL);
    const summary: ArticleSummary = presentSummary(published, BASE_URL);
    expect(articleResponse.parse(article)).toMatchObject({
      url: `${BASE_URL}${published.path ?? ''}`,
      fixes: published.fixes,
      sitePending: true,
      publishError: published.publishError,
    });
    expect(articleListResponse.parse({ items: [summary], nextCursor: null }).items[0]).toEqual(
      articleSummaryResponse.parse(summary),
    );
  });

  it('takes each action body by the action: unpublish needs its kind, a correction its text', () => {
    const parse = (action: string, body: unknown) => actionRequest.safeParse({ action, body });
    expect(parse('unpublish', { version: 7, kind: 'legal', reason: 'суд' }).success).toBe(true);
    expect(parse('unpublish', { version: 7, reason: 'суд' }).success).toBe(false);
    expect(parse('unpublish', { version: 7, kind: 'quiet' }).success).toBe(false);
    expect(parse('correct', { version: 7, note: 'дата' }).success).toBe(false);
    expect(parse('correct', { version: 7, body: '# Текст', note: 'дата' }).success).toBe(true);
    // A field of another action is refused, not ignored.
    expect(parse('approve', { version: 7, at: '2026-11-28T09:00:00Z' }).success).toBe(false);
    expect(parse('publish', { version: 7, at: '2026-11-28T09:00:00Z' }).success).toBe(true);
    expect(parse('restore', { version: 7 }).success).toBe(true);
    expect(parse('restore', { version: 7, kind: 'legal' }).success).toBe(false);
    expect(parse('archive', { version: 7 }).success).toBe(false);
  });

  it('refuses unknown fields in requests', () => {
    expect(createArticleRequest.safeParse({ desk: 'politics', body: 'x', status: 'published' }).success).toBe(false);
    expect(listQuery.safeParse({ desk: 'politics', admin: 'true' }).success).toBe(false);
  });

  it('lists every error code a response can carry, each with one status', () => {
    expect([...API_ERROR_CODES].sort()).toEqual([...DOMAIN_ERROR_CODES, ...HTTP_ERROR_CODES].sort());
    expect(new Set(API_ERROR_CODES).size).toBe(API_ERROR_CODES.length);
    expect(Object.keys(STATUS_OF).sort()).toEqual([...API_ERROR_CODES].sort());
  });
});
