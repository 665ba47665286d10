import { HANDLER_ENV } from '../../functions/handlers/config.js';
import type { DeskInfo } from '../../functions/domain/render/types.js';

type HandlerEnvName = (typeof HANDLER_ENV)[keyof typeof HANDLER_ENV];

/** The values a newsroom function needs, as the stack knows them (CDK tokens are fine). */
export interface HandlerEnvironmentValues {
  tableName: string;
  siteBucketName: string;
  /** The private uploads bucket (photo desk). */
  uploadsBucketName: string;
  /** `https://<domain>` of the public site, no trailing slash. */
  siteBaseUrl: string;
  distributionId: string;
  desks: readonly DeskInfo[];
  /** The user pool's issuer URL (`https://cognito-idp.<region>.amazonaws.com/<pool id>`). */
  authIssuer: string;
  /** The web app client id: the tokens' audience. */
  authAudience: string;
}

/**
 * The one typed mapping from stack values to the environment the handlers parse (functions/handlers/config.ts).
 * The record type lists every name in HANDLER_ENV, so a variable added there fails to compile here until it is set.
 */
export const buildHandlerEnvironment = (v: HandlerEnvironmentValues): Record<HandlerEnvName, string> => ({
  [HANDLER_ENV.tableName]: v.tableName,
  [HANDLER_ENV.siteBucket]: v.siteBucketName,
  [HANDLER_ENV.uploadsBucket]: v.uploadsBucketName,
  [HANDLER_ENV.siteBaseUrl]: v.siteBaseUrl,
  [HANDLER_ENV.distributionId]: v.distributionId,
  [HANDLER_ENV.desks]: JSON.stringify(v.desks),
  [HANDLER_ENV.authIssuer]: v.authIssuer,
  [HANDLER_ENV.authAudience]: v.authAudience,
  [HANDLER_ENV.authJwksUrl]: `${v.authIssuer}/.well-known/jwks.json`,
});
