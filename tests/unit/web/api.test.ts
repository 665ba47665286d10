import { describe, expect, it } from 'vitest';
import { ApiError, createApi, isStaleVersion } from '../../../web/src/lib/api.js';

const article = {
  id: 'a1',
  desk: 'politics',
  status: 'draft',
  version: 3,
  revision: 2,
  title: 'Заголовок',
  slug: 'zagolovok',
  lang: 'ru',
  author: { sub: 'demo-reporter', name: 'Анна Смирнова' },
  body: '# Заголовок\n\nТекст.',
  fixes: [
    { kind: 'hyphenation', before: 'расши- рения', after: 'расширения', paragraph: 3 },
    { kind: 'paragraph-join', before: 'в Баку. и', after: 'в Баку и', paragraph: 0, part: 'lede' },
  ],
  corrections: [],
  createdAt: '2026-11-20T09:00:00.000Z',
  updatedAt: '2026-11-20T09:05:00.000Z',
  sitePending: false,
};

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

const fakeFetch = (status: number, payload: unknown, calls: Call[] = []): typeof fetch =>
  ((url: string, init: RequestInit) => {
    calls.push({
      url,
      method: init.method ?? 'GET',
      headers: init.headers as Record<string, string>,
      body: init.body as string | undefined,
    });
    return Promise.resolve(new Response(typeof payload === 'string' ? payload : JSON.stringify(payload), { status }));
  }) as unknown as typeof fetch;

describe('API client', () => {
  it('sends the bearer token and the version with a save, and parses the article', async () => {
    const calls: Call[] = [];
    const api = createApi({
      getToken: () => Promise.resolve('TOKEN'),
      onUnauthorized: () => undefined,
      fetch: fakeFetch(200, article, calls),
    });
    const saved = await api.saveArticle('a1', 'новый текст', 3);
    expect(saved.version).toBe(3);
    expect(saved.fixes).toEqual(article.fixes);
    expect(calls).toEqual([
      {
        url: '/api/articles/a1',
        method: 'PUT',
        headers: { accept: 'application/json', authorization: 'Bearer TOKEN', 'content-type': 'application/json' },
        body: JSON.stringify({ body: 'новый текст', version: 3 }),
      },
    ]);
  });

  it('turns a 409 stale_version into an ApiError carrying the current version', async () => {
    const api = createApi({
      getToken: () => Promise.resolve('TOKEN'),
      onUnauthorized: () => undefined,
      fetch: fakeFetch(409, {
        error: { code: 'stale_version', message: 'version 3 is stale', details: { currentVersion: 4 } },
      }),
    });
    const error = await api.saveArticle('a1', 'x', 3).catch((e: unknown) => e);
    expect(isStaleVersion(error)).toBe(true);
    expect(error).toMatchObject({ status: 409, code: 'stale_version', details: { currentVersion: 4 } });
  });

  it('ends the session on a 401', async () => {
    let ended = 0;
    const api = createApi({
      getToken: () => Promise.resolve('OLD'),
      onUnauthorized: () => (ended += 1),
      fetch: fakeFetch(401, { error: { code: 'unauthenticated', message: 'token expired' } }),
    });
    await expect(api.getArticle('a1')).rejects.toBeInstanceOf(ApiError);
    expect(ended).toBe(1);
  });

  it('refuses an answer that is not the contract, rather than showing half an article', async () => {
    const api = createApi({
      getToken: () => Promise.resolve(undefined),
      onUnauthorized: () => undefined,
      fetch: fakeFetch(200, { id: 'a1' }),
    });
    await expect(api.getArticle('a1')).rejects.toMatchObject({ code: 'bad_response' });
  });

  it('keeps the part of the story a repair is in (the lede is not "paragraph 0")', async () => {
    const api = createApi({
      getToken: () => Promise.resolve('T'),
      onUnauthorized: () => undefined,
      fetch: fakeFetch(200, article),
    });
    expect((await api.getArticle('a1')).fixes[1]).toEqual({
      kind: 'paragraph-join',
      before: 'в Баку. и',
      after: 'в Баку и',
      paragraph: 0,
      part: 'lede',
    });
  });

  it('sends the take-down kind with an unpublish', async () => {
    const calls: Call[] = [];
    const api = createApi({
      getToken: () => Promise.resolve('T'),
      onUnauthorized: () => undefined,
      fetch: fakeFetch(200, { ...article, status: 'unpublished' }, calls),
    });
    await api.act('a1', 'unpublish', { version: 3, kind: 'legal', reason: 'суд' });
    expect(calls[0]).toMatchObject({
      url: '/api/articles/a1/unpublish',
      method: 'POST',
      body: JSON.stringify({ version: 3, kind: 'legal', reason: 'суд' }),
    });
  });

  it('builds list queries and reads the history', async () => {
    const calls: Call[] = [];
    const list = createApi({
      getToken: () => Promise.resolve('T'),
      onUnauthorized: () => undefined,
      fetch: fakeFetch(200, { items: [], nextCursor: null }, calls),
    });
    expect(await list.listArticles({ desk: 'politics', status: 'submitted' })).toEqual({
      items: [],
      nextCursor: undefined,
    });
    expect(calls[0]?.url).toBe('/api/articles?desk=politics&status=submitted');
    const event = {
      id: 'e1',
      type: 'submitted',
      at: '2026-11-20T09:00:00.000Z',
      actor: { sub: 's', name: 'n' },
      revision: 1,
    };
    const history = createApi({
      getToken: () => Promise.resolve('T'),
      onUnauthorized: () => undefined,
      fetch: fakeFetch(200, [event]),
    });
    expect(await history.history('a1')).toEqual([event]);
  });
});
