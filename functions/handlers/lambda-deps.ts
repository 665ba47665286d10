import { createDocumentClient, createS3Client } from '../adapters/aws/clients.js';
import { createCloudFrontCdn, lazyCloudFrontClient } from '../adapters/cloudfront/cloudfront-cdn.js';
import { createUlidGenerator } from '../adapters/system.js';
import type { AppDeps } from '../use-cases/deps.js';
import { composeAppDeps } from './compose.js';
import type { HandlerConfig } from './config.js';

/** The AWS side of composition, shared by every Lambda entry point: real clients, CloudFront invalidations. */
export const buildLambdaDeps = (config: HandlerConfig): AppDeps => {
  const ids = createUlidGenerator();
  return composeAppDeps({
    documentClient: createDocumentClient(),
    s3: createS3Client(),
    tableName: config.tableName,
    siteBucket: config.siteBucket,
    uploadsBucket: config.uploadsBucket,
    siteBaseUrl: config.siteBaseUrl,
    ...(config.desksJson ? { desksJson: config.desksJson } : {}),
    ids,
    cdn: createCloudFrontCdn({ client: lazyCloudFrontClient(), distributionId: config.distributionId, ids }),
  });
};
