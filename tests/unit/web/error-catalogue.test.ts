import { describe, expect, it } from 'vitest';
import { API_ERROR_CODES, type ApiErrorCode } from '../../../functions/contract/error-codes.js';
import { DomainError, isDomainError } from '../../../functions/domain/errors.js';
import { hashContent, type Article } from '../../../functions/domain/article.js';
import { MEDIA_FAILURE_CODES } from '../../../functions/domain/media.js';
import { DRAFT_LIMITS, tooComplex, type DraftLimit } from '../../../functions/domain/render/draft-limits.js';
import { decideCommand } from '../../../functions/domain/workflow.js';
import { STATUS_OF } from '../../../functions/http/error-status.js';
import { HttpError } from '../../../functions/http/http-errors.js';
import { MAX_BODY_BYTES, readJsonBody } from '../../../functions/http/request.js';
import { articleTooLarge } from '../../../functions/adapters/dynamodb/item-size.js';
import { decideErrorSentence, describeError } from '../../../web/src/i18n/error-keys.js';
import { ru } from '../../../web/src/i18n/messages-ru.js';
import { en } from '../../../web/src/i18n/messages-en.js';
import { ApiError } from '../../../web/src/lib/api.js';

/**
 * Walks every error the API can answer with, as the server builds it where it can (so its `details` are the real
 * ones), through the wire (JSON) into the app, and checks the Russian sentence: no server English, no Latin-script
 * words but the names people type or see on files, every fact filled in (no `{placeholder}` left), numbers grouped
 * the Russian way and times in the desk's zone (issue 12 §1).
 */

const SERVER_ENGLISH = 'SERVER ENGLISH: this text must never reach the screen';
const MOSCOW = 'Europe/Moscow';

/** Words the Russian catalogue may hold in Latin script: formats, front-matter fields, the encoding's name. */
const LATIN_ALLOWED = new Set([
  'JPEG',
  'PNG',
  'WebP',
  'AVIF',
  'HEIC',
  'UTF',
  'alt',
  'title',
  'deck',
  'desk',
  'byline',
  'tags',
  'lang',
]);

/** An error as the app receives it: the status from the one table, details through JSON. */
const overTheWire = (error: DomainError | HttpError): ApiError => {
  const details: unknown = JSON.parse(JSON.stringify(error.details ?? {}));
  return new ApiError(
    STATUS_OF[error.code],
    error.code,
    SERVER_ENGLISH,
    typeof details === 'object' && details !== null ? Object.fromEntries(Object.entries(details)) : {},
  );
};

