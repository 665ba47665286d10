import { describe, expect, it } from 'vitest';
import { hashContent, type Article } from '../../../functions/domain/article.js';
import { isDomainError } from '../../../functions/domain/errors.js';
import type { Principal } from '../../../functions/domain/principal.js';
import { decideCommand, decidePublished, type DraftContent } from '../../../functions/domain/workflow.js';

const ctx = { now: '2026-11-21T09:00:00.000Z', eventId: 'evt-9' };
const editor: Principal = { sub: 'u-vera', name: 'Вера', groups: ['desk-politics'] };
const chief: Principal = { sub: 'u-dina', name: 'Дина', groups: ['chief-editors'] };
const reporter: Principal = { sub: 'u-anna', name: 'Анна', groups: ['reporters'] };

const published = (patch: Partial<Article> = {}): Article => ({
  id: 'a1',
  desk: 'politics',
  status: 'published',
  version: 7,
  revision: 2,
  title: 'Заголовок',
  slug: 'zagolovok',
  lang: 'ru',
  author: { sub: reporter.sub, name: reporter.name },
  body: '# Заголовок\n\nТекст.',
  contentHash: hashContent('# Заголовок\n\nТекст.'),
  fixes: [],
  approvedHash: hashContent('# Заголовок\n\nТекст.'),
  approvedRevision: 2,
  approvedBy: { sub: chief.sub, name: chief.name },
  path: '/politics/2026/11/19/zagolovok/',
  firstPublishedAt: '2026-11-19T11:00:00.000Z',
  publishedRevision: 2,
  corrections: [],
  createdAt: '2026-11-19T09:00:00.000Z',
  updatedAt: '2026-11-19T11:00:00.000Z',
  ...patch,
});

const codeOf = (fn: () => unknown): string => {
  try {
    fn();
    return 'ok';
  } catch (error) {
    if (isDomainError(error)) return error.code;
    throw error;
  }
};

describe('take-downs', () => {
  it('records the kind on the article and on the unpublished event', () => {
    const d = decideCommand(published(), editor, { type: 'unpublish', version: 7, reason: 'Суд', kind: 'legal' }, ctx);

    expect(d.article).toMatchObject({ status: 'unpublished', unpublishKind: 'legal', pendingSiteWork: 'render-gone' });
    expect(d.events).toEqual([
      expect.objectContaining({ type: 'unpublished', to: 'unpublished', comment: 'Суд', unpublishKind: 'legal' }),
    ]);
  });

  it('refuses a kind outside editorial and legal', () => {
    const bad = { type: 'unpublish', version: 7, reason: 'x', kind: 'secret' } as unknown as Parameters<
      typeof decideCommand
    >[2];

    expect(codeOf(() => decideCommand(published(), editor, bad, ctx))).toBe('invalid_input');
  });
});

describe('restore', () => {
  const down = (): Article =>
    decideCommand(published(), editor, { type: 'unpublish', version: 7, reason: 'Суд', kind: 'legal' }, ctx).article;
  const settled = (): Article => {
    const { pendingSiteWork: _w, ...rest } = down();
    return rest;
  };

  it('sends an unpublished story back to its reporter as a draft, keeping its URL and first date', () => {
    const d = decideCommand(settled(), chief, { type: 'restore', version: 8, comment: 'Суд отменил запрет' }, ctx);

    expect(d.article).toMatchObject({
      status: 'draft',
      version: 9,
      path: '/politics/2026/11/19/zagolovok/',
      firstPublishedAt: '2026-11-19T11:00:00.000Z',
      slug: 'zagolovok',
    });
    for (const gone of ['unpublishedAt', 'unpublishReason', 'unpublishKind', 'approvedHash', 'approvedBy'] as const) {
      expect(d.article[gone]).toBeUndefined();
    }
    expect(d.events).toEqual([
      expect.objectContaining({ type: 'restored', from: 'unpublished', to: 'draft', comment: 'Суд отменил запрет' }),
    ]);
  });

  it('is for the desk’s editors only, from unpublished only, at the current version', () => {
    expect(codeOf(() => decideCommand(settled(), reporter, { type: 'restore', version: 8 }, ctx))).toBe('forbidden');
    expect(codeOf(() => decideCommand(published(), editor, { type: 'restore', version: 7 }, ctx))).toBe(
      'invalid_transition',
    );
    expect(codeOf(() => decideCommand(settled(), editor, { type: 'restore', version: 7 }, ctx))).toBe('stale_version');
  });

  it('waits until the take-down has reached the site', () => {
    expect(codeOf(() => decideCommand(down(), editor, { type: 'restore', version: 8 }, ctx))).toBe('conflict');
  });

  it('a restored story goes round the desk again and is published at its old URL, with its first date', () => {
    const body = '# Новый заголовок\n\nИсправленный текст.';
    const content: DraftContent = {
      body,
      contentHash: hashContent(body),
      title: 'Новый заголовок',
      slug: 'novyy-zagolovok',
      lang: 'ru',
      fixes: [],
    };
    let a = decideCommand(settled(), chief, { type: 'restore', version: 8 }, ctx).article;
    a = decideCommand(a, reporter, { type: 'edit', version: a.version, content }, ctx).article;
    a = decideCommand(a, reporter, { type: 'submit', version: a.version }, ctx).article;
    a = decideCommand(a, editor, { type: 'approve', version: a.version }, ctx).article;
    const scheduled = decideCommand(a, editor, { type: 'schedule', version: a.version, publishAt: ctx.now }, ctx);
    // The job claims the stored path (perform-site-work: a restored story goes back to its old URL).
    const live = decidePublished(
      scheduled.article,
      { path: scheduled.article.path ?? 'none', publishedAt: ctx.now },
      ctx,
      { sub: 'system', name: 'Scheduler', groups: [] },
    ).article;

    expect(live).toMatchObject({
      status: 'published',
      title: 'Новый заголовок',
      slug: 'zagolovok',
      path: '/politics/2026/11/19/zagolovok/',
      firstPublishedAt: '2026-11-19T11:00:00.000Z',
      publishedRevision: live.revision,
    });
    expect(live.unpublishReason).toBeUndefined();
  });
});
