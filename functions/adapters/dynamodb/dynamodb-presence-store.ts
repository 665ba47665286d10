import { DeleteCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import type { PresenceLease, PresenceStore } from '../../ports/presence-store.js';
import { updateIfCondition, type DynamoDbStoreOptions } from './dynamodb-shared.js';
import { presenceKey, presencePartition } from './keys.js';
import { TABLE_TTL_ATTRIBUTE } from './table-definition.js';

const leaseItem = z.object({ sub: z.string(), name: z.string(), since: z.string(), untilMs: z.number() });

/** Presence leases, one item per person and story (keys.ts), deleted by TTL and ignored once expired. */
export const createDynamoDbPresenceStore = ({ client, tableName }: DynamoDbStoreOptions): PresenceStore => {
  const TableName = tableName;
  // TTL is in epoch seconds; a minute's slack so DynamoDB never deletes a lease before its own time is up.
  const expiresAtOf = (untilMs: number): number => Math.ceil(untilMs / 1000) + 60;
  return {
    async touch(articleId, person, nowMs, ttlMs) {
      const untilMs = nowMs + ttlMs;
      // Renew a live lease (keeping `since`); otherwise start a new one.
      const renewed = await updateIfCondition(
        client,
        new UpdateCommand({
          TableName,
          Key: presenceKey(articleId, person.sub),
          UpdateExpression: 'SET untilMs = :until, #name = :name, #ttl = :ttl',
          ConditionExpression: 'untilMs >= :now',
          ExpressionAttributeNames: { '#name': 'name', '#ttl': TABLE_TTL_ATTRIBUTE },
          ExpressionAttributeValues: {
            ':until': untilMs,
            ':name': person.name,
            ':ttl': expiresAtOf(untilMs),
            ':now': nowMs,
          },
        }),
      );
      if (renewed) return;
      await client.send(
        new PutCommand({
          TableName,
          Item: {
            ...presenceKey(articleId, person.sub),
            sub: person.sub,
            name: person.name,
            since: new Date(nowMs).toISOString(),
            untilMs,
            [TABLE_TTL_ATTRIBUTE]: expiresAtOf(untilMs),
          },
        }),
      );
    },

    async list(articleId, nowMs) {
      // One story's leases: a handful of small items, one page.
      const out = await client.send(
        new QueryCommand({
          TableName,
          KeyConditionExpression: 'pk = :pk',
          FilterExpression: 'untilMs >= :now',
          ExpressionAttributeValues: { ':pk': presencePartition(articleId), ':now': nowMs },
          ConsistentRead: true,
        }),
      );
      return (out.Items ?? []).map((item): PresenceLease => leaseItem.parse(item));
    },

    async leave(articleId, sub) {
      await client.send(new DeleteCommand({ TableName, Key: presenceKey(articleId, sub) }));
    },
  };
};
