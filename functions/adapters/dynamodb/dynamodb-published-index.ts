import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type QueryCommandInput,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import type { ArchiveDay } from '../../domain/day-archive.js';
import { DomainError } from '../../domain/errors.js';
import type { DaySlot, PublishedIndex, PublishedStory } from '../../ports/published-index.js';
import { queryIndex, type DynamoDbStoreOptions } from './dynamodb-shared.js';
import { parseListingItem } from './items.js';
import {
  archiveDayKey,
  archiveDaysPartition,
  archivePlaceKey,
  archiveSlotKey,
  archiveSlotSortKey,
  archiveSlotsPartition,
  type ItemKey,
  deskPublishedPartition,
  monthPublishedPartition,
} from './keys.js';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const lang = z.enum(['ru', 'en']);
/** A slot of the day archive: the story's listing fields, and whether it is shown. */
const slotItemSchema = z.object({
  id: z.string(),
  shown: z.boolean(),
  title: z.string(),
  deck: z.optional(z.string()),
  path: z.string(),
  desk: z.string(),
  lang,
  publishedAt: z.string(),
  modifiedAt: z.optional(z.string()),
});
const placeItemSchema = z.object({
  desk: z.string(),
  day: z.string(),
  slot: z.int(),
  shown: z.boolean(),
  version: z.optional(z.int()),
});
const dayItemSchema = z.object({ day: z.string(), lastSlot: z.int(), live: z.int(), updatedAt: z.string() });

/** The slot item of a story (what a day chunk lists), built here so the seeding helpers write the same shape. */
export const archiveSlotItem = (
  place: DaySlot,
  story: PublishedStory | undefined,
  previous?: Record<string, unknown>,
): Record<string, unknown> => {
  const shown = story !== undefined;
  const fields = story ?? slotItemSchema.parse(previous);
  return {
    ...archiveSlotKey(place.desk, place.day, place.slot),
    id: fields.id,
    shown,
    title: fields.title,
    ...(fields.deck ? { deck: fields.deck } : {}),
    path: fields.path,
    desk: fields.desk,
    lang: fields.lang,
    publishedAt: fields.publishedAt,
    ...(fields.modifiedAt ? { modifiedAt: fields.modifiedAt } : {}),
  };
};

/** Where a story's slot is. */
export const archivePlaceItem = (
  id: string,
  place: DaySlot,
  shown: boolean,
  version: number,
): Record<string, unknown> => ({
  ...archivePlaceKey(id),
  desk: place.desk,
  day: place.day,
  slot: place.slot,
  shown,
  version,
});

/** A desk-day's counter. */
export const archiveDayItem = (desk: string, day: ArchiveDay): Record<string, unknown> => ({
  ...archiveDayKey(desk, day.day),
  ...day,
});

