import {
  BatchGetCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { DomainError } from '../../domain/errors.js';
import {
  ACCEPTED_IMAGE_TYPES,
  MEDIA_FAILURE_CODES,
  MEDIA_STATUSES,
  RENDITION_RATIOS,
  type Rendition,
} from '../../domain/media.js';
import type { ArticleQuery } from '../../ports/article-store.js';
import type { MediaStore, MediaUse, StoredMedia } from '../../ports/media-store.js';
import { createCursorCodec, createDynamoDbCursorSecret } from './cursor.js';
import { isConditionFailure, queryIndex, updateIfCondition, type DynamoDbStoreOptions } from './dynamodb-shared.js';
import {
  MEDIA_USE_PREFIX,
  articleMediaKey,
  mediaKey,
  mediaOwnerPartition,
  mediaPartition,
  mediaUseKey,
} from './keys.js';

const point = z.object({ x: z.number(), y: z.number() });
const renditionSchema = z.object({
  ratio: z.enum(RENDITION_RATIOS),
  width: z.number(),
  height: z.number(),
  format: z.enum(['avif', 'webp', 'jpeg']),
  key: z.string(),
});
const mediaItemSchema = z.object({
  id: z.string(),
  status: z.enum(MEDIA_STATUSES),
  error: z.optional(z.object({ code: z.enum(MEDIA_FAILURE_CODES), message: z.string() })),
  owner: z.object({ sub: z.string(), name: z.string() }),
  filename: z.string(),
  contentType: z.enum(ACCEPTED_IMAGE_TYPES),
  size: z.number(),
  width: z.number(),
  height: z.number(),
  alt: z.string(),
  caption: z.string(),
  credit: z.string(),
  focalPoint: point,
  processedFocalPoint: z.optional(point),
  renditions: z.array(renditionSchema),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  sharedWithDesks: z.optional(z.array(z.string())),
});
const useItemSchema = z.object({ mediaId: z.string(), articleId: z.string(), keys: z.array(z.string()) });
const articleUsesSchema = z.object({ uses: z.array(useItemSchema) });

const parseMedia = (item: Record<string, unknown>): StoredMedia => {
  const { sharedWithDesks, error, processedFocalPoint, ...rest } = mediaItemSchema.parse(item);
  return {
    ...rest,
    renditions: rest.renditions.map((r): Rendition => ({ ...r })),
    sharedWithDesks: sharedWithDesks ?? [],
    ...(error ? { error } : {}),
    ...(processedFocalPoint ? { processedFocalPoint } : {}),
  };
};

/** The item of a record: its key, and the owner index attributes (the uploader's grid, newest first). */
const mediaItem = (m: StoredMedia) => ({
  ...mediaKey(m.id),
  ...m,
  gsi2pk: mediaOwnerPartition(m.owner.sub),
  gsi2sk: `${m.createdAt}#${m.id}`,
});

/** The cursor codec signs article listings; an uploader's images get their own scope so cursors never cross. */
const ownerScope = (sub: string): ArticleQuery => ({ kind: 'author', sub: `media:${sub}` });

const BATCH_GET_LIMIT = 100;

/** Media records, and the published stories' uses of them, in the newsroom table (keys in keys.ts). */
export const createDynamoDbMediaStore = ({ client, tableName }: DynamoDbStoreOptions): MediaStore => {
  const TableName = tableName;
  const cursors = createCursorCodec(createDynamoDbCursorSecret({ client, tableName }));

  return {
    async create(media) {
      try {
        await client.send(
          new PutCommand({ TableName, Item: mediaItem(media), ConditionExpression: 'attribute_not_exists(pk)' }),
        );
      } catch (error) {
        if (isConditionFailure(error)) throw new DomainError('conflict', `media ${media.id} already exists`);
        throw error;
      }
    },

    async get(id) {
      const out = await client.send(new GetCommand({ TableName, Key: mediaKey(id), ConsistentRead: true }));
      return out.Item ? parseMedia(out.Item) : undefined;
    },

    async getMany(ids) {
      const unique = [...new Set(ids)];
      const found: StoredMedia[] = [];
      for (let i = 0; i < unique.length; i += BATCH_GET_LIMIT) {
        let keys: Record<string, unknown>[] = unique.slice(i, i + BATCH_GET_LIMIT).map((id) => ({ ...mediaKey(id) }));
        // Unprocessed keys (throttling) are asked for again until none are left.
        while (keys.length > 0) {
          const out = await client.send(
            new BatchGetCommand({ RequestItems: { [TableName]: { Keys: keys, ConsistentRead: true } } }),
          );
          found.push(...(out.Responses?.[TableName] ?? []).map(parseMedia));
          keys = out.UnprocessedKeys?.[TableName]?.Keys ?? [];
        }
      }
      return found;
    },

    async save(media, expectedVersion) {
      try {
        await client.send(
          new PutCommand({
            TableName,
            Item: mediaItem(media),
            ConditionExpression: 'attribute_exists(pk) AND version = :v',
            ExpressionAttributeValues: { ':v': expectedVersion },
          }),
        );
      } catch (error) {
        if (isConditionFailure(error)) {
          throw new DomainError('stale_version', `media ${media.id} changed since version ${expectedVersion}`);
        }
        throw error;
      }
    },

    async startProcessing(id, nowIso) {
      try {
        const out = await client.send(
          new UpdateCommand({
            TableName,
            Key: mediaKey(id),
            // The version is the editors' (alt, caption, credit, focal point): processing leaves it alone, so an open
            // photo panel's next save is not refused because the crops were re-cut meanwhile.
            UpdateExpression: 'SET #status = :processing, updatedAt = :now REMOVE #error',
            // A re-delivered event finds `processing` or a `ready` record whose crops match its focal point: no-op.
            ConditionExpression:
              'attribute_exists(pk) AND (#status = :awaiting OR (#status = :ready AND focalPoint <> processedFocalPoint))',
            ExpressionAttributeNames: { '#status': 'status', '#error': 'error' },
            ExpressionAttributeValues: {
              ':processing': 'processing',
              ':awaiting': 'awaiting_upload',
              ':ready': 'ready',
              ':now': nowIso,
            },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return out.Attributes ? parseMedia(out.Attributes) : undefined;
      } catch (error) {
        if (isConditionFailure(error)) return undefined;
        throw error;
      }
    },

    finishProcessing(id, result, nowIso) {
      const values: Record<string, unknown> = {
        ':processing': 'processing',
        ':status': result.status,
        ':now': nowIso,
      };
      let set = '#status = :status, updatedAt = :now';
      let remove = '';
      if (result.status === 'ready') {
        set += ', width = :w, height = :h, renditions = :r, processedFocalPoint = :fp';
        Object.assign(values, {
          ':w': result.width,
          ':h': result.height,
          ':r': result.renditions,
          ':fp': result.focalPoint,
        });
        remove = ' REMOVE #error';
      } else {
        set += ', #error = :error, renditions = :none';
        Object.assign(values, { ':error': result.error, ':none': [] });
      }
      return updateIfCondition(
        client,
        new UpdateCommand({
          TableName,
          Key: mediaKey(id),
          UpdateExpression: `SET ${set}${remove}`,
          ConditionExpression: '#status = :processing',
          ExpressionAttributeNames: { '#status': 'status', '#error': 'error' },
          ExpressionAttributeValues: values,
        }),
      );
    },

    async listByOwner(sub, page) {
      const scope = ownerScope(sub);
      const start = await cursors.decode(scope, page.cursor);
      const out = await client.send(
        new QueryCommand({
          TableName,
          ...queryIndex('authorArticles', 'gsi2pk', mediaOwnerPartition(sub), {
            Limit: page.limit,
            ...(start ? { ExclusiveStartKey: start } : {}),
          }),
        }),
      );
      const items = (out.Items ?? []).map(parseMedia);
      const nextCursor = await cursors.encode(scope, out.LastEvaluatedKey);
      return nextCursor ? { items, nextCursor } : { items };
    },

    async shareWithDesk(ids, desk) {
      for (const id of new Set(ids)) {
        // The desk goes in once; a record shared already is left as it is.
        await updateIfCondition(
          client,
          new UpdateCommand({
            TableName,
            Key: mediaKey(id),
            UpdateExpression: 'SET sharedWithDesks = list_append(if_not_exists(sharedWithDesks, :empty), :desk)',
            ConditionExpression:
              'attribute_exists(pk) AND (attribute_not_exists(sharedWithDesks) OR NOT contains(sharedWithDesks, :d))',
            ExpressionAttributeValues: { ':empty': [], ':desk': [desk], ':d': desk },
          }),
        );
      }
    },

    async recordUses(articleId, uses) {
      const before = await client.send(
        new GetCommand({ TableName, Key: articleMediaKey(articleId), ConsistentRead: true }),
      );
      const still = new Set(uses.map((u) => u.mediaId));
      for (const old of before.Item ? articleUsesSchema.parse(before.Item).uses : []) {
        if (!still.has(old.mediaId)) {
          await client.send(new DeleteCommand({ TableName, Key: mediaUseKey(old.mediaId, articleId) }));
        }
      }
      for (const use of uses) {
        await client.send(new PutCommand({ TableName, Item: { ...mediaUseKey(use.mediaId, articleId), ...use } }));
      }
      await client.send(
        new PutCommand({ TableName, Item: { ...articleMediaKey(articleId), uses: uses.map((u) => ({ ...u })) } }),
      );
    },

    async usesOf(articleId) {
      const out = await client.send(
        new GetCommand({ TableName, Key: articleMediaKey(articleId), ConsistentRead: true }),
      );
      return out.Item ? articleUsesSchema.parse(out.Item).uses : [];
    },

    async usesOfMedia(mediaId) {
      const uses: MediaUse[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const out = await client.send(
          new QueryCommand({
            TableName,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :use)',
            ExpressionAttributeValues: { ':pk': mediaPartition(mediaId), ':use': MEDIA_USE_PREFIX },
            ConsistentRead: true,
            ...(start ? { ExclusiveStartKey: start } : {}),
          }),
        );
        uses.push(...(out.Items ?? []).map((i) => useItemSchema.parse(i)));
        start = out.LastEvaluatedKey;
      } while (start);
      return uses;
    },

    async forgetUses(articleId) {
      const out = await client.send(
        new GetCommand({ TableName, Key: articleMediaKey(articleId), ConsistentRead: true }),
      );
      const uses = out.Item ? articleUsesSchema.parse(out.Item).uses : [];
      for (const use of uses) {
        await client.send(new DeleteCommand({ TableName, Key: mediaUseKey(use.mediaId, articleId) }));
      }
      await client.send(new DeleteCommand({ TableName, Key: articleMediaKey(articleId) }));
    },
  };
};
