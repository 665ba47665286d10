import { randomBytes } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import {
  LOCAL_DYNAMODB_CREDENTIALS,
  S3RVER_CREDENTIALS,
  createDocumentClient,
  createS3Client,
} from '../../../functions/adapters/aws/clients.js';
import { ensureBucket, ensureTable } from '../../../functions/local/provision.js';

/**
 * For integration tests: the emulators started by global-setup.ts, SDK clients built exactly as the application
 * builds them, and a fresh table or bucket per call so that test files never see each other's data.
 */
export interface TestEnvironment {
  dynamoEndpoint: string;
  s3Endpoint: string;
  documentClient: DynamoDBDocumentClient;
  s3Client: S3Client;
}

let cached: TestEnvironment | undefined;

export const testEnvironment = (): TestEnvironment => {
  if (!cached) {
    const dynamoEndpoint = inject('dynamoEndpoint');
    const s3Endpoint = inject('s3Endpoint');
    cached = {
      dynamoEndpoint,
      s3Endpoint,
      documentClient: createDocumentClient({ endpoint: dynamoEndpoint, credentials: LOCAL_DYNAMODB_CREDENTIALS }),
      s3Client: createS3Client({ endpoint: s3Endpoint, credentials: S3RVER_CREDENTIALS }),
    };
  }
  return cached;
};

/** Lower-case letters and digits only: valid in both table and bucket names. */
export const uniqueName = (prefix: string): string =>
  `${prefix}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;

/** A new table with the newsroom table's keys, indexes and TTL; returns its name. */
export const createTestTable = async (prefix = 'newsroom-test'): Promise<string> => {
  const name = uniqueName(prefix);
  await ensureTable(testEnvironment().documentClient, name);
  return name;
};

/** A new empty bucket on a given S3 client (a test's own s3rver); returns its name. */
export const createBucketOn = async (client: S3Client, prefix = 'newsroom-test'): Promise<string> => {
  const name = uniqueName(prefix);
  await ensureBucket(client, name);
  return name;
};

/** A new empty bucket; returns its name. */
export const createTestBucket = async (prefix = 'newsroom-test'): Promise<string> => {
  const name = uniqueName(prefix);
  await ensureBucket(testEnvironment().s3Client, name);
  return name;
};
