import { createHmac } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_DYNAMODB_CREDENTIALS, createDocumentClient } from '../../../functions/adapters/aws/clients.js';
import { createDynamoDbArticleStore } from '../../../functions/adapters/dynamodb/dynamodb-article-store.js';
import { cursorSecretKey } from '../../../functions/adapters/dynamodb/keys.js';
import { hashContent } from '../../../functions/domain/article.js';
import type { ArticleQuery, ArticleStore } from '../../../functions/ports/article-store.js';
import { createTestTable, testEnvironment } from '../support/emulators.js';
import { T0, codeOf, storedArticle } from '../support/store-fixtures.js';

/** Signed list cursors and the item-size limit, on DynamoDB Local through the production article store. */

const client = () =>
  createDocumentClient({ endpoint: testEnvironment().dynamoEndpoint, credentials: LOCAL_DYNAMODB_CREDENTIALS });

let tableName: string;
let store: ArticleStore;

const article = storedArticle;

const POLITICS: ArticleQuery = { kind: 'desk', desk: 'politics', status: 'submitted' };
const WORLD: ArticleQuery = { kind: 'desk', desk: 'world', status: 'submitted' };

beforeAll(async () => {
  tableName = await createTestTable();
  store = createDynamoDbArticleStore({ client: client(), tableName });
  for (const desk of ['politics', 'world']) {
    for (let i = 0; i < 5; i += 1) {
      const updatedAt = new Date(T0 + i * 1000).toISOString();
      await store.commit({ article: article(`${desk}-${i}`, { desk, updatedAt }), events: [], nowMs: T0 });
    }
  }
  for (let i = 0; i < 3; i += 1) {
    const updatedAt = new Date(T0 + i * 1000).toISOString();
    await store.commit({
      article: article(`mine-${i}`, { desk: 'world', status: 'draft', updatedAt, author: { sub: 'u2', name: 'V' } }),
      events: [],
      nowMs: T0,
    });
  }
});

