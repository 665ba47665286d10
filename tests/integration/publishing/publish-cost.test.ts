import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { createDocumentClient, LOCAL_DYNAMODB_CREDENTIALS } from '../../../functions/adapters/aws/clients.js';
import { BYLINE_INDEX_LIMITS } from '../../../functions/use-cases/rebuild-bylines-and-feeds.js';
import { INDEX_LIMITS } from '../../../functions/use-cases/rebuild-site-indexes.js';
import { seedArchiveFast, seedBusyDay } from '../../support/seed-archive.js';
import { testEnvironment } from '../support/emulators.js';
import { articleOf, startTestNewsroom } from '../support/test-newsroom.js';

const STORY = '# Ministers meet in Baku\n\nA short standfirst.\n\nThe ministers met on Thursday.\n';

/** One DynamoDB request as the client's middleware saw it. */
interface Request {
  command: string;
  /** What it read: a secondary index, or the kind of base-table partition (the part of the key before '#'). */
  source: string;
  items: number;
}

/** The parts of a request and a reply the count needs (middleware sees them as unknown). */
const requestShape = z.looseObject({
  IndexName: z.optional(z.string()),
  Key: z.optional(z.looseObject({ pk: z.unknown() })),
  ExpressionAttributeValues: z.optional(z.record(z.string(), z.unknown())),
  RequestItems: z.optional(z.record(z.string(), z.looseObject({ Keys: z.array(z.looseObject({ pk: z.unknown() })) }))),
});
const replyShape = z.looseObject({
  Items: z.optional(z.array(z.unknown())),
  Item: z.optional(z.unknown()),
  Responses: z.optional(z.record(z.string(), z.array(z.unknown()))),
});
/** A key value marshalled ({S: …}), as the base client's part of the stack holds it. */
const marshalled = z.looseObject({ S: z.string() });

const sourceOf = (input: unknown): string => {
  const r = requestShape.parse(input);
  if (r.IndexName) return r.IndexName;
  // A batch read is named by its first key's kind, apart from single reads of that kind.
  const batchKey = Object.values(r.RequestItems ?? {})[0]?.Keys[0]?.pk;
  if (batchKey !== undefined) return `batch ${typeof batchKey === 'string' ? (batchKey.split('#')[0] ?? '') : '?'}`;
  const key = r.Key?.pk ?? r.ExpressionAttributeValues?.[':pk'];
  const pk = typeof key === 'string' ? key : (marshalled.safeParse(key).data?.S ?? '');
  return pk.split('#')[0] ?? '';
};

const itemsOf = (output: unknown): number => {
  const r = replyShape.parse(output);
  if (r.Responses) return Object.values(r.Responses).reduce((sum, items) => sum + items.length, 0);
  return r.Items ? r.Items.length : r.Item ? 1 : 0;
};

/** Counts every request the adapters send, with what it read, through the client's own middleware stack. */
const recorder = () => {
  const requests: Request[] = [];
  const instrument = (client: DynamoDBDocumentClient) => {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const out = await next(args);
        requests.push({
          command: context.commandName ?? '?',
          source: sourceOf(args.input),
          items: itemsOf(out.output),
        });
        return out;
      },
      { step: 'initialize', name: 'countRequestsForPublishCost' },
    );
  };
  return { requests, instrument };
};

/** The lists whose length is a cap, not a constant: the desk's latest (30) and the news sitemap's 48 h (1,000). */
const CAPPED: Record<string, number> = {
  deskPublished: INDEX_LIMITS.deskPage,
  monthPublished: INDEX_LIMITS.newsSitemap,
  // The desk's Dzen feed and the partners' ninjs file read their listed stories' full text in one batch.
  'batch ARTICLE': BYLINE_INDEX_LIMITS.dzen + BYLINE_INDEX_LIMITS.ninjs,
};
/** The day chunk a publish reads holds 1…DAY_CHUNK stories, by where the story falls in its chunk. */
const CHUNK_SOURCE = 'ARCHIVE_SLOTS';

interface Cost {
  /** Requests per command and source, e.g. "QueryCommand deskPublished" → 3. */
  requests: Record<string, number>;
  /** Items read per source, outside the capped lists and the day chunk (which are checked against their bounds). */
  itemsRead: Record<string, number>;
  cappedReads: Record<string, number[]>;
  chunkReads: number[];
  /** Object keys written, with the chunk number written as {k}. */
  written: string[];
  chunk: number;
}

/**
 * Publishes one story into an archive of `archive` live stories, on a day that already has `day` stories, and returns
 * what the publication touched from the publish request to the page and every index being live.
 */
