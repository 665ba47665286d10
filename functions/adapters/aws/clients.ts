import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';

/**
 * SDK clients for AWS and for the local emulators. Only the endpoint and credentials differ: the adapters built on
 * these clients are the same code in Lambda, in the local stack and in the integration tests.
 */
export interface EmulatorEndpoint {
  endpoint: string;
  region?: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
}

export const createDocumentClient = (emulator?: EmulatorEndpoint): DynamoDBDocumentClient => {
  const client = new DynamoDBClient(
    emulator
      ? { endpoint: emulator.endpoint, region: emulator.region ?? 'local', credentials: emulator.credentials }
      : {},
  );
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
};

export const createS3Client = (emulator?: EmulatorEndpoint): S3Client =>
  new S3Client(
    emulator
      ? {
          endpoint: emulator.endpoint,
          region: emulator.region ?? 'us-east-1',
          credentials: emulator.credentials,
          forcePathStyle: true,
          // s3rver stores a streamed upload with its aws-chunked framing when the SDK adds checksums by default.
          requestChecksumCalculation: 'WHEN_REQUIRED',
          responseChecksumValidation: 'WHEN_REQUIRED',
        }
      : {},
  );

/** Credentials the emulators accept (s3rver insists on these; DynamoDB Local takes any). */
export const LOCAL_DYNAMODB_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
