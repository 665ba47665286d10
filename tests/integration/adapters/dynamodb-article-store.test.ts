import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_DYNAMODB_CREDENTIALS, createDocumentClient } from '../../../functions/adapters/aws/clients.js';
import { createDynamoDbArticleStore } from '../../../functions/adapters/dynamodb/dynamodb-article-store.js';
import { createDynamoDbPublishedIndex } from '../../../functions/adapters/dynamodb/dynamodb-published-index.js';
import { createDynamoDbSiteIndexLock } from '../../../functions/adapters/dynamodb/dynamodb-site-index-lock.js';

const createStores = (options: Parameters<typeof createDynamoDbArticleStore>[0]) => ({
  articles: createDynamoDbArticleStore(options),
  publishedIndex: createDynamoDbPublishedIndex(options),
  siteIndexLock: createDynamoDbSiteIndexLock(options),
});
import { isDomainError } from '../../../functions/domain/errors.js';
import { seedPublishedArchive } from '../../support/seed-archive.js';
import { createTestTable, testEnvironment } from '../support/emulators.js';
import { T0, codeOf, storedArticle } from '../support/store-fixtures.js';

let store: ReturnType<typeof createStores>;

beforeAll(async () => {
  const tableName = await createTestTable();
  const client = createDocumentClient({
    endpoint: testEnvironment().dynamoEndpoint,
    credentials: LOCAL_DYNAMODB_CREDENTIALS,
  });
  store = createStores({ client, tableName });
});

const article = storedArticle;

describe('DynamoDB article store against DynamoDB Local', () => {
  it('round-trips an article and refuses a second create of the same id', async () => {
    const a = article('s1', {
      fixes: [{ kind: 'hyphenation', before: 'расши- рения', after: 'расширения', paragraph: 0, part: 'deck' }],
    });
    await store.articles.commit({ article: a, events: [], nowMs: T0 });
    expect(await store.articles.get('s1')).toEqual(a);
    expect(await codeOf(store.articles.commit({ article: a, events: [], nowMs: T0 }))).toBe('conflict');
  });

  it('refuses a commit on a stale version with the current version', async () => {
    await store.articles.commit({ article: article('s2'), events: [], nowMs: T0 });
    await store.articles.commit({ article: article('s2', { version: 2 }), expectedVersion: 1, events: [], nowMs: T0 });
    try {
      await store.articles.commit({
        article: article('s2', { version: 2 }),
        expectedVersion: 1,
        events: [],
        nowMs: T0,
      });
      expect.unreachable();
    } catch (e) {
      expect(isDomainError(e) && e.code).toBe('stale_version');
      expect(isDomainError(e) && e.details).toEqual({ currentVersion: 2 });
    }
  });

  it('a live lease blocks other site work until it expires, never an editor: their commit ends it', async () => {
    await store.articles.commit({ article: article('s3'), events: [], nowMs: T0 });
    expect(await store.articles.acquireArticleLease('s3', 'job-a', T0, 10_000)).toBe(true);
    expect(await store.articles.acquireArticleLease('s3', 'job-b', T0 + 1_000, 10_000)).toBe(false);
    expect(await store.articles.renewArticleLease('s3', 'job-a', T0 + 9_000, 10_000)).toBe(true);
    expect(await store.articles.acquireArticleLease('s3', 'job-b', T0 + 11_000, 10_000)).toBe(false);
    expect(await store.articles.acquireArticleLease('s3', 'job-b', T0 + 19_001, 10_000)).toBe(true);
    // job-a's lease lapsed and job-b has it: job-a can neither renew nor write under it.
    expect(await store.articles.renewArticleLease('s3', 'job-a', T0 + 19_002, 10_000)).toBe(false);
    const intent = { path: '/politics/2026/11/20/t/', revision: 1, publishedAt: new Date(T0).toISOString() };
    expect(await store.articles.recordPublishIntent('s3', 'job-a', 1, intent)).toBe(false);
    expect(await store.articles.recordPublishIntent('s3', 'job-b', 1, intent)).toBe(true);
    // An editor's commit is not refused by the lease: it wins, bumps the version and ends the lease.
    const editor = store.articles.commit({
      article: article('s3', { version: 2 }),
      expectedVersion: 1,
      events: [],
      nowMs: T0 + 19_003,
    });
    expect(await codeOf(editor)).toBe('ok');
    expect(await store.articles.renewArticleLease('s3', 'job-b', T0 + 19_004, 10_000)).toBe(false);
    expect(await store.articles.completeSiteWork('job-b', article('s3', { version: 1 }))).toBe(false);
    const jobCommit = store.articles.commit({
      article: article('s3', { version: 2, status: 'published' }),
      expectedVersion: 1,
      events: [],
      leaseOwner: 'job-b',
      nowMs: T0 + 19_005,
    });
    expect(await codeOf(jobCommit)).toBe('stale_version');
    expect(await store.articles.acquireArticleLease('s3', 'job-c', T0 + 19_006, 10_000)).toBe(true);
  });

  it('a site path belongs to one article for ever', async () => {
    expect(await store.articles.reservePath('/politics/2026/11/20/t/', 'a', 'now')).toBe(true);
    expect(await store.articles.reservePath('/politics/2026/11/20/t/', 'a', 'now')).toBe(true);
    expect(await store.articles.reservePath('/politics/2026/11/20/t/', 'b', 'now')).toBe(false);
  });

  it('pages through a desk queue with an opaque cursor and refuses a forged one', async () => {
    for (let i = 0; i < 5; i += 1) {
      const at = new Date(T0 + i * 1000).toISOString();
      await store.articles.commit({
        article: article(`q${i}`, { desk: 'world', updatedAt: at }),
        events: [],
        nowMs: T0,
      });
    }
    const first = await store.articles.list({ kind: 'desk', desk: 'world', status: 'submitted' }, { limit: 3 });
    expect(first.items.map((a) => a.id)).toEqual(['q4', 'q3', 'q2']);
    const second = await store.articles.list(
      { kind: 'desk', desk: 'world', status: 'submitted' },
      { limit: 3, cursor: first.nextCursor! },
    );
    expect(second.items.map((a) => a.id)).toEqual(['q1', 'q0']);
    expect(
      await codeOf(
        store.articles.list({ kind: 'desk', desk: 'world', status: 'submitted' }, { limit: 3, cursor: 'bm9wZQ' }),
      ),
    ).toBe('invalid_cursor');
  });

  it('lists due work oldest first, only up to now', async () => {
    const due = (id: string, at: string) => article(id, { desk: 'world', status: 'scheduled', publishAt: at });
    await store.articles.commit({ article: due('d2', '2026-11-20T10:00:00.000Z'), events: [], nowMs: T0 });
    await store.articles.commit({ article: due('d1', '2026-11-20T08:00:00.000Z'), events: [], nowMs: T0 });
    await store.articles.commit({ article: due('d3', '2026-11-21T08:00:00.000Z'), events: [], nowMs: T0 });
    const ids = (await store.articles.listDue('2026-11-20T12:00:00.000Z', 10)).map((a) => a.id);
    expect(ids).toEqual(['d1', 'd2']);
  });
});

