import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import {
  NOTIFICATION_CHANNELS,
  NOTIFICATION_KINDS,
  mergeNotificationSettings,
  type NotificationSettings,
} from '../../domain/notifications.js';
import type { DeliveryLedger, InboxNotification, NotificationStore } from '../../ports/events.js';
import { cancelledAt, isConditionFailure, type DynamoDbStoreOptions } from './dynamodb-shared.js';
import { createCursorCodec, createDynamoDbCursorSecret } from './cursor.js';
import {
  INBOX_NOTE_PREFIX,
  channelPostKey,
  deliveryKey,
  inboxNoteKey,
  inboxPartition,
  inboxStateKey,
  notificationSettingsKey,
} from './keys.js';

const noteSchema = z.object({
  id: z.string(),
  kind: z.enum(NOTIFICATION_KINDS),
  articleId: z.string(),
  subject: z.string(),
  text: z.string(),
  link: z.string(),
  at: z.string(),
  read: z.boolean(),
});
const stateSchema = z.object({ unread: z.optional(z.number()) });
const choiceSchema = z.partialRecord(z.enum(NOTIFICATION_CHANNELS), z.boolean());
const settingsItemSchema = z.object({ settings: z.partialRecord(z.enum(NOTIFICATION_KINDS), choiceSchema) });
const deliverySchema = z.object({ state: z.enum(['claimed', 'done']), leaseUntil: z.optional(z.number()) });
const postSchema = z.object({ chatId: z.string(), messageId: z.number() });

/** Mark-read takes at most this many ids per call (one transaction of two items per id stays under 100). */
export const MARK_READ_LIMIT = 40;
/** Delivery records are kept long enough to outlast every redelivery (EventBridge retries for up to 24 h). */
const DELIVERY_TTL_SECONDS = 7 * 24 * 3600;

/** Inbox, unread count and settings, in the newsroom table. */
export const createDynamoDbNotificationStore = ({ client, tableName }: DynamoDbStoreOptions): NotificationStore => {
  const TableName = tableName;
  const cursors = createCursorCodec(createDynamoDbCursorSecret({ client, tableName }));
  return {
    async addToInbox(sub, note) {
      // The note and the unread count move together: a redelivered event neither duplicates nor counts twice.
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName,
                  Item: { ...inboxNoteKey(sub, note.id), ...noteSchema.parse(note) },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              {
                Update: {
                  TableName,
                  Key: inboxStateKey(sub),
                  UpdateExpression: 'ADD unread :one',
                  ExpressionAttributeValues: { ':one': note.read ? 0 : 1 },
                },
              },
            ],
          }),
        );
        return true;
      } catch (error) {
        if (cancelledAt(error, 0)) return false;
        throw error;
      }
    },

    async listInbox(sub, page) {
      const scope = { kind: 'inbox', sub } as const;
      const start = await cursors.decode(scope, page.cursor);
      const out = await client.send(
        new QueryCommand({
          TableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': inboxPartition(sub), ':prefix': INBOX_NOTE_PREFIX },
          ScanIndexForward: false,
          Limit: page.limit,
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      const items: InboxNotification[] = (out.Items ?? []).map((i) => noteSchema.parse(i));
      const nextCursor = await cursors.encode(scope, out.LastEvaluatedKey);
      return nextCursor ? { items, nextCursor } : { items };
    },

    async unreadCount(sub) {
      const out = await client.send(new GetCommand({ TableName, Key: inboxStateKey(sub), ConsistentRead: true }));
      return Math.max(0, out.Item ? (stateSchema.parse(out.Item).unread ?? 0) : 0);
    },

    async markRead(sub, ids) {
      let changed = 0;
      for (const id of new Set(ids)) {
        try {
          await client.send(
            new TransactWriteCommand({
              TransactItems: [
                {
                  Update: {
                    TableName,
                    Key: inboxNoteKey(sub, id),
                    UpdateExpression: 'SET #read = :true',
                    ConditionExpression: 'attribute_exists(pk) AND #read = :false',
                    ExpressionAttributeNames: { '#read': 'read' },
                    ExpressionAttributeValues: { ':true': true, ':false': false },
                  },
                },
                {
                  Update: {
                    TableName,
                    Key: inboxStateKey(sub),
                    UpdateExpression: 'ADD unread :minus',
                    ExpressionAttributeValues: { ':minus': -1 },
                  },
                },
              ],
            }),
          );
          changed += 1;
        } catch (error) {
          // Already read, or not this person's: nothing to do.
          if (!cancelledAt(error, 0)) throw error;
        }
      }
      return changed;
    },

    async settings(sub) {
      const out = await client.send(new GetCommand({ TableName, Key: notificationSettingsKey(sub) }));
      return mergeNotificationSettings(out.Item ? settingsItemSchema.parse(out.Item).settings : undefined);
    },

    async saveSettings(sub, settings: NotificationSettings) {
      await client.send(new PutCommand({ TableName, Item: { ...notificationSettingsKey(sub), settings } }));
    },
  };
};

/** The consumers' delivery ledger and channel posts, in the newsroom table. */
export const createDynamoDbDeliveryLedger = ({ client, tableName }: DynamoDbStoreOptions): DeliveryLedger => {
  const TableName = tableName;
  return {
    async claim(key, nowMs, leaseMs) {
      try {
        await client.send(
          new PutCommand({
            TableName,
            Item: {
              ...deliveryKey(key),
              state: 'claimed',
              leaseUntil: nowMs + leaseMs,
              expiresAt: Math.floor(nowMs / 1000) + DELIVERY_TTL_SECONDS,
            },
            ConditionExpression: 'attribute_not_exists(pk) OR (#state = :claimed AND leaseUntil < :now)',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: { ':claimed': 'claimed', ':now': nowMs },
          }),
        );
        return 'claimed';
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        const out = await client.send(new GetCommand({ TableName, Key: deliveryKey(key), ConsistentRead: true }));
        return out.Item && deliverySchema.parse(out.Item).state === 'done' ? 'done' : 'busy';
      }
    },

    async markDone(key, nowMs) {
      await client.send(
        new UpdateCommand({
          TableName,
          Key: deliveryKey(key),
          UpdateExpression: 'SET #state = :done, doneAt = :at REMOVE leaseUntil',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':done': 'done', ':at': new Date(nowMs).toISOString() },
        }),
      );
    },

    async release(key) {
      await client
        .send(
          new DeleteCommand({
            TableName,
            Key: deliveryKey(key),
            ConditionExpression: '#state = :claimed',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: { ':claimed': 'claimed' },
          }),
        )
        .catch((error: unknown) => {
          if (!isConditionFailure(error)) throw error;
        });
    },

    async channelPost(articleId) {
      const out = await client.send(
        new GetCommand({ TableName, Key: channelPostKey(articleId), ConsistentRead: true }),
      );
      return out.Item ? postSchema.parse(out.Item) : undefined;
    },

    async saveChannelPost(articleId, post) {
      if (post) {
        await client.send(
          new PutCommand({ TableName, Item: { ...channelPostKey(articleId), ...postSchema.parse(post) } }),
        );
      } else {
        await client.send(new DeleteCommand({ TableName, Key: channelPostKey(articleId) }));
      }
    },
  };
};