const costOfOnePublish = async (archive: number, day: number): Promise<Cost> => {
  const { requests, instrument } = recorder();
  const n = await startTestNewsroom({ instrument });
  // Seeded through a client of its own, so the seeding is not counted.
  const seedTable = {
    client: createDocumentClient({
      endpoint: testEnvironment().dynamoEndpoint,
      credentials: LOCAL_DYNAMODB_CREDENTIALS,
    }),
    tableName: n.tableName,
  };
  await seedArchiveFast(seedTable, archive);
  await seedBusyDay(seedTable, { firstAt: '2026-11-20T05:00:00.000Z', count: day });
  // The tick writes the site's basics and reconciles the seeded lists on its first run; done here so that only the
  // publication's own work is counted.
  await n.tick();
  const created = articleOf(
    await n.call('POST', '/api/articles', { as: 'demo-reporter', body: { desk: 'politics', body: STORY } }),
  );
  await n.call('POST', `/api/articles/${created.id}/submit`, { as: 'demo-reporter', body: { version: 1 } });
  await n.call('POST', `/api/articles/${created.id}/approve`, { as: 'demo-editor', body: { version: 2 } });

  const writesBefore = n.site.writes.length;
  const requestsBefore = requests.length;
  const res = await n.call('POST', `/api/articles/${created.id}/publish`, { as: 'demo-editor', body: { version: 3 } });
  expect(res.status).toBe(202);
  await n.tick();
  const touched = requests.slice(requestsBefore);
  const written = n.site.writes.slice(writesBefore).map((w) => w.key);

  const live = await n.app.articles.get(created.id);
  expect(live?.status).toBe('published');
  expect(await n.app.siteIndexLock.pendingMarks(1)).toEqual([]);
  const chunkKey = written.find((k) => /^politics\/2026\/11\/20\/\d+\/index\.html$/.test(k)) ?? '';
  const chunk = Number(chunkKey.split('/')[4]);
  const dayPage = await n.app.site.get(chunkKey);
  expect(Buffer.from(dayPage!.body).toString('utf8')).toContain(live!.path!);

  const cost: Cost = { requests: {}, itemsRead: {}, cappedReads: {}, chunkReads: [], written: [], chunk };
  for (const r of touched) {
    const name = `${r.command} ${r.source}`;
    cost.requests[name] = (cost.requests[name] ?? 0) + 1;
    if (r.source in CAPPED) (cost.cappedReads[r.source] ??= []).push(r.items);
    else if (r.source === CHUNK_SOURCE) cost.chunkReads.push(r.items);
    else cost.itemsRead[r.source] = (cost.itemsRead[r.source] ?? 0) + r.items;
  }
  cost.written = written.map((k) => k.replace(`/20/${chunk}/`, '/20/{k}/').replace(`-20-${chunk}.xml`, '-20-{k}.xml'));
  return cost;
};

describe('publishing cost does not grow with the archive or the day', () => {
  it('one publish makes the same requests and writes the same objects at archives of 10 and 1,000, days of 1 and 200', async () => {
    const cases = [
      ['archive 10, day 1', await costOfOnePublish(10, 1)],
      ['archive 1,000, day 1', await costOfOnePublish(1_000, 1)],
      ['archive 10, day 200', await costOfOnePublish(10, 200)],
      ['archive 1,000, day 200', await costOfOnePublish(1_000, 200)],
    ] as const;
    const [, first] = cases[0];

    expect(first.written).toEqual([
      'politics/2026/11/20/ministers-meet-in-baku/index.html',
      'index.html',
      'feed.xml',
      'politics/index.html',
      'politics/feed.xml',
      'politics/2026/11/20/index.html',
      'politics/2026/11/20/{k}/index.html',
      'sitemaps/2026-11/politics-2026-11-20-{k}.xml',
      'politics/2026/11/index.html',
      'sitemaps/2026-11.xml',
      'news-sitemap.xml',
      'sitemap.xml',
      'robots.txt',
      // Bylines: the story's own author page and feed (the reporter, by default), the topics sitemap (this author's
      // first story: a topic appeared), the desk's Dzen feed and the partners' ninjs file.
      'authors/anna-smirnova/index.html',
      'authors/anna-smirnova/feed.xml',
      'sitemaps/topics.xml',
      'politics/dzen.xml',
      'partners/ninjs.json',
    ]);
    // The second story of the day lands in chunk 1; the 201st in chunk 3 (chunks of 100, numbered from the oldest).
    expect(cases.map(([, c]) => c.chunk)).toEqual([1, 1, 3, 3]);
    for (const [name, cost] of cases) {
      expect({ name, written: cost.written }).toEqual({ name, written: first.written });
      expect({ name, requests: cost.requests }).toEqual({ name, requests: first.requests });
      expect({ name, itemsRead: cost.itemsRead }).toEqual({ name, itemsRead: first.itemsRead });
      for (const [source, reads] of Object.entries(cost.cappedReads)) {
        for (const items of reads) expect(items, `${name}: ${source}`).toBeLessThanOrEqual(CAPPED[source]!);
      }
      for (const items of cost.chunkReads) expect(items, name).toBeLessThanOrEqual(INDEX_LIMITS.dayChunk);
    }
    // What varies is bounded, and shown: the capped lists' lengths and the chunk's fill.
    console.info(
      JSON.stringify(
        Object.fromEntries(
          cases.map(([name, c]) => [
            name,
            {
              requests: Object.values(c.requests).reduce((a, b) => a + b, 0),
              writes: c.written.length,
              itemsRead: c.itemsRead,
              cappedReads: c.cappedReads,
              chunkReads: c.chunkReads,
            },
          ]),
        ),
      ),
    );
  }, 300_000);
});
