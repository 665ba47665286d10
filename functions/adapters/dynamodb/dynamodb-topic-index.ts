import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { topicRefId, type TopicKind, type TopicRef } from '../../domain/bylines.js';
import type { PublishedStory } from '../../ports/published-index.js';
import type { TopicIndex } from '../../ports/topic-index.js';
import type { DynamoDbStoreOptions } from './dynamodb-shared.js';
import {
  TOPIC_REGISTRY_PARTITION,
  TOPIC_STORY_PREFIX,
  topicMembershipKey,
  topicPartition,
  topicRegistryKey,
  topicStoryKey,
  WITHDRAWN_PARTITION,
  withdrawnKey,
  withdrawnPointerKey,
} from './keys.js';

const kind = z.enum(['author', 'tag']);
const withdrawalSchema = z.object({
  articleId: z.string(),
  uri: z.string(),
  version: z.string(),
  at: z.string(),
  firstPublishedAt: z.string(),
  lang: z.string(),
});
const ref = z.object({ kind, slug: z.string(), name: z.string() });
const membershipSchema = z.object({ version: z.int(), sortKey: z.string(), refs: z.array(ref) });
const storySchema = z.object({
  id: z.string(),
  title: z.string(),
  deck: z.optional(z.string()),
  path: z.string(),
  desk: z.string(),
  lang: z.enum(['ru', 'en']),
  publishedAt: z.string(),
  modifiedAt: z.optional(z.string()),
  topicName: z.string(),
});

/** Attempts at the membership's optimistic write when another writer moved it between read and write. */
const SYNC_ATTEMPTS = 3;

export const createDynamoDbTopicIndex = ({ client, tableName }: DynamoDbStoreOptions): TopicIndex => {
  const TableName = tableName;

  const readMembership = async (articleId: string) => {
    const out = await client.send(
      new GetCommand({ TableName, Key: topicMembershipKey(articleId), ConsistentRead: true }),
    );
    return out.Item ? membershipSchema.parse(out.Item) : undefined;
  };

  const syncOnce = async (input: Parameters<TopicIndex['syncStory']>[0]) => {
    const before = await readMembership(input.articleId);
    const previous = before?.refs ?? [];
    if (before && before.version > input.version) return { applied: false, previous, moved: false };
    const story = input.story;
    const sortKey = story ? `${story.publishedAt}#${story.id}` : '';
    const refs = story ? input.refs : [];
    const keep = new Set(refs.map(topicRefId));
    const guard = before
      ? {
          ConditionExpression: '#v = :read',
          ExpressionAttributeNames: { '#v': 'version' },
          ExpressionAttributeValues: { ':read': before.version },
        }
      : { ConditionExpression: 'attribute_not_exists(pk)' };
    const membership = refs.length
      ? {
          Put: {
            TableName,
            Item: { ...topicMembershipKey(input.articleId), version: input.version, sortKey, refs },
            ...guard,
          },
        }
      : { Delete: { TableName, Key: topicMembershipKey(input.articleId), ...guard } };
    // Items under the old sort key go even when the topic stays (a restored story may carry a new date).
    const removals = previous
      .filter((r) => !keep.has(topicRefId(r)) || before?.sortKey !== sortKey)
      .map((r) => ({
        Delete: {
          TableName,
          Key: { pk: topicPartition(r.kind, r.slug), sk: `${TOPIC_STORY_PREFIX}${before?.sortKey ?? ''}` },
        },
      }));
    const puts = story
      ? refs.map((r) => ({
          Put: {
            TableName,
            Item: {
              ...topicStoryKey(r.kind, r.slug, story.publishedAt, story.id),
              ...story,
              topicName: r.name,
            },
          },
        }))
      : [];
    if (!before && refs.length === 0) return { applied: true, previous, moved: false };
    try {
      await client.send(new TransactWriteCommand({ TransactItems: [membership, ...removals, ...puts] }));
      return { applied: true, previous, moved: false };
    } catch (error) {
      if (
        error instanceof TransactionCanceledException &&
        error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed'
      ) {
        return { applied: false, previous, moved: true };
      }
      throw error;
    }
  };

  return {
    async syncStory(input) {
      for (let attempt = 1; ; attempt += 1) {
        const result = await syncOnce(input);
        if (!result.moved || attempt >= SYNC_ATTEMPTS) return { applied: result.applied, previous: result.previous };
      }
    },

    async latest(topicKind, slug, limit) {
      const out = await client.send(
        new QueryCommand({
          TableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :story)',
          ExpressionAttributeValues: { ':pk': topicPartition(topicKind, slug), ':story': TOPIC_STORY_PREFIX },
          ScanIndexForward: false,
          Limit: limit,
        }),
      );
      const rows = (out.Items ?? []).map((item) => storySchema.parse(item));
      const items = rows.map(({ topicName: _name, ...story }): PublishedStory => story);
      return { ...(rows[0] ? { name: rows[0].topicName } : {}), items };
    },

    async register(refs) {
      if (refs.length === 0) return [];
      const out = await client.send(
        new BatchGetCommand({
          RequestItems: {
            [TableName]: { Keys: refs.map((r) => topicRegistryKey(r.kind, r.slug)), ConsistentRead: true },
          },
        }),
      );
      // An unprocessed key counts as missing: registering again is harmless.
      const known = new Set((out.Responses?.[TableName] ?? []).map((item) => String(item.sk)));
      const added = refs.filter((r) => !known.has(topicRegistryKey(r.kind, r.slug).sk));
      for (const r of added) {
        await client.send(new PutCommand({ TableName, Item: { ...topicRegistryKey(r.kind, r.slug), ...r } }));
      }
      return added;
    },

    async unregister(topicKind: TopicKind, slug: string) {
      await client.send(new DeleteCommand({ TableName, Key: topicRegistryKey(topicKind, slug) }));
    },

    async listTopics(limit) {
      const topics: TopicRef[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const out = await client.send(
          new QueryCommand({
            TableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': TOPIC_REGISTRY_PARTITION },
            Limit: Math.min(limit - topics.length, 1_000),
            ExclusiveStartKey: start,
          }),
        );
        for (const item of out.Items ?? []) topics.push(ref.parse(item));
        start = out.LastEvaluatedKey;
      } while (start && topics.length < limit);
      return topics;
    },

    async recordWithdrawal(entry) {
      const pointer = await client.send(
        new GetCommand({ TableName, Key: withdrawnPointerKey(entry.articleId), ConsistentRead: true }),
      );
      if (pointer.Item) return;
      await client.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName, Item: { ...withdrawnKey(entry.at, entry.articleId), ...entry } } },
            { Put: { TableName, Item: { ...withdrawnPointerKey(entry.articleId), at: entry.at } } },
          ],
        }),
      );
    },

    async forgetWithdrawal(articleId) {
      const pointer = await client.send(
        new GetCommand({ TableName, Key: withdrawnPointerKey(articleId), ConsistentRead: true }),
      );
      const at = z.optional(z.object({ at: z.string() })).parse(pointer.Item)?.at;
      if (at === undefined) return;
      await client.send(
        new TransactWriteCommand({
          TransactItems: [
            { Delete: { TableName, Key: withdrawnKey(at, articleId) } },
            { Delete: { TableName, Key: withdrawnPointerKey(articleId) } },
          ],
        }),
      );
    },

    async withdrawals(limit) {
      const out = await client.send(
        new QueryCommand({
          TableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': WITHDRAWN_PARTITION },
          ScanIndexForward: false,
          Limit: limit,
        }),
      );
      return (out.Items ?? []).map((item) => withdrawalSchema.parse(item));
    },
  };
};
