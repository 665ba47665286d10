import { beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_DYNAMODB_CREDENTIALS, createDocumentClient } from '../../../functions/adapters/aws/clients.js';
import { createDynamoDbPublishedIndex } from '../../../functions/adapters/dynamodb/dynamodb-published-index.js';
import type { PublishedIndex, PublishedStory } from '../../../functions/ports/published-index.js';
import { createTestTable, testEnvironment } from '../support/emulators.js';
import { codeOf } from '../support/store-fixtures.js';

const NOW = '2026-11-20T09:00:00.000Z';
let index: PublishedIndex;

beforeAll(async () => {
  const env = testEnvironment();
  index = createDynamoDbPublishedIndex({
    client: createDocumentClient({ endpoint: env.dynamoEndpoint, credentials: LOCAL_DYNAMODB_CREDENTIALS }),
    tableName: await createTestTable(),
  });
});

const story = (id: string, title = `Story ${id}`): PublishedStory => ({
  id,
  title,
  path: `/politics/2026/11/20/${id}/`,
  desk: 'politics',
  lang: 'en',
  publishedAt: NOW,
});
const place = (id: string, version: number, live: PublishedStory | undefined, day = '2026-11-20') =>
  index.placeInDay({ id, desk: 'politics', day, version, ...(live ? { story: live } : {}) }, NOW);

describe('the day archive in DynamoDB', () => {
  it('hands out slots in order, keeps a story in its slot through correction, take-down and restore', async () => {
    expect(await place('a', 1, story('a'))).toEqual({ desk: 'politics', day: '2026-11-20', slot: 1 });
    expect(await place('b', 1, story('b'))).toEqual({ desk: 'politics', day: '2026-11-20', slot: 2 });
    expect(await place('c', 1, story('c'))).toEqual({ desk: 'politics', day: '2026-11-20', slot: 3 });
    // Again, as a retried round does: the same slot, nothing counted twice.
    expect(await place('b', 2, story('b', 'Corrected'))).toEqual({ desk: 'politics', day: '2026-11-20', slot: 2 });
    expect(await place('a', 2, undefined)).toEqual({ desk: 'politics', day: '2026-11-20', slot: 1 });

    expect((await index.slotsOfDay('politics', '2026-11-20', { from: 1, to: 3 })).map((s) => s.title)).toEqual([
      'Corrected',
      'Story c',
    ]);
    expect((await index.slotsOfDay('politics', '2026-11-20', { from: 3, to: 4 })).map((s) => s.id)).toEqual(['c']);
    expect(await index.daysOfMonth('politics', '2026-11')).toEqual([
      { day: '2026-11-20', lastSlot: 3, live: 2, updatedAt: NOW },
    ]);

    expect(await place('a', 3, story('a'))).toEqual({ desk: 'politics', day: '2026-11-20', slot: 1 });
    expect((await index.daysOfMonth('politics', '2026-11'))[0]?.live).toBe(3);
  });

  it('never writes an older state of a story over a newer one', async () => {
    await place('v', 5, story('v', 'Newer'));
    expect(await codeOf(place('v', 4, story('v', 'Older')))).toBe('conflict');
    const shown = await index.slotsOfDay('politics', '2026-11-20', { from: 1, to: 100 });
    expect(shown.find((s) => s.id === 'v')?.title).toBe('Newer');
  });

  it('a story never live has no slot; days of a month come back oldest first', async () => {
    expect(await place('never', 1, undefined, '2026-10-02')).toBeUndefined();
    await place('x', 1, story('x'), '2026-10-05');
    await place('y', 1, story('y'), '2026-10-01');
    expect((await index.daysOfMonth('politics', '2026-10')).map((d) => [d.day, d.live])).toEqual([
      ['2026-10-01', 1],
      ['2026-10-05', 1],
    ]);
  });
});
