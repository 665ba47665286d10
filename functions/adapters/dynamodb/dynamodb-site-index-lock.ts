import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { SiteIndexLock, SiteIndexState } from '../../ports/site-index-lock.js';
import { NO_LIVE_LEASE, isConditionFailure, type DynamoDbStoreOptions } from './dynamodb-shared.js';
import { siteIndexItemSchema } from './items.js';
import { siteIndexKey } from './keys.js';
import { TABLE_TTL_ATTRIBUTE } from './table-definition.js';

/** The coalescing record for site index rebuilds (one item): pending desk-months, known archives, the lease. */
export const createDynamoDbSiteIndexLock = ({ client, tableName }: DynamoDbStoreOptions): SiteIndexLock => {
  const TableName = tableName;
  const stateOf = (item: Record<string, unknown> | undefined): SiteIndexState => {
    const parsed = siteIndexItemSchema.parse(item ?? {});
    return { pending: [...(parsed.pending ?? [])].sort(), archives: [...(parsed.archives ?? [])].sort() };
  };

  return {
    async acquire(owner, nowMs, ttlMs) {
      try {
        const out = await client.send(
          new UpdateCommand({
            TableName,
            Key: siteIndexKey(),
            UpdateExpression: `SET leaseOwner = :owner, leaseUntil = :until, ${TABLE_TTL_ATTRIBUTE} = :ttl`,
            ConditionExpression: NO_LIVE_LEASE,
            ExpressionAttributeValues: {
              ':owner': owner,
              ':until': nowMs + ttlMs,
              ':nowMs': nowMs,
              // The item also holds the archive list: TTL only far in the future, refreshed by every rebuild.
              ':ttl': Math.floor(nowMs / 1000) + 10 * 365 * 86_400,
            },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return stateOf(out.Attributes);
      } catch (error) {
        if (isConditionFailure(error)) return undefined;
        throw error;
      }
    },

    async markDone(owner, done, nowMs, ttlMs) {
      const out = await client.send(
        new UpdateCommand({
          TableName,
          Key: siteIndexKey(),
          UpdateExpression: done.length ? 'DELETE pending :done SET leaseUntil = :until' : 'SET leaseUntil = :until',
          ConditionExpression: 'leaseOwner = :owner',
          ExpressionAttributeValues: {
            ':owner': owner,
            ':until': nowMs + ttlMs,
            ...(done.length ? { ':done': new Set(done) } : {}),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return stateOf(out.Attributes);
    },

    async release(owner) {
      try {
        await client.send(
          new UpdateCommand({
            TableName,
            Key: siteIndexKey(),
            UpdateExpression: 'REMOVE leaseOwner, leaseUntil',
            ConditionExpression: 'leaseOwner = :owner AND attribute_not_exists(pending)',
            ExpressionAttributeValues: { ':owner': owner },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },
  };
};