const refusalOf = (fn: () => unknown): DomainError | HttpError => {
  try {
    fn();
  } catch (error) {
    if (isDomainError(error) || error instanceof HttpError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
};

const editor = { sub: 'u-vera', name: 'Вера', groups: ['desk-politics'] };
const article = (patch: Partial<Article>): Article => ({
  id: 'a1',
  desk: 'politics',
  status: 'submitted',
  version: 5,
  revision: 2,
  title: 'Заголовок',
  slug: 'zagolovok',
  lang: 'ru',
  author: { sub: 'u-anna', name: 'Анна' },
  body: '# Заголовок\n\nТекст.',
  contentHash: hashContent('# Заголовок\n\nТекст.'),
  fixes: [],
  corrections: [],
  createdAt: '2026-11-19T09:00:00.000Z',
  updatedAt: '2026-11-19T10:00:00.000Z',
  ...patch,
});
const ctx = { now: '2026-11-20T09:00:00.000Z', eventId: 'e1' };

const wireEvent = (body: string) => ({
  version: '2.0',
  routeKey: '$default',
  rawPath: '/api/articles',
  rawQueryString: '',
  headers: { 'content-type': 'application/json' },
  isBase64Encoded: false,
  body,
  requestContext: {
    accountId: '1',
    apiId: 'a',
    domainName: 'localhost',
    domainPrefix: 'localhost',
    http: { method: 'POST', path: '/api/articles', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 't' },
    requestId: 'r',
    routeKey: '$default',
    stage: '$default',
    time: '',
    timeEpoch: 0,
  },
});

/** The refusals whose facts matter, built by the server's own code; every other code is sent without details. */
const REAL: Partial<Record<ApiErrorCode, { name: string; error: ApiError; mustSay: string[] }[]>> = {
  payload_too_large: [
    {
      name: 'a body over the limit',
      error: overTheWire(
        refusalOf(() => readJsonBody(wireEvent(JSON.stringify({ body: 'я'.repeat(MAX_BODY_BYTES / 2 + 1000) })))),
      ),
      mustSay: ['98\u00a0304', '99\u00a0'],
    },
  ],
  article_too_large: [
    { name: 'an item over 400 KB', error: overTheWire(articleTooLarge('a1')), mustSay: ['102\u00a0400'] },
  ],
  forbidden: [
    {
      name: 'the four-eyes rule',
      error: overTheWire(
        refusalOf(() =>
          decideCommand(
            article({ author: { sub: editor.sub, name: editor.name } }),
            editor,
            { type: 'approve', version: 5 },
            ctx,
          ),
        ),
      ),
      mustSay: ['четырёх глаз'],
    },
  ],
  invalid_input: [
    {
      name: 'a schedule in the past, in the desk’s time',
      error: overTheWire(
        refusalOf(() =>
          decideCommand(
            article({ status: 'approved', approvedHash: hashContent('# Заголовок\n\nТекст.') }),
            editor,
            { type: 'schedule', version: 5, publishAt: '2026-11-19T06:00:00.000Z' },
            ctx,
          ),
        ),
      ),
      // 06:00 UTC is 09:00 in Moscow.
      mustSay: ['уже прошло', '09:00', '2026'],
    },
    {
      name: 'an empty comment on request-changes',
      error: overTheWire(
        refusalOf(() => decideCommand(article({}), editor, { type: 'request-changes', version: 5, comment: ' ' }, ctx)),
      ),
      mustSay: ['Напишите автору'],
    },
  ],
  invalid_transition: [
    {
      name: 'an action the status does not allow',
      error: overTheWire(
        refusalOf(() =>
          decideCommand(article({ status: 'changes_requested' }), editor, { type: 'approve', version: 5 }, ctx),
        ),
      ),
      mustSay: [`«${ru['status.changes_requested']}»`],
    },
  ],
  stale_version: [
    {
      name: 'a stale version',
      error: overTheWire(refusalOf(() => decideCommand(article({}), editor, { type: 'approve', version: 4 }, ctx))),
      mustSay: ['версия 5'],
    },
  ],
  not_found: [
    {
      name: 'an action on a story gone from view',
      error: new ApiError(404, 'not_found', SERVER_ENGLISH),
      mustSay: ['больше вам не виден'],
    },
  ],
};

const checkRussian = (sentence: string): string[] => {
  const problems: string[] = [];
  if (sentence.trim() === '') problems.push('empty');
  if (sentence.includes(SERVER_ENGLISH)) problems.push('server English');
  const left = sentence.match(/\{\w+\}/g);
  if (left) problems.push(`placeholders left: ${left.join(', ')}`);
  const latin = (sentence.match(/[A-Za-z]+/g) ?? []).filter((w) => !LATIN_ALLOWED.has(w));
  if (latin.length > 0) problems.push(`Latin-script words: ${latin.join(', ')}`);
  if (!/[а-яё]/i.test(sentence)) problems.push('not Russian');
  return problems;
};

describe('every API error code has a Russian sentence for people', () => {
  it.each([...API_ERROR_CODES])('%s', (code) => {
    const cases = REAL[code] ?? [
      { name: 'without details', error: new ApiError(STATUS_OF[code], code, SERVER_ENGLISH), mustSay: [] },
    ];
    for (const { name, error, mustSay } of cases) {
      const sentence = describeError('ru', error, MOSCOW);
      expect(checkRussian(sentence), `${code}, ${name}: «${sentence}»`).toEqual([]);
      for (const fact of mustSay) expect(sentence, `${code}, ${name}`).toContain(fact);
      // The English catalogue says it too, in English, with the same facts filled in.
      const english = describeError('en', error, MOSCOW);
      expect(english).not.toContain(SERVER_ENGLISH);
      expect(english).not.toMatch(/\{\w+\}|[а-яё]/i);
    }
  });

  it('the refined sentences are chosen where the facts are (not the code’s generic one)', () => {
    expect(decideErrorSentence(REAL.forbidden?.[0]?.error).key).toBe('error.code.forbidden.four_eyes');
    expect(decideErrorSentence(REAL.invalid_input?.[0]?.error).key).toBe('error.code.invalid_input.at.past');
    expect(decideErrorSentence(REAL.invalid_input?.[1]?.error)).toMatchObject({
      key: 'error.code.invalid_input.comment',
      field: 'comment',
    });
  });
});

describe('every bound of a draft has its own sentence with its facts', () => {
  it.each(Object.keys(DRAFT_LIMITS) as DraftLimit[])('%s', (limit) => {
    const max = DRAFT_LIMITS[limit];
    const error = overTheWire(tooComplex(limit, max + 1, 'over', 'shorten it', 7));
    const sentence = decideErrorSentence(error);
    expect(sentence.key).toBe(`error.code.draft_too_complex.${String(error.details.limit)}`);
    const text = describeError('ru', error);
    expect(checkRussian(text), text).toEqual([]);
    expect(text).toContain(new Intl.NumberFormat('ru-RU').format(max));
    expect(describeError('en', error)).toContain(new Intl.NumberFormat('en-GB').format(max));
  });
});

describe('failures of the connection and unknown answers', () => {
  it('says "no connection" and "no answer in time" in its own words, not the browser’s', () => {
    const offline = describeError('ru', new ApiError(0, 'network', 'Failed to fetch'));
    expect(offline).toContain('Нет связи с сервером');
    expect(offline).not.toContain('Failed to fetch');
    expect(describeError('ru', new ApiError(0, 'timeout', 'no answer within 30000 ms'))).toContain(
      'не ответил вовремя',
    );
    expect(checkRussian(offline)).toEqual([]);
  });

  it('a code from a newer server gets a generic sentence naming the code, not the server’s English', () => {
    const sentence = describeError('ru', new ApiError(422, 'tables_unsupported', SERVER_ENGLISH));
    expect(sentence).toContain('(код tables_unsupported)');
    expect(sentence).not.toContain(SERVER_ENGLISH);
  });
});

describe('photo processing failures (media.failure.<code>, added with the photo desk)', () => {
  it('once the catalogue has any, has one in each language for every failure code', () => {
    const keys = Object.keys(ru).filter((k) => k.startsWith('media.failure.'));
    const missing =
      keys.length === 0
        ? []
        : MEDIA_FAILURE_CODES.filter((c) => !(`media.failure.${c}` in ru && `media.failure.${c}` in en));
    expect(missing).toEqual([]);
    for (const key of keys) expect(checkRussian(ru[key as keyof typeof ru]), key).toEqual([]);
  });
});
