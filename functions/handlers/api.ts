import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { createHttpsJwks } from '../adapters/jwks/https-jwks.js';
import { createApiHandler } from '../http/api-handler.js';
import { createTokenVerifier } from '../http/auth.js';
import type { ApiResult } from '../http/responses.js';
import { parseHandlerConfig } from './config.js';
import { buildLambdaDeps } from './lambda-deps.js';

// Composition root: read the environment once, build clients and adapters once per container.
const config = parseHandlerConfig(process.env);
const auth = createTokenVerifier({
  keys: createHttpsJwks(new URL(config.auth.jwksUrl)),
  issuer: config.auth.issuer,
  audience: config.auth.audience,
});

// No dev-token issuer here: the route does not exist in a deployed stack.
export const handler: (event: APIGatewayProxyEventV2) => Promise<ApiResult> = createApiHandler({
  app: buildLambdaDeps(config),
  auth,
});
