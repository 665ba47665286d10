import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { createRemoteJWKSet } from 'jose';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { createDocumentClient, createS3Client } from '../adapters/aws/clients.js';
import { createCloudFrontCdn, noCdn } from '../adapters/cloudfront/cloudfront-cdn.js';
import { createUlidGenerator } from '../adapters/system.js';
import { createApiHandler } from '../http/api-handler.js';
import { createTokenVerifier } from '../http/auth.js';
import type { ApiResult } from '../http/responses.js';
import { composeAppDeps } from './compose.js';
import { parseHandlerConfig } from './config.js';

// Composition root: read the environment once, build clients and adapters once per container.
const config = parseHandlerConfig(process.env);
const ids = createUlidGenerator();
const app = composeAppDeps({
  documentClient: createDocumentClient(),
  s3: createS3Client(),
  tableName: config.tableName,
  siteBucket: config.siteBucket,
  siteBaseUrl: config.siteBaseUrl,
  desksJson: config.desksJson,
  ids,
  cdn: config.distributionId
    ? createCloudFrontCdn({ client: new CloudFrontClient({}), distributionId: config.distributionId, ids })
    : noCdn,
});
const auth = createTokenVerifier({
  keys: createRemoteJWKSet(new URL(config.auth.jwksUrl)),
  issuer: config.auth.issuer,
  audience: config.auth.audience,
});

// No dev-token issuer here: the route does not exist in a deployed stack.
export const handler: (event: APIGatewayProxyEventV2) => Promise<ApiResult> = createApiHandler({ app, auth });
