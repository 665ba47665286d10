import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { ARTICLE_STATUSES, type ArticleStatus } from '../../domain/article.js';
import type { ArticleOverview, StatusCounts } from '../../ports/article-overview.js';
import { queryIndex, type DynamoDbStoreOptions } from './dynamodb-shared.js';
import { authorPartition, deskQueuePartition, revisionKey } from './keys.js';

const statusOnly = z.object({ status: z.enum(ARTICLE_STATUSES) });
const person = z.object({ sub: z.string(), name: z.string() });
const revisionSummaryItem = z.object({
  articleId: z.string(),
  number: z.int(),
  title: z.string(),
  author: person,
  createdAt: z.string(),
  autosave: z.optional(z.boolean()),
  restoredFrom: z.optional(z.int()),
});

/**
 * Counts and the revision list over the existing indexes, with no counters to keep in step: a desk's count is one
 * `Select: COUNT` query per status on its queue partition (deskQueue), a reporter's one query over their own
 * partition (authorArticles) reading only `status`. Both stop at a read bound, so a desk with a huge archive pays a
 * bounded price and is told the count is "at least".
 */
export const createDynamoDbArticleOverview = ({ client, tableName }: DynamoDbStoreOptions): ArticleOverview => {
  const TableName = tableName;

  /** Pages through a query until it ends or `cap` items were read; calls `onPage` with each page. */
  const readUpTo = async (
    input: Omit<QueryCommandInput, 'TableName'>,
    cap: number,
    onPage: (out: { Count?: number; ScannedCount?: number; Items?: Record<string, unknown>[] }) => void,
  ): Promise<{ read: number; capped: boolean }> => {
    let read = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const out = await client.send(
        new QueryCommand({ TableName, ...input, Limit: cap - read, ExclusiveStartKey: start }),
      );
      read += out.ScannedCount ?? 0;
      onPage(out);
      start = out.LastEvaluatedKey;
    } while (start && read < cap);
    return { read, capped: start !== undefined };
  };

  return {
    async countByStatus(scope, cap): Promise<StatusCounts> {
      const counts: Partial<Record<ArticleStatus, number>> = {};
      const capped: ArticleStatus[] = [];
      let itemsRead = 0;
      if (scope.kind === 'desk') {
        const results = await Promise.all(
          scope.statuses.map(async (status) => {
            let count = 0;
            const outcome = await readUpTo(
              { ...queryIndex('deskQueue', 'gsi1pk', deskQueuePartition(scope.desk, status)), Select: 'COUNT' },
              cap,
              (out) => {
                count += out.Count ?? 0;
              },
            );
            return { status, count, ...outcome };
          }),
        );
        for (const r of results) {
          counts[r.status] = r.count;
          itemsRead += r.read;
          if (r.capped) capped.push(r.status);
        }
        return { counts, capped, itemsRead };
      }
      const outcome = await readUpTo(
        {
          ...queryIndex('authorArticles', 'gsi2pk', authorPartition(scope.sub)),
          ProjectionExpression: '#status',
          ExpressionAttributeNames: { '#status': 'status' },
        },
        cap,
        (out) => {
          for (const item of out.Items ?? []) {
            const { status } = statusOnly.parse(item);
            counts[status] = (counts[status] ?? 0) + 1;
          }
        },
      );
      // A reporter past the bound: every status's count is a lower bound.
      if (outcome.capped) capped.push(...ARTICLE_STATUSES);
      return { counts, capped, itemsRead: outcome.read };
    },

    async listRevisions(articleId, before, limit) {
      const first = revisionKey(articleId, 1);
      const last = revisionKey(articleId, (before ?? 1_000_000) - 1);
      const out = await client.send(
        new QueryCommand({
          TableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :first AND :last',
          // Everything but the text: the list stays small on the wire (a revision's text is read when opened).
          ProjectionExpression: 'articleId, #number, title, author, createdAt, autosave, restoredFrom',
          ExpressionAttributeNames: { '#number': 'number' },
          ExpressionAttributeValues: { ':pk': first.pk, ':first': first.sk, ':last': last.sk },
          ScanIndexForward: false,
          Limit: limit,
        }),
      );
      return (out.Items ?? []).map((item) => revisionSummaryItem.parse(item));
    },
  };
};
