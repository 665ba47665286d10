import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
  type CreateTableCommandInput,
  type CreateTableCommandOutput,
  type DescribeTableCommandOutput,
  type DescribeTimeToLiveCommandOutput,
  type UpdateTimeToLiveCommandOutput,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, HeadBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import {
  type IndexDefinition,
  TABLE_INDEXES,
  TABLE_PARTITION_KEY,
  TABLE_SORT_KEY,
  TABLE_TTL_ATTRIBUTE,
} from '../adapters/dynamodb/table-definition.js';

/**
 * Creates the local table and bucket from the same definitions the CDK stack uses. Both functions are idempotent:
 * the local stack calls them on every start, against data that survived the last one.
 */

/** The CreateTable request for the newsroom table, built only from table-definition.ts. */
export const buildCreateTableInput = (tableName: string): CreateTableCommandInput => {
  const keyAttributes = [
    TABLE_PARTITION_KEY,
    TABLE_SORT_KEY,
    ...TABLE_INDEXES.flatMap((i) => [i.partitionKey, i.sortKey]),
  ];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    // Every key attribute, of the table and of its indexes, is a string.
    AttributeDefinitions: [...new Set(keyAttributes)].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: TABLE_PARTITION_KEY, KeyType: 'HASH' },
      { AttributeName: TABLE_SORT_KEY, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: TABLE_INDEXES.map((index: IndexDefinition) => ({
      IndexName: index.indexName,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ],
      Projection: index.projectedAttributes
        ? { ProjectionType: 'INCLUDE', NonKeyAttributes: [...index.projectedAttributes] }
        : { ProjectionType: 'ALL' },
    })),
  };
};

/** The four table commands this module sends; both the plain and the document client satisfy it. */
export interface TableAdminClient {
  send(command: CreateTableCommand): Promise<CreateTableCommandOutput>;
  send(command: DescribeTableCommand): Promise<DescribeTableCommandOutput>;
  send(command: DescribeTimeToLiveCommand): Promise<DescribeTimeToLiveCommandOutput>;
  send(command: UpdateTimeToLiveCommand): Promise<UpdateTimeToLiveCommandOutput>;
}

const WAIT_STEP_MS = 100;
const WAIT_LIMIT_MS = 30_000;

const describeStatus = async (client: TableAdminClient, tableName: string): Promise<string | undefined> => {
  try {
    const out = await client.send(new DescribeTableCommand({ TableName: tableName }));
    return out.Table?.TableStatus;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
};

const waitUntilActive = async (client: TableAdminClient, tableName: string): Promise<void> => {
  const deadline = Date.now() + WAIT_LIMIT_MS;
  while (Date.now() < deadline) {
    if ((await describeStatus(client, tableName)) === 'ACTIVE') return;
    await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS));
  }
  throw new Error(`table ${tableName} did not become ACTIVE within ${WAIT_LIMIT_MS / 1000} s`);
};

const ensureTimeToLive = async (client: TableAdminClient, tableName: string): Promise<void> => {
  const out = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
  const ttl = out.TimeToLiveDescription;
  if (
    ttl?.AttributeName === TABLE_TTL_ATTRIBUTE &&
    (ttl.TimeToLiveStatus === 'ENABLED' || ttl.TimeToLiveStatus === 'ENABLING')
  )
    return;
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: TABLE_TTL_ATTRIBUTE, Enabled: true },
    }),
  );
};

/** Creates the table if it does not exist, waits until it is ACTIVE and turns on TTL for lease items. */
export const ensureTable = async (client: TableAdminClient, tableName: string): Promise<'created' | 'existed'> => {
  let outcome: 'created' | 'existed' = 'existed';
  if ((await describeStatus(client, tableName)) === undefined) {
    try {
      await client.send(new CreateTableCommand(buildCreateTableInput(tableName)));
      outcome = 'created';
    } catch (error) {
      // Another process created it between our describe and create: the same end state.
      if (!(error instanceof ResourceInUseException)) throw error;
    }
  }
  await waitUntilActive(client, tableName);
  await ensureTimeToLive(client, tableName);
  return outcome;
};

const statusOf = (error: unknown): number | undefined => {
  if (typeof error !== 'object' || error === null || !('$metadata' in error)) return undefined;
  const meta = error.$metadata;
  return typeof meta === 'object' &&
    meta !== null &&
    'httpStatusCode' in meta &&
    typeof meta.httpStatusCode === 'number'
    ? meta.httpStatusCode
    : undefined;
};

const errorName = (error: unknown): string | undefined => (error instanceof Error ? error.name : undefined);

/** Creates the bucket if it does not exist. */
export const ensureBucket = async (client: S3Client, bucket: string): Promise<'created' | 'existed'> => {
  try {
    await client.send(new HeadBucketCommand({ Bucket: bucket }));
    return 'existed';
  } catch (error) {
    if (statusOf(error) !== 404) throw error;
  }
  try {
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
    return 'created';
  } catch (error) {
    const name = errorName(error);
    if (name === 'BucketAlreadyOwnedByYou' || name === 'BucketAlreadyExists') return 'existed';
    throw error;
  }
};
