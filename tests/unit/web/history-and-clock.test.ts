import { describe, expect, it } from 'vitest';
import { hashContent, type Article } from '../../../functions/domain/article.js';
import { decideCommand } from '../../../functions/domain/workflow.js';
import { describeZone, translate } from '../../../web/src/i18n/i18n.js';
import { ApiError, createApi } from '../../../web/src/lib/api.js';
import { formatCount, formatZonedDateTime } from '../../../web/src/lib/zoned-time.js';
import { decideEventWords } from '../../../web/src/ui/history-list.js';

const NOW = '2026-11-20T09:00:00.000Z';
const editor = { sub: 'u-vera', name: 'Вера', groups: ['desk-politics'] };
const approved: Article = {
  id: 'a1',
  desk: 'politics',
  status: 'approved',
  version: 5,
  revision: 2,
  title: 'Заголовок',
  slug: 'zagolovok',
  lang: 'ru',
  author: { sub: 'u-anna', name: 'Анна' },
  body: 'Текст',
  contentHash: hashContent('Текст'),
  approvedHash: hashContent('Текст'),
  fixes: [],
  corrections: [],
  createdAt: NOW,
  updatedAt: NOW,
};

/** The schedule event exactly as the workflow writes it, for "publish now" (the API's default `at`) and for later. */
const scheduleEvent = (publishAt: string) => {
  const e = decideCommand(approved, editor, { type: 'schedule', version: 5, publishAt }, { now: NOW, eventId: 'e' })
    .events[0];
  if (!e) throw new Error('no event');
  return { ...e, actor: e.actor };
};

describe('history words', () => {
  it('"publish now" reads as sending the story for publication, not as a schedule', () => {
    const words = decideEventWords(scheduleEvent(NOW));
    expect(words).toEqual({ key: 'event.publishNow' });
    expect(translate('ru', words.key)).toBe('отправил(а) материал на публикацию');
  });

  it('a real schedule names its time, in the desk’s zone', () => {
    const words = decideEventWords(scheduleEvent('2026-11-21T06:00:00.000Z'));
    expect(words).toEqual({ key: 'event.scheduledAt', at: '2026-11-21T06:00:00.000Z' });
    const at = formatZonedDateTime('ru', words.at ?? '', 'Europe/Moscow');
    expect(translate('ru', words.key, { at })).toBe('запланировал(а) публикацию на 21 нояб. 2026 г., 09:00');
  });

  it('a schedule event from before events carried their time keeps its old words; unknown types get generic ones', () => {
    const { publishAt: _p, ...old } = scheduleEvent(NOW);
    expect(decideEventWords(old)).toEqual({ key: 'event.scheduled' });
    expect(decideEventWords({ ...old, type: 'restored' })).toEqual({ key: 'event.restored' });
    expect(decideEventWords({ ...old, type: 'teleported' })).toEqual({ key: 'event.other' });
  });
});

describe('one clock', () => {
  it('shows every instant one way, in the desk’s zone, without a zone name (the screen names it once)', () => {
    expect(formatZonedDateTime('ru', '2026-11-20T06:30:00.000Z', 'Europe/Moscow')).toBe('20 нояб. 2026 г., 09:30');
    expect(formatZonedDateTime('en', '2026-07-01T08:00:00.000Z', 'Europe/London')).toBe('1 Jul 2026, 09:00');
    expect(formatZonedDateTime('ru', '2026-11-20T06:30:00.000Z', 'Europe/Moscow')).not.toMatch(/GMT|MSK|UTC/);
    expect(translate('ru', 'clock.note', { zone: describeZone('ru', 'Europe/Moscow') })).toBe(
      'Время на этой странице — московское время.',
    );
  });

  it('groups counts the language’s way', () => {
    expect(formatCount('ru', 98_304)).toBe('98\u00a0304');
    expect(formatCount('en', 98_304)).toBe('98,304');
    expect(translate('ru', 'fixes.heading', { count: 1200 })).toBe('Исправления в тексте: 1\u00a0200');
  });
});

describe('no answer in time', () => {
  it('is a timeout of its own, not a network failure and not an endless wait', async () => {
    const never: typeof fetch = (_url, init) =>
      new Promise((_resolve, reject) => {
        // As fetch does: an already aborted signal rejects at once, a later abort when it comes.
        const refuse = (): void => reject(new DOMException('aborted', 'AbortError'));
        if (init?.signal?.aborted) refuse();
        init?.signal?.addEventListener('abort', refuse);
      });
    const api = createApi({
      getToken: () => Promise.resolve('token'),
      onUnauthorized: () => undefined,
      fetch: never,
      timeoutMs: 20,
    });
    const failure = await api.getArticle('a1').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure instanceof ApiError && [failure.status, failure.code]).toEqual([0, 'timeout']);
  });

  it('a caller’s own abort stays an abort (a preview superseded by typing)', async () => {
    const never: typeof fetch = (_url, init) =>
      new Promise((_resolve, reject) => {
        // As fetch does: an already aborted signal rejects at once, a later abort when it comes.
        const refuse = (): void => reject(new DOMException('aborted', 'AbortError'));
        if (init?.signal?.aborted) refuse();
        init?.signal?.addEventListener('abort', refuse);
      });
    const api = createApi({ getToken: () => Promise.resolve('token'), onUnauthorized: () => undefined, fetch: never });
    const abort = new AbortController();
    const pending = api.preview('a1', abort.signal).catch((e: unknown) => e);
    abort.abort();
    const failure = await pending;
    expect(failure instanceof DOMException && failure.name).toBe('AbortError');
  });
});
