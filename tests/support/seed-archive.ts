import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import {
  archiveDayItem,
  archivePlaceItem,
  archiveSlotItem,
} from '../../functions/adapters/dynamodb/dynamodb-published-index.js';
import type { DynamoDbStoreOptions } from '../../functions/adapters/dynamodb/dynamodb-shared.js';
import { articleAttributes } from '../../functions/adapters/dynamodb/items.js';
import { articleIndexAttributes, articleKey } from '../../functions/adapters/dynamodb/keys.js';
import { hashContent, type Article } from '../../functions/domain/article.js';
import type { PublishedStory } from '../../functions/ports/published-index.js';
import type { AppDeps } from '../../functions/use-cases/deps.js';

/**
 * Fills an archive with `count` live articles spread over past months, straight through the article store (the same
 * conditional writes the API makes), so publishing cost can be measured against archives of any size.
 */
export const seedPublishedArchive = async (
  deps: Pick<AppDeps, 'articles'>,
  count: number,
  options: { desk?: string; concurrency?: number } = {},
) => {
  const desk = options.desk ?? 'politics';
  const start = Date.parse('2024-01-01T08:00:00.000Z');
  const spacing = Math.floor((Date.parse('2026-10-31T08:00:00.000Z') - start) / Math.max(count, 1));
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const at = new Date(start + i * spacing).toISOString();
      const [y, m, d] = at.slice(0, 10).split('-');
      const body = `# Archive story ${i}\n\nStandfirst ${i}.\n\nBody ${i}.\n`;
      const article: Article = {
        id: `archive-${desk}-${i}`,
        desk,
        status: 'published',
        version: 1,
        revision: 1,
        title: `Archive story ${i}`,
        slug: `archive-story-${i}`,
        lang: 'en',
        deck: `Standfirst ${i}.`,
        author: { sub: 'archive', name: 'Archive' },
        body,
        contentHash: hashContent(body),
        fixes: [],
        path: `/${desk}/${y}/${m}/${d}/archive-story-${i}/`,
        firstPublishedAt: at,
        publishedRevision: 1,
        corrections: [],
        createdAt: at,
        updatedAt: at,
      };
      await deps.articles.commit({ article, events: [], nowMs: Date.parse(at) });
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));
};

/** A live archive story, as seedPublishedArchive writes it, published at `at` on the desk's day of `at`. */
export const archiveStory = (desk: string, key: string, at: string): Article => {
  const [y, m, d] = at.slice(0, 10).split('-');
  const body = `# Archive story ${key}\n\nStandfirst ${key}.\n\nBody ${key}.\n`;
  return {
    id: `archive-${desk}-${key}`,
    desk,
    status: 'published',
    version: 1,
    revision: 1,
    title: `Archive story ${key}`,
    slug: `archive-story-${key}`,
    lang: 'en',
    deck: `Standfirst ${key}.`,
    author: { sub: 'archive', name: 'Archive' },
    body,
    contentHash: hashContent(body),
    fixes: [],
    path: `/${desk}/${y}/${m}/${d}/archive-story-${key}/`,
    firstPublishedAt: at,
    publishedRevision: 1,
    corrections: [],
    createdAt: at,
    updatedAt: at,
  };
};

/** Writes items 25 at a time (BatchWriteItem's limit), resending what DynamoDB leaves unprocessed. */
export const batchWrite = async (
  { client, tableName }: DynamoDbStoreOptions,
  items: ReadonlyArray<Record<string, unknown>>,
  concurrency = 4,
): Promise<void> => {
  const batches: Array<Array<Record<string, unknown>>> = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      let requests = batches[next++]!.map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; requests.length > 0; attempt += 1) {
        if (attempt > 20) throw new Error('batch write kept leaving items unprocessed');
        const out = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
        requests = (out.UnprocessedItems?.[tableName] ?? []).flatMap((r) =>
          r.PutRequest?.Item ? [{ PutRequest: { Item: r.PutRequest.Item } }] : [],
        );
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
};

/** The article item exactly as the article store's commit writes it (key, index attributes, fields). */
const articleItemOf = (a: Article): Record<string, unknown> => ({
  ...articleKey(a.id),
  ...articleIndexAttributes(a),
  ...articleAttributes(a),
});

/**
 * Fills an archive with `count` live stories spread evenly over 2024-01-01 … 2026-10-31, in batch writes straight to
 * the table through the production item builders (seconds for 10,000). Their day archives (slots, counters) and index
 * pages are not written: the publish measured afterwards never reads another day's archive.
 */
export const seedArchiveFast = async (table: DynamoDbStoreOptions, count: number, desk = 'politics') => {
  const start = Date.parse('2024-01-01T08:00:00.000Z');
  const spacing = Math.floor((Date.parse('2026-10-31T08:00:00.000Z') - start) / Math.max(count, 1));
  const items = Array.from({ length: count }, (_, i) =>
    articleItemOf(archiveStory(desk, String(i), new Date(start + i * spacing).toISOString())),
  );
  await batchWrite(table, items);
};

/**
 * Fills one day of a desk with `count` live stories published a minute apart from `firstAt`, with their day archive
 * as the rebuild keeps it (slots 1…count, the day's counter), so the next story of that day is slot count+1.
 */
export const seedBusyDay = async (
  table: DynamoDbStoreOptions,
  options: { desk?: string; firstAt: string; count: number; spacingMs?: number },
): Promise<Article[]> => {
  const desk = options.desk ?? 'politics';
  const day = options.firstAt.slice(0, 10);
  const spacing = options.spacingMs ?? 60_000;
  const stories = Array.from({ length: options.count }, (_, i) =>
    archiveStory(desk, `${day}-${i + 1}`, new Date(Date.parse(options.firstAt) + i * spacing).toISOString()),
  );
  if (stories.some((a) => a.firstPublishedAt!.slice(0, 10) !== day)) throw new Error(`the stories spill out of ${day}`);
  const listing = (a: Article): PublishedStory => ({
    id: a.id,
    title: a.title,
    ...(a.deck ? { deck: a.deck } : {}),
    path: a.path!,
    desk: a.desk,
    lang: a.lang,
    publishedAt: a.firstPublishedAt!,
  });
  await batchWrite(table, [
    ...stories.map(articleItemOf),
    ...stories.flatMap((a, i) => {
      const slot = { desk, day, slot: i + 1 };
      return [archiveSlotItem(slot, listing(a)), archivePlaceItem(a.id, slot, true, a.version)];
    }),
    ...(stories.length
      ? [
          archiveDayItem(desk, {
            day,
            lastSlot: stories.length,
            live: stories.length,
            updatedAt: stories.at(-1)!.firstPublishedAt!,
          }),
        ]
      : []),
  ]);
  return stories;
};
