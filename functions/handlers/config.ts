import * as z from 'zod/mini';

/**
 * Everything a Lambda reads from its environment, parsed once in the composition root. The CDK stack sets these
 * variables from the same names (infra imports `HANDLER_ENV`), so a rename fails to compile on both sides.
 */
export const HANDLER_ENV = {
  tableName: 'TABLE_NAME',
  siteBucket: 'SITE_BUCKET',
  uploadsBucket: 'UPLOADS_BUCKET',
  siteBaseUrl: 'SITE_BASE_URL',
  distributionId: 'DISTRIBUTION_ID',
  desks: 'DESKS_JSON',
  authIssuer: 'AUTH_ISSUER',
  authAudience: 'AUTH_AUDIENCE',
  authJwksUrl: 'AUTH_JWKS_URL',
} as const;

const nonEmpty = z.string().check(z.minLength(1));

const handlerEnvSchema = z.object({
  [HANDLER_ENV.tableName]: nonEmpty,
  [HANDLER_ENV.siteBucket]: nonEmpty,
  [HANDLER_ENV.uploadsBucket]: nonEmpty,
  [HANDLER_ENV.siteBaseUrl]: z.pipe(
    z.url(),
    z.transform((u) => u.replace(/\/+$/, '')),
  ),
  // Required: without it every invalidation would be skipped and corrections would stay cached.
  [HANDLER_ENV.distributionId]: nonEmpty,
  [HANDLER_ENV.desks]: z.optional(z.string().check(z.minLength(2))),
  [HANDLER_ENV.authIssuer]: z.url(),
  [HANDLER_ENV.authAudience]: nonEmpty,
  [HANDLER_ENV.authJwksUrl]: z.url(),
});

export interface HandlerConfig {
  tableName: string;
  siteBucket: string;
  uploadsBucket: string;
  siteBaseUrl: string;
  distributionId: string;
  desksJson?: string;
  auth: { issuer: string; audience: string; jwksUrl: string };
}

export const parseHandlerConfig = (env: Record<string, string | undefined>): HandlerConfig => {
  const parsed = handlerEnvSchema.safeParse(env);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
    throw new Error(`Lambda environment is incomplete or invalid: ${fields}`);
  }
  const e = parsed.data;
  return {
    tableName: e.TABLE_NAME,
    siteBucket: e.SITE_BUCKET,
    uploadsBucket: e.UPLOADS_BUCKET,
    siteBaseUrl: e.SITE_BASE_URL,
    distributionId: e.DISTRIBUTION_ID,
    desksJson: e.DESKS_JSON,
    auth: { issuer: e.AUTH_ISSUER, audience: e.AUTH_AUDIENCE, jwksUrl: e.AUTH_JWKS_URL },
  };
};
