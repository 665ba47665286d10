import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { PublishedIndex, PublishedStory } from '../../ports/published-index.js';
import { queryIndex, type DynamoDbStoreOptions } from './dynamodb-shared.js';
import { parseListingItem } from './items.js';
import { deskPublishedPartition, monthPublishedPartition } from './keys.js';

/** Bounded reads of the live archive from the published-list indexes (which project listing fields only). */
export const createDynamoDbPublishedIndex = ({ client, tableName }: DynamoDbStoreOptions): PublishedIndex => {
  const TableName = tableName;
  /** Reads a published list up to `Limit` items, following DynamoDB's 1 MB pages. */
  const listing = async (input: Omit<QueryCommandInput, 'TableName'>): Promise<PublishedStory[]> => {
    const limit = input.Limit ?? Number.POSITIVE_INFINITY;
    const items: PublishedStory[] = [];
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
        const item = parseListingItem(raw);
        if (item) items.push(item);
      }
      start = out.LastEvaluatedKey;
    } while (start && items.length < limit);
    return items;
  };

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
  };
};