/** Bounded reads of the live archive from the published-list indexes, and the day archive the rebuild keeps. */
export const createDynamoDbPublishedIndex = ({ client, tableName }: DynamoDbStoreOptions): PublishedIndex => {
  const TableName = tableName;
  /** Reads a list up to `Limit` items, following DynamoDB's 1 MB pages. */
  const query = async <T>(
    input: Omit<QueryCommandInput, 'TableName'>,
    parse: (raw: Record<string, unknown>) => T | undefined,
  ): Promise<T[]> => {
    const limit = input.Limit ?? Number.POSITIVE_INFINITY;
    const items: T[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await client.send(
        new QueryCommand({
          TableName,
          ...input,
          Limit: Math.min(limit - items.length, 1_000),
          ExclusiveStartKey: start,
        }),
      );
      for (const raw of out.Items ?? []) {
        const item = parse(raw);
        if (item) items.push(item);
      }
      start = out.LastEvaluatedKey;
    } while (start && items.length < limit);
    return items;
  };
  const listing = (input: Omit<QueryCommandInput, 'TableName'>) => query(input, parseListingItem);
  const get = async (Key: ItemKey) =>
    (await client.send(new GetCommand({ TableName, Key, ConsistentRead: true }))).Item;
  const transact = async (items: TransactItem[]): Promise<void> => {
    try {
      await client.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      if (error instanceof TransactionCanceledException) {
        throw new DomainError('conflict', 'the day archive changed under this rebuild; the next runner redoes it');
      }
      throw error;
    }
  };
  /** Moves the day's live count by `delta` (and hands out `slot` when given), on the condition it was not moved meanwhile. */
  const dayUpdate = (
    desk: string,
    day: string,
    nowIso: string,
    delta: number,
    slot?: { was: number },
  ): TransactItem => ({
    Update: {
      TableName,
      Key: archiveDayKey(desk, day),
      UpdateExpression: `SET #day = :day, live = if_not_exists(live, :zero) + :delta, updatedAt = :now${
        slot ? ', lastSlot = :slot' : ', lastSlot = if_not_exists(lastSlot, :zero)'
      }`,
      ...(slot
        ? {
            ConditionExpression: slot.was === 0 ? 'attribute_not_exists(pk)' : 'lastSlot = :was',
          }
        : {}),
      ExpressionAttributeNames: { '#day': 'day' },
      ExpressionAttributeValues: {
        ':day': day,
        ':zero': 0,
        ':delta': delta,
        ':now': nowIso,
        ...(slot ? { ':slot': slot.was + 1, ...(slot.was === 0 ? {} : { ':was': slot.was }) } : {}),
      },
    },
  });

  return {
    latestOfDesk: (desk, limit) =>
      listing(queryIndex('deskPublished', 'gsi3pk', deskPublishedPartition(desk), { Limit: limit })),
    monthOfDesk: (desk, month, limit) =>
      listing(
        queryIndex('deskPublished', 'gsi3pk', deskPublishedPartition(desk), {
          KeyConditionExpression: ' AND begins_with(gsi3sk, :month)',
          ExpressionAttributeValues: { ':month': `${month}-` },
          Limit: limit,
        }),
      ),
    monthOfSite: (month, { sinceIso, limit }) =>
      listing(
        queryIndex('monthPublished', 'gsi4pk', monthPublishedPartition(month), {
          ...(sinceIso
            ? { KeyConditionExpression: ' AND gsi4sk >= :since', ExpressionAttributeValues: { ':since': sinceIso } }
            : {}),
          Limit: limit,
        }),
      ),

    async placeInDay({ id, desk, day, version, story }, nowIso) {
      const rawPlace = await get(archivePlaceKey(id));
      const place = rawPlace ? placeItemSchema.parse(rawPlace) : undefined;
      if (!place) {
        if (!story) return undefined;
        const rawDay = await get(archiveDayKey(desk, day));
        const was = rawDay ? dayItemSchema.parse(rawDay).lastSlot : 0;
        const slot: DaySlot = { desk, day, slot: was + 1 };
        await transact([
          dayUpdate(desk, day, nowIso, 1, { was }),
          { Put: { TableName, Item: archiveSlotItem(slot, story) } },
          {
            Put: {
              TableName,
              Item: archivePlaceItem(id, slot, true, version),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ]);
        return slot;
      }
      const slot: DaySlot = { desk: place.desk, day: place.day, slot: place.slot };
      const shown = story !== undefined;
      const previous = story ? undefined : await get(archiveSlotKey(slot.desk, slot.day, slot.slot));
      await transact([
        dayUpdate(slot.desk, slot.day, nowIso, (shown ? 1 : 0) - (place.shown ? 1 : 0)),
        { Put: { TableName, Item: archiveSlotItem(slot, story, previous) } },
        {
          Put: {
            TableName,
            Item: archivePlaceItem(id, slot, shown, version),
            ConditionExpression: 'shown = :was AND (attribute_not_exists(version) OR version <= :version)',
            ExpressionAttributeValues: { ':was': place.shown, ':version': version },
          },
        },
      ]);
      return slot;
    },

    slotsOfDay: (desk, day, { from, to }) =>
      query(
        {
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: {
            ':pk': archiveSlotsPartition(desk, day),
            ':from': archiveSlotSortKey(from),
            ':to': archiveSlotSortKey(to),
          },
          ConsistentRead: true,
          Limit: to - from + 1,
        },
        (raw): PublishedStory | undefined => {
          const s = slotItemSchema.parse(raw);
          if (!s.shown) return undefined;
          return {
            id: s.id,
            title: s.title,
            ...(s.deck ? { deck: s.deck } : {}),
            path: s.path,
            desk: s.desk,
            lang: s.lang,
            publishedAt: s.publishedAt,
            ...(s.modifiedAt ? { modifiedAt: s.modifiedAt } : {}),
          };
        },
      ),

    daysOfMonth: (desk, month) =>
      query(
        {
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': archiveDaysPartition(desk, month) },
          ConsistentRead: true,
          Limit: 31,
        },
        (raw): ArchiveDay => {
          const d = dayItemSchema.parse(raw);
          return { day: d.day, lastSlot: d.lastSlot, live: d.live, updatedAt: d.updatedAt };
        },
      ),
  };
};