describe('list cursors', () => {
  it('pages through a queue with the cursor the store returned', async () => {
    const first = await store.list(POLITICS, { limit: 3 });
    expect(first.items.map((a) => a.id)).toEqual(['politics-4', 'politics-3', 'politics-2']);
    expect(first.nextCursor).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);

    const second = await store.list(POLITICS, { limit: 3, cursor: first.nextCursor! });

    expect(second.items.map((a) => a.id)).toEqual(['politics-1', 'politics-0']);
  });

  it('accepts a cursor in another container of the same table: one signing key per table, created once', async () => {
    const first = await store.list(POLITICS, { limit: 2 });
    const otherContainer = createDynamoDbArticleStore({ client: client(), tableName });

    const second = await otherContainer.list(POLITICS, { limit: 2, cursor: first.nextCursor! });

    expect(second.items.map((a) => a.id)).toEqual(['politics-2', 'politics-1']);
  });

  it('creates one key when many containers start at once on a new table', async () => {
    const fresh = await createTestTable();
    const stores = Array.from({ length: 6 }, () => createDynamoDbArticleStore({ client: client(), tableName: fresh }));
    for (let i = 0; i < 3; i += 1) {
      await stores[0]!.commit({
        article: article(`c${i}`, { updatedAt: new Date(T0 + i).toISOString() }),
        events: [],
        nowMs: T0,
      });
    }

    const cursors = await Promise.all(stores.map(async (s) => (await s.list(POLITICS, { limit: 1 })).nextCursor!));
    const pages = await Promise.all(
      stores.map((s, i) => s.list(POLITICS, { limit: 1, cursor: cursors[(i + 1) % stores.length] })),
    );

    expect(new Set(cursors).size).toBe(1);
    expect(pages.map((p) => p.items.map((a) => a.id))).toEqual(stores.map(() => ['c1']));
  });

  it('refuses {} , garbage, a truncated cursor, a forged key and a tampered payload with invalid_cursor', async () => {
    const valid = (await store.list(POLITICS, { limit: 2 })).nextCursor!;
    const [payload, mac] = valid.split('.') as [string, string];
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const forgedKey = { pk: 'ARTICLE#world-4', sk: 'META', gsi1pk: 'DESK#world#STATUS#submitted', gsi1sk: 'x' };
    const hostile = [
      b64({}),
      '{}',
      'bm9wZQ',
      '.',
      `${payload}.`,
      valid.slice(0, -1),
      valid.slice(0, valid.length - 10),
      payload,
      `${b64(forgedKey)}.${mac}`,
      `${b64(forgedKey)}.${'A'.repeat(43)}`,
      `${b64({ pk: 1 })}.${mac}`,
      `${payload}x.${mac}`,
      `${valid}.${mac}`,
      'é'.repeat(10),
    ];

    const codes = await Promise.all(hostile.map((cursor) => codeOf(store.list(POLITICS, { limit: 2, cursor }))));

    expect(codes).toEqual(hostile.map(() => 'invalid_cursor'));
  });

  it('refuses a cursor on another listing: another desk, another status, another author', async () => {
    const politics = (await store.list(POLITICS, { limit: 2 })).nextCursor!;
    const mine = (await store.list({ kind: 'author', sub: 'u2' }, { limit: 1 })).nextCursor!;

    expect(await codeOf(store.list(WORLD, { limit: 2, cursor: politics }))).toBe('invalid_cursor');
    expect(await codeOf(store.list({ ...POLITICS, status: 'approved' }, { limit: 2, cursor: politics }))).toBe(
      'invalid_cursor',
    );
    expect(await codeOf(store.list({ kind: 'author', sub: 'u1' }, { limit: 1, cursor: mine }))).toBe('invalid_cursor');
    expect(await codeOf(store.list({ kind: 'author', sub: 'u2', status: 'draft' }, { limit: 1, cursor: mine }))).toBe(
      'invalid_cursor',
    );
    expect(await codeOf(store.list({ kind: 'author', sub: 'u2' }, { limit: 1, cursor: mine }))).toBe('ok');
  });

  it('refuses a cursor re-signed for another desk with a key other than the table’s', async () => {
    const valid = (await store.list(POLITICS, { limit: 2 })).nextCursor!;
    const payload = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(valid.split('.')[0]!, 'base64url').toString()),
        gsi1pk: 'DESK#world#STATUS#submitted',
      }),
    ).toString('base64url');
    const guessedKey = Buffer.alloc(32, 7);
    const mac = createHmac('sha256', guessedKey)
      .update(`newsroom-list-cursor-v1\u0000${JSON.stringify(['desk', 'world', 'submitted'])}\u0000${payload}`)
      .digest('base64url');

    expect(await codeOf(store.list(WORLD, { limit: 2, cursor: `${payload}.${mac}` }))).toBe('invalid_cursor');
  });

  it('keeps the signing key in the table, 32 random bytes', async () => {
    const out = await client().send(new GetCommand({ TableName: tableName, Key: cursorSecretKey() }));

    expect(Buffer.from(String(out.Item?.secret), 'base64url')).toHaveLength(32);
  });
});

describe('item size', () => {
  it('answers article_too_large when the stored article would pass DynamoDB’s 400 KB item limit', async () => {
    // 210,000 Cyrillic letters are 420 KB of UTF-8: more than the API's body limit allows, hence the store directly.
    const body = `# T\n\n${'я'.repeat(210_000)}`;
    const big = article('too-big', { body, contentHash: hashContent(body) });

    const code = await codeOf(store.commit({ article: big, events: [], nowMs: T0 }));

    expect(code).toBe('article_too_large');
    expect(await store.get('too-big')).toBeUndefined();
  });

  it('answers article_too_large without sending an item of megabytes (the repairs of a pathological draft)', async () => {
    const fixes = Array.from({ length: 5_000 }, (_, i) => ({
      kind: 'hyphenation' as const,
      before: 'a'.repeat(2_000),
      after: 'a'.repeat(2_000),
      paragraph: i,
    }));
    const huge = article('megabytes', { fixes });

    expect(await codeOf(store.commit({ article: huge, events: [], nowMs: T0 }))).toBe('article_too_large');
    expect(await store.get('megabytes')).toBeUndefined();
  });

  it('answers article_too_large for an oversized revision of an existing article, and keeps the article as it was', async () => {
    const small = article('grows');
    await store.commit({ article: small, events: [], nowMs: T0 });
    const body = `# T\n\n${'я'.repeat(210_000)}`;
    const grown = { ...small, version: 2, revision: 2, body, contentHash: hashContent(body) };

    const code = await codeOf(
      store.commit({
        article: grown,
        expectedVersion: 1,
        revision: {
          articleId: 'grows',
          number: 2,
          body,
          contentHash: grown.contentHash,
          title: 'T',
          author: small.author,
          createdAt: small.createdAt,
        },
        events: [],
        nowMs: T0,
      }),
    );

    expect(code).toBe('article_too_large');
    expect(await store.get('grows')).toEqual(small);
  });
});
