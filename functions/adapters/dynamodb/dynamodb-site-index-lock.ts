import {
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { DomainError } from '../../domain/errors.js';
import type { DeskMonth, PendingMark, SiteIndexLock, SiteIndexState } from '../../ports/site-index-lock.js';
import {
  NO_LIVE_LEASE,
  cancelledAt,
  isConditionFailure,
  type DynamoDbStoreOptions,
  updateIfCondition,
} from './dynamodb-shared.js';
import { legacySiteIndexSchema, siteIndexItemSchema, siteMarkItemSchema } from './items.js';
import {
  SITE_MARKS_PARTITION,
  SITE_MARK_PREFIX,
  deskMonthToken,
  looseMarkId,
  parseDeskMonthToken,
  siteIndexKey,
  siteIndexMarkKey,
} from './keys.js';
import { TABLE_TTL_ATTRIBUTE } from './table-definition.js';

/**
 * A mark nobody covered within a week is dropped by TTL, so the partition cannot grow without bound if rebuilds stop;
 * the tick's reconcile re-enqueues whatever a desk's newest stories still need.
 */
const MARK_TTL_SECONDS = 7 * 86_400;
/** TransactWriteItems takes at most 100 items: the lease item plus this many deletes. */
const DELETES_PER_TRANSACTION = 99;

/** The item of one pending mark; written inside an article's commit transaction or by `addMarks`. */
export const siteMarkItem = (
  markId: string,
  mark: { articleId: string } & DeskMonth,
  nowMs: number,
): Record<string, unknown> => ({
  ...siteIndexMarkKey(markId),
  articleId: mark.articleId,
  desk: mark.desk,
  month: mark.month,
  createdAt: new Date(nowMs).toISOString(),
  [TABLE_TTL_ATTRIBUTE]: Math.floor(nowMs / 1000) + MARK_TTL_SECONDS,
});

const leaseLost = (): DomainError =>
  new DomainError('conflict', 'the site-index rebuild lease was taken over by another runner; it finishes the work');

/**
 * The coalescing record for site index rebuilds (one item: the lease, known archives, what desk pages listed) and the
 * pending marks (one item each, see siteIndexMarkKey).
 */
export const createDynamoDbSiteIndexLock = ({ client, tableName }: DynamoDbStoreOptions): SiteIndexLock => {
  const TableName = tableName;
  const stateOf = (item: Record<string, unknown> | undefined): SiteIndexState => {
    const parsed = siteIndexItemSchema.parse(item ?? {});
    return {
      archives: [...(parsed.archives ?? [])].sort().flatMap((t) => parseDeskMonthToken(t) ?? []),
      listed: parsed.listed ?? {},
    };
  };

  /**
   * Tables written before marks existed hold pending desk-months as a string set on the record: the lease holder turns
   * them into marks (with no article to check) and removes exactly those tokens, so no pending work is dropped.
   */
  const migrateLegacyPending = async (item: Record<string, unknown> | undefined, nowMs: number): Promise<void> => {
    const legacy = legacySiteIndexSchema.parse(item ?? {}).pending;
    if (!legacy?.size) return;
    const at = new Date(nowMs).toISOString();
    await Promise.all(
      [...legacy].flatMap((token) => {
        const deskMonth = parseDeskMonthToken(token);
        if (!deskMonth) return [];
        const id = looseMarkId(at, `legacy#${token}`);
        return [
          client.send(new PutCommand({ TableName, Item: siteMarkItem(id, { articleId: '', ...deskMonth }, nowMs) })),
        ];
      }),
    );
    await client.send(
      new UpdateCommand({
        TableName,
        Key: siteIndexKey(),
        UpdateExpression: 'DELETE pending :tokens',
        ExpressionAttributeValues: { ':tokens': legacy },
      }),
    );
  };

  const conditional = (command: UpdateCommand): Promise<boolean> => updateIfCondition(client, command);

  return {
    async acquire(owner, nowMs, ttlMs) {
      try {
        const out = await client.send(
          new UpdateCommand({
            TableName,
            Key: siteIndexKey(),
            // `listed` exists from the first lease on, so markDone can set one desk's entry without a read.
            UpdateExpression: `SET leaseOwner = :owner, leaseUntil = :until, ${TABLE_TTL_ATTRIBUTE} = :ttl, listed = if_not_exists(listed, :empty)`,
            ConditionExpression: NO_LIVE_LEASE,
            ExpressionAttributeValues: {
              ':owner': owner,
              ':until': nowMs + ttlMs,
              ':nowMs': nowMs,
              // The item also holds the archive list: TTL only far in the future, refreshed by every rebuild.
              ':ttl': Math.floor(nowMs / 1000) + 10 * 365 * 86_400,
              ':empty': {},
            },
            ReturnValues: 'ALL_NEW',
          }),
        );
        await migrateLegacyPending(out.Attributes, nowMs);
        return stateOf(out.Attributes);
      } catch (error) {
        if (isConditionFailure(error)) return undefined;
        throw error;
      }
    },

    renew: (owner, nowMs, ttlMs) =>
      conditional(
        new UpdateCommand({
          TableName,
          Key: siteIndexKey(),
          UpdateExpression: 'SET leaseUntil = :until',
          ConditionExpression: 'leaseOwner = :owner',
          ExpressionAttributeValues: { ':owner': owner, ':until': nowMs + ttlMs },
        }),
      ),

    async pendingMarks(limit) {
      const out = await client.send(
        new QueryCommand({
          TableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': SITE_MARKS_PARTITION, ':prefix': SITE_MARK_PREFIX },
          ConsistentRead: true,
          ScanIndexForward: true,
          Limit: limit,
        }),
      );
      return (out.Items ?? []).map((raw): PendingMark => {
        const item = siteMarkItemSchema.parse(raw);
        return {
          id: item.sk.slice(SITE_MARK_PREFIX.length),
          articleId: item.articleId,
          desk: item.desk,
          month: item.month,
          createdAt: item.createdAt,
        };
      });
    },

    async addMarks(marks, nowMs) {
      const at = new Date(nowMs).toISOString();
      await Promise.all(
        marks.map((m) =>
          client.send(new PutCommand({ TableName, Item: siteMarkItem(looseMarkId(at, m.id), m, nowMs) })),
        ),
      );
    },

    async markDone(owner, work, nowMs, ttlMs) {
      const desks = Object.keys(work.listed);
      const names = Object.fromEntries(desks.map((d, i) => [`#d${i}`, d]));
      const listedValues = Object.fromEntries(desks.map((d, i) => [`:l${i}`, work.listed[d]]));
      const tokens = new Set(work.archives.map((a) => deskMonthToken(a.desk, a.month)));
      const sets = ['leaseUntil = :until', ...desks.map((_, i) => `listed.#d${i} = :l${i}`)];
      const leaseUpdate: NonNullable<TransactWriteCommandInput['TransactItems']>[number] = {
        Update: {
          TableName,
          Key: siteIndexKey(),
          UpdateExpression: `SET ${sets.join(', ')}${tokens.size ? ' ADD archives :tokens' : ''}`,
          ConditionExpression: 'leaseOwner = :owner',
          ...(desks.length ? { ExpressionAttributeNames: names } : {}),
          ExpressionAttributeValues: {
            ':owner': owner,
            ':until': nowMs + ttlMs,
            ...listedValues,
            ...(tokens.size ? { ':tokens': tokens } : {}),
          },
        },
      };
      const leaseCheck: NonNullable<TransactWriteCommandInput['TransactItems']>[number] = {
        ConditionCheck: {
          TableName,
          Key: siteIndexKey(),
          ConditionExpression: 'leaseOwner = :owner',
          ExpressionAttributeValues: { ':owner': owner },
        },
      };
      // Each mark is deleted by its own key, in the same transaction as the lease check: a mark recorded after the
      // rebuild read has another key and stays.
      const deletes = [...new Set(work.done)].map((id) => ({ Delete: { TableName, Key: siteIndexMarkKey(id) } }));
      let first = true;
      do {
        const chunk = deletes.splice(0, DELETES_PER_TRANSACTION);
        try {
          await client.send(new TransactWriteCommand({ TransactItems: [first ? leaseUpdate : leaseCheck, ...chunk] }));
        } catch (error) {
          if (cancelledAt(error, 0)) throw leaseLost();
          throw error;
        }
        first = false;
      } while (deletes.length > 0);
    },

    release: (owner) =>
      conditional(
        new UpdateCommand({
          TableName,
          Key: siteIndexKey(),
          UpdateExpression: 'REMOVE leaseOwner, leaseUntil',
          ConditionExpression: 'leaseOwner = :owner',
          ExpressionAttributeValues: { ':owner': owner },
        }),
      ),

    async read() {
      const out = await client.send(new GetCommand({ TableName, Key: siteIndexKey(), ConsistentRead: true }));
      return stateOf(out.Item);
    },
  };
};
