import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient, QueryCommandInput, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { IndexName } from './table-definition.js';

/** What every DynamoDB adapter is built from. */
export interface DynamoDbStoreOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
}

/** Lease conditions: a lease is live while leaseUntil (epoch ms) is in the future. */
export const NO_LIVE_LEASE = '(attribute_not_exists(leaseUntil) OR leaseUntil < :nowMs)';

/** A single-item write refused by its condition (the one way condition failures are recognised). */
export const isConditionFailure = (error: unknown): boolean =>
  error instanceof Error && error.name === 'ConditionalCheckFailedException';

/** A transaction refused because the condition of its `index`th item failed. */
export const cancelledAt = (error: unknown, index: number): boolean =>
  error instanceof TransactionCanceledException &&
  error.CancellationReasons?.[index]?.Code === 'ConditionalCheckFailed';

/** A query on one partition of a secondary index, newest first unless said otherwise. */
export const queryIndex = (index: IndexName, pkAttr: string, pk: string, extra: Partial<QueryCommandInput> = {}) => ({
  IndexName: index,
  KeyConditionExpression: `${pkAttr} = :pk${extra.KeyConditionExpression ?? ''}`,
  ExpressionAttributeValues: { ':pk': pk, ...(extra.ExpressionAttributeValues ?? {}) },
  ScanIndexForward: extra.ScanIndexForward ?? false,
  ...(extra.Limit ? { Limit: extra.Limit } : {}),
  ...(extra.ExclusiveStartKey ? { ExclusiveStartKey: extra.ExclusiveStartKey } : {}),
});

/** A single conditional update: true if it was made, false if its condition refused it. */
export const updateIfCondition = async (client: DynamoDBDocumentClient, command: UpdateCommand): Promise<boolean> => {
  try {
    await client.send(command);
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
};