describe('site index lock and pending marks', () => {
  /** Each test gets its own table: marks live in one partition, and a test reads all of them. */
  const ownStores = async () => {
    const client = createDocumentClient({
      endpoint: testEnvironment().dynamoEndpoint,
      credentials: LOCAL_DYNAMODB_CREDENTIALS,
    });
    const tableName = await createTestTable();
    return { ...createStores({ client, tableName }), client, tableName };
  };
  const noWork = { done: [], archives: [], listed: {} };

  it('records one mark per commit, even for the same desk-month, each with its article', async () => {
    const own = await ownStores();
    const nov = { desk: 'politics', month: '2026-11' };
    await own.articles.commit({ article: article('m1'), events: [], dirtyIndexes: [nov], nowMs: T0 });
    await own.articles.commit({
      article: article('m1', { version: 2 }),
      expectedVersion: 1,
      events: [],
      dirtyIndexes: [nov],
      nowMs: T0 + 1,
    });
    await own.articles.commit({ article: article('m2'), events: [], dirtyIndexes: [nov], nowMs: T0 + 2 });
    await own.articles.commit({ article: article('m3'), events: [], nowMs: T0 + 3 });

    const marks = await own.siteIndexLock.pendingMarks(10);

    expect(marks.map((m) => [m.articleId, m.desk, m.month])).toEqual([
      ['m1', 'politics', '2026-11'],
      ['m1', 'politics', '2026-11'],
      ['m2', 'politics', '2026-11'],
    ]);
    expect(new Set(marks.map((m) => m.id)).size).toBe(3);
    expect(marks[0]!.createdAt).toBe(new Date(T0).toISOString());
  });

  it('a failed commit records no mark', async () => {
    const own = await ownStores();
    await own.articles.commit({ article: article('f1'), events: [], nowMs: T0 });
    const stale = own.articles.commit({
      article: article('f1', { version: 3 }),
      expectedVersion: 2,
      events: [],
      dirtyIndexes: [{ desk: 'politics', month: '2026-11' }],
      nowMs: T0,
    });
    expect(await codeOf(stale)).toBe('stale_version');
    expect(await own.siteIndexLock.pendingMarks(10)).toEqual([]);
  });

  it('markDone removes only the marks it names: a commit after the read keeps its mark', async () => {
    const own = await ownStores();
    const lock = own.siteIndexLock;
    const nov = { desk: 'politics', month: '2026-11' };
    await own.articles.commit({ article: article('r1'), events: [], dirtyIndexes: [nov], nowMs: T0 });
    expect(await lock.acquire('runner', T0, 20_000)).toEqual({ archives: [], listed: {} });
    const read = await lock.pendingMarks(10);
    // The same desk-month again, after the rebuild read its marks (the lost-listing race of issue 9).
    await own.articles.commit({ article: article('r2'), events: [], dirtyIndexes: [nov], nowMs: T0 + 5 });

    await lock.markDone(
      'runner',
      {
        done: read.map((m) => m.id),
        archives: [nov],
        listed: { politics: [{ articleId: 'r1', month: '2026-11', stamp: '2026-11-20T09:00:00.000Z' }] },
      },
      T0,
      20_000,
    );

    expect((await lock.pendingMarks(10)).map((m) => m.articleId)).toEqual(['r2']);
    expect(await lock.read()).toEqual({
      archives: [nov],
      listed: { politics: [{ articleId: 'r1', month: '2026-11', stamp: '2026-11-20T09:00:00.000Z' }] },
    });
    expect(await lock.release('runner')).toBe(true);
  });

  it('one runner at a time; a runner that lost its lease can neither renew nor remove marks (typed conflict)', async () => {
    const own = await ownStores();
    const lock = own.siteIndexLock;
    await own.articles.commit({
      article: article('l1'),
      events: [],
      dirtyIndexes: [{ desk: 'world', month: '2026-10' }],
      nowMs: T0,
    });
    expect(await lock.acquire('r1', T0, 20_000)).toBeDefined();
    expect(await lock.acquire('r2', T0 + 1_000, 20_000)).toBeUndefined();
    expect(await lock.renew('r1', T0 + 10_000, 20_000)).toBe(true);
    // r1 stalls past its lease; r2 takes over.
    expect(await lock.acquire('r2', T0 + 31_000, 20_000)).toBeDefined();
    const marks = await lock.pendingMarks(10);

    expect(await lock.renew('r1', T0 + 31_000, 20_000)).toBe(false);
    expect(await codeOf(lock.markDone('r1', { ...noWork, done: marks.map((m) => m.id) }, T0 + 31_000, 20_000))).toBe(
      'conflict',
    );
    expect(await lock.pendingMarks(10)).toHaveLength(1);
    expect(await lock.release('r1')).toBe(false);
    expect(await lock.release('r2')).toBe(true);
  });

  it('turns desk-months left pending by the code before marks into marks when the lease is taken', async () => {
    const own = await ownStores();
    await own.client.send(
      new PutCommand({
        TableName: own.tableName,
        Item: { pk: 'SITE', sk: 'INDEXES', pending: new Set(['politics|2026-10', 'world|2026-11']) },
      }),
    );

    await own.siteIndexLock.acquire('migrator', T0, 20_000);

    const marks = await own.siteIndexLock.pendingMarks(10);
    expect(marks.map((m) => [m.desk, m.month, m.articleId])).toEqual([
      ['politics', '2026-10', ''],
      ['world', '2026-11', ''],
    ]);
    const raw = await own.client.send(new GetCommand({ TableName: own.tableName, Key: { pk: 'SITE', sk: 'INDEXES' } }));
    expect(raw.Item?.pending).toBeUndefined();
  });

  it('removes more marks than one transaction holds, and merges archives and listings per desk', async () => {
    const own = await ownStores();
    const lock = own.siteIndexLock;
    const marks = Array.from({ length: 150 }, (_, i) => ({
      id: `bulk-${String(i).padStart(3, '0')}`,
      articleId: `a${i}`,
      desk: i % 2 ? 'world' : 'politics',
      month: '2026-11',
    }));
    await lock.addMarks(marks, T0);
    expect(await lock.pendingMarks(200)).toHaveLength(150);
    expect(await lock.pendingMarks(40)).toHaveLength(40);
    await lock.acquire('bulk', T0, 20_000);
    const listedWorld = [{ articleId: 'a1', month: '2026-11', stamp: 's1' }];
    await lock.markDone(
      'bulk',
      {
        done: (await lock.pendingMarks(200)).map((m) => m.id),
        archives: [{ desk: 'world', month: '2026-11' }],
        listed: { world: listedWorld },
      },
      T0,
      20_000,
    );
    await lock.markDone(
      'bulk',
      { done: [], archives: [{ desk: 'politics', month: '2026-10' }], listed: { politics: [] } },
      T0,
      20_000,
    );

    expect(await lock.pendingMarks(200)).toEqual([]);
    expect(await lock.read()).toEqual({
      archives: [
        { desk: 'politics', month: '2026-10' },
        { desk: 'world', month: '2026-11' },
      ],
      listed: { world: listedWorld, politics: [] },
    });
  });
});

describe('published lists', () => {
  it('reads past one page of results, newest first, without story bodies', async () => {
    const tableName = await createTestTable();
    const client = createDocumentClient({
      endpoint: testEnvironment().dynamoEndpoint,
      credentials: LOCAL_DYNAMODB_CREDENTIALS,
    });
    const own = createStores({ client, tableName });
    await seedPublishedArchive(own, 1_100, { desk: 'world' });
    const all = await own.publishedIndex.latestOfDesk('world', 2_000);
    expect(all).toHaveLength(1_100);
    expect(all[0]!.title).toBe('Archive story 1099');
    expect(all.at(-1)!.title).toBe('Archive story 0');
    expect(Object.keys(all[0]!).sort()).toEqual(['deck', 'desk', 'id', 'lang', 'path', 'publishedAt', 'title']);
    expect(await own.publishedIndex.latestOfDesk('world', 30)).toHaveLength(30);
  }, 60_000);
});
