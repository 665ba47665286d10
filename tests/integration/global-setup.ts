import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { findFreePort, startDynamoDbLocal, startS3Server } from '../../functions/local/emulators.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** DynamoDB Local, in memory, shared by every integration test file (each makes its own table). */
    dynamoEndpoint: string;
    /** s3rver on a temporary directory, shared by every integration test file (each makes its own bucket). */
    s3Endpoint: string;
  }
}

/** Starts both emulators once per run; tests reach them through `inject` (see support/emulators.ts). */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // The SDK's notice that later versions need Node 22 is noise in every test file's output (versions are pinned).
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const s3Directory = await mkdtemp(join(tmpdir(), 'newsroom-s3rver-'));
  const [dynamoPort, s3Port] = await Promise.all([findFreePort(), findFreePort()]);
  const [dynamo, s3] = await Promise.all([
    startDynamoDbLocal({ port: dynamoPort }),
    startS3Server({ port: s3Port, directory: s3Directory }),
  ]);
  project.provide('dynamoEndpoint', dynamo.endpoint);
  project.provide('s3Endpoint', s3.endpoint);
  return async () => {
    await Promise.all([dynamo.stop(), s3.stop()]);
    await rm(s3Directory, { recursive: true, force: true });
  };
}
