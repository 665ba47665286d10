import {
  BatchGetCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { DomainError } from '../../domain/errors.js';
import type { Article, ArticleEvent } from '../../domain/article.js';
import type { ArticleCommit, ArticleQuery, ArticleStore, Page } from '../../ports/article-store.js';
import {
  NO_LIVE_LEASE,
  cancelledAt,
  isConditionFailure,
  queryIndex,
  type DynamoDbStoreOptions,
  updateIfCondition,
} from './dynamodb-shared.js';
import {
  DUE_PARTITION,
  EVENT_PREFIX,
  articleIndexAttributes,
  articleKey,
  articlePartition,
  authorPartition,
  commitMarkId,
  deskQueuePartition,
  eventKey,
  pathReservationKey,
  revisionKey,
} from './keys.js';
import { articleAttributes, parseArticleItem, parseEventItem, parseRevisionItem } from './items.js';
import { siteMarkItem } from './dynamodb-site-index-lock.js';
import { createCursorCodec, createDynamoDbCursorSecret } from './cursor.js';
import { articleTooLarge, assertItemsSendable, isItemTooLarge } from './item-size.js';

export const createDynamoDbArticleStore = ({ client, tableName }: DynamoDbStoreOptions): ArticleStore => {
  const TableName = tableName;
  const cursors = createCursorCodec(createDynamoDbCursorSecret({ client, tableName }));

  const get = async (id: string): Promise<Article | undefined> => {
    const out = await client.send(new GetCommand({ TableName, Key: articleKey(id), ConsistentRead: true }));
    return out.Item ? parseArticleItem(out.Item) : undefined;
  };

  /** One BatchGetItem (DynamoDB's cap is 100 keys); keys it leaves unprocessed under throttling are asked again. */
  const getMany = async (ids: readonly string[]): Promise<Map<string, Article>> => {
    const found = new Map<string, Article>();
    let keys: Record<string, unknown>[] = [...new Set(ids)].map((id) => ({ ...articleKey(id) }));
    if (keys.length > 100) throw new Error(`getMany takes at most 100 ids, not ${String(keys.length)}`);
    for (let attempt = 0; keys.length > 0 && attempt < 5; attempt += 1) {
      const out = await client.send(
        new BatchGetCommand({ RequestItems: { [TableName]: { Keys: keys, ConsistentRead: true } } }),
      );
      for (const item of out.Responses?.[TableName] ?? []) {
        const article = parseArticleItem(item);
        found.set(article.id, article);
      }
      keys = out.UnprocessedKeys?.[TableName]?.Keys ?? [];
    }
    if (keys.length > 0) throw new Error(`${String(keys.length)} articles stayed unprocessed after retries`);
    return found;
  };

  const queryArticles = async (
    input: Omit<QueryCommandInput, 'TableName'>,
  ): Promise<{ items: Article[]; last?: Record<string, unknown> }> => {
    const out = await client.send(new QueryCommand({ TableName, ...input }));
    return { items: (out.Items ?? []).map(parseArticleItem), last: out.LastEvaluatedKey };
  };

  const conditionally = (command: UpdateCommand): Promise<boolean> => updateIfCondition(client, command);

  const store: ArticleStore = {
    getMany,
    get,

    async commit(change: ArticleCommit): Promise<void> {
      const { article } = change;
      const item = { ...articleKey(article.id), ...articleIndexAttributes(article), ...articleAttributes(article) };
      const metaCondition =
        change.expectedVersion === undefined
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : change.leaseOwner
            ? {
                ConditionExpression: '#version = :expected AND leaseOwner = :owner',
                ExpressionAttributeValues: { ':expected': change.expectedVersion, ':owner': change.leaseOwner },
              }
            : // An editor's commit wins over a site-work lease (the Put drops it): the job starts over.
              {
                ConditionExpression: '#version = :expected',
                ExpressionAttributeValues: { ':expected': change.expectedVersion },
              };
      const items: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']> = [
        {
          Put: {
            TableName,
            Item: item,
            ...metaCondition,
            ...(change.expectedVersion !== undefined ? { ExpressionAttributeNames: { '#version': 'version' } } : {}),
          },
        },
      ];
      if (change.revision) {
        items.push({
          Put: {
            TableName,
            Item: { ...revisionKey(article.id, change.revision.number), ...change.revision },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        });
      }
      for (const e of change.events) {
        items.push({ Put: { TableName, Item: { ...eventKey(e.articleId, e.at, e.id), ...e } } });
      }
      // One mark per commit and desk-month, in the commit's transaction: the rebuild removes only marks it covered.
      const atIso = new Date(change.nowMs).toISOString();
      (change.dirtyIndexes ?? []).forEach((d, n) => {
        const markId = commitMarkId(atIso, article.id, article.version, n);
        items.push({ Put: { TableName, Item: siteMarkItem(markId, { articleId: article.id, ...d }, change.nowMs) } });
      });
      assertItemsSendable(
        items.map((i) => i.Put?.Item),
        article.id,
      );
      try {
        await client.send(new TransactWriteCommand({ TransactItems: items }));
      } catch (error) {
        if (isItemTooLarge(error)) throw articleTooLarge(article.id);
        if (cancelledAt(error, 0)) {
          const current = await get(article.id);
          if (change.expectedVersion === undefined) {
            throw new DomainError('conflict', `article ${article.id} already exists`);
          }
          if (current && current.version !== change.expectedVersion) {
            throw new DomainError(
              'stale_version',
              `version ${change.expectedVersion} is stale; the article is at version ${current.version} — reload and re-apply your change`,
              { currentVersion: current.version },
            );
          }
          throw new DomainError('conflict', 'the article is being published right now; try again in a moment');
        }
        if (cancelledAt(error, 1) && change.revision) {
          throw new DomainError('conflict', `revision ${change.revision.number} was saved by someone else; reload`);
        }
        throw error;
      }
    },

    async addEvent(e: ArticleEvent): Promise<void> {
      await client.send(new PutCommand({ TableName, Item: { ...eventKey(e.articleId, e.at, e.id), ...e } }));
    },

    async getRevision(id, n) {
      const out = await client.send(new GetCommand({ TableName, Key: revisionKey(id, n) }));
      return out.Item ? parseRevisionItem(out.Item) : undefined;
    },

    async listEvents(id) {
      const events: ArticleEvent[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const out = await client.send(
          new QueryCommand({
            TableName,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
            ExpressionAttributeValues: { ':pk': articlePartition(id), ':prefix': EVENT_PREFIX },
            ExclusiveStartKey: start,
          }),
        );
        events.push(...(out.Items ?? []).map(parseEventItem));
        start = out.LastEvaluatedKey;
      } while (start);
      return events;
    },

    async list(query: ArticleQuery, page): Promise<Page<Article>> {
      const start = await cursors.decode(query, page.cursor);
      const input: Omit<QueryCommandInput, 'TableName'> =
        query.kind === 'desk'
          ? queryIndex('deskQueue', 'gsi1pk', deskQueuePartition(query.desk, query.status), {
              Limit: page.limit,
              ExclusiveStartKey: start,
            })
          : queryIndex('authorArticles', 'gsi2pk', authorPartition(query.sub), {
              Limit: page.limit,
              ExclusiveStartKey: start,
            });
      if (query.kind === 'author' && query.status) {
        input.FilterExpression = '#status = :status';
        input.ExpressionAttributeNames = { '#status': 'status' };
        input.ExpressionAttributeValues = { ...input.ExpressionAttributeValues, ':status': query.status };
      }
      const { items, last } = await queryArticles(input);
      const nextCursor = await cursors.encode(query, last);
      return nextCursor ? { items, nextCursor } : { items };
    },

    async listDue(nowIso, limit) {
      const { items } = await queryArticles(
        queryIndex('dueForPublishing', 'gsi5pk', DUE_PARTITION, {
          KeyConditionExpression: ' AND gsi5sk <= :upto',
          ExpressionAttributeValues: { ':upto': `${nowIso}#\uffff` },
          ScanIndexForward: true,
          Limit: limit,
        }),
      );
      return items;
    },

    async reservePath(path, articleId, at) {
      try {
        await client.send(
          new PutCommand({
            TableName,
            Item: { ...pathReservationKey(path), articleId, reservedAt: at },
            ConditionExpression: 'attribute_not_exists(pk) OR articleId = :id',
            ExpressionAttributeValues: { ':id': articleId },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    async acquireArticleLease(id, owner, nowMs, ttlMs) {
      try {
        await client.send(
          new UpdateCommand({
            TableName,
            Key: articleKey(id),
            UpdateExpression: 'SET leaseOwner = :owner, leaseUntil = :until',
            ConditionExpression: `attribute_exists(pk) AND ${NO_LIVE_LEASE}`,
            ExpressionAttributeValues: { ':owner': owner, ':until': nowMs + ttlMs, ':nowMs': nowMs },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    async renewArticleLease(id, owner, nowMs, ttlMs) {
      return conditionally(
        new UpdateCommand({
          TableName,
          Key: articleKey(id),
          UpdateExpression: 'SET leaseUntil = :until',
          ConditionExpression: 'leaseOwner = :owner',
          ExpressionAttributeValues: { ':owner': owner, ':until': nowMs + ttlMs },
        }),
      );
    },

    async releaseArticleLease(id, owner) {
      await conditionally(
        new UpdateCommand({
          TableName,
          Key: articleKey(id),
          UpdateExpression: 'REMOVE leaseOwner, leaseUntil',
          ConditionExpression: 'leaseOwner = :owner',
          ExpressionAttributeValues: { ':owner': owner },
        }),
      );
    },

    async recordPublishIntent(id, owner, version, intent) {
      return conditionally(
        new UpdateCommand({
          TableName,
          Key: articleKey(id),
          UpdateExpression: 'SET publishIntent = :intent',
          ConditionExpression: '#version = :version AND leaseOwner = :owner',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':owner': owner, ':version': version, ':intent': intent },
        }),
      );
    },

    async completeSiteWork(owner, article) {
      // Index attributes are recomputed without the pending marker (it kept the article in the due index).
      const { pendingSiteWork: _w, publishError: _e, publishIntent: _i, ...rest } = article;
      const idx = articleIndexAttributes(rest);
      return conditionally(
        new UpdateCommand({
          TableName,
          Key: articleKey(article.id),
          UpdateExpression: `REMOVE leaseOwner, leaseUntil, pendingSiteWork, publishError, publishIntent${idx.gsi5pk ? '' : ', gsi5pk, gsi5sk'}`,
          ConditionExpression: '#version = :version AND leaseOwner = :owner',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':owner': owner, ':version': article.version },
        }),
      );
    },

    async recordSiteWorkFailure(id, owner, failure) {
      await conditionally(
        new UpdateCommand({
          TableName,
          Key: articleKey(id),
          UpdateExpression: 'SET publishError = :error REMOVE leaseOwner, leaseUntil',
          ConditionExpression: 'leaseOwner = :owner',
          ExpressionAttributeValues: { ':owner': owner, ':error': { ...failure, code: 'failed' } },
        }),
      );
    },

    async flagStalled(id, version, stall) {
      await conditionally(
        new UpdateCommand({
          TableName,
          Key: articleKey(id),
          UpdateExpression: 'SET publishError = :error',
          ConditionExpression: '#version = :version AND attribute_not_exists(publishError)',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':version': version, ':error': { ...stall, code: 'stalled' } },
        }),
      );
    },
  };

  return store;
};
