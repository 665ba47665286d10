import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { parseDesks } from '../functions/domain/desk.js';
import { parsePartners } from '../functions/handlers/compose-events.js';
import type { DeskInfo } from '../functions/domain/render/types.js';

/** The repository root: every path in the deploy configuration is relative to it. */
export const REPO_ROOT = path.resolve(import.meta.dirname, '..');

/**
 * The Lambda entry points, relative to the repository root. The stateless stack deploys them and the bundle
 * benchmark (tests/bench/bundles.ts) measures these same files.
 */
export const FUNCTION_ENTRIES = {
  api: 'functions/handlers/api.ts',
  tick: 'functions/handlers/tick.ts',
  notFound: 'infra/functions/not-found.ts',
  events: 'functions/handlers/events.ts',
  batchJobs: 'functions/handlers/batch-jobs.ts',
} as const;

/**
 * What a deployment may choose, read once from CDK context (`cdk.json` or `-c key=value` on the command line).
 * Everything else is a safe default inside the constructs.
 */
export interface DeployConfig {
  /** The configured desks; each becomes a `desk-<id>` user group and reaches the functions as DESKS_JSON. */
  desks: DeskInfo[];
  /** A custom domain for the distribution (e.g. `news.example.org`); omitted: the `*.cloudfront.net` name. */
  domainName?: string;
  /** ACM certificate for `domainName`, in us-east-1 (CloudFront reads certificates only from there). */
  certificateArn?: string;
  /** Whether signing in needs a second factor (TOTP). `required` unless the deployer opts out. */
  mfa: 'required' | 'optional';
  /** Prefix of the Cognito hosted sign-in domain; must be unique in the region. */
  authDomainPrefix?: string;
  /**
   * The distribution's id, once it exists: narrows the buckets' policies from "CloudFront distributions of this
   * account" to this one distribution (see infra/README.md, "Tightening the bucket policy").
   */
  siteDistributionId?: string;
  /** An address that receives alarm notifications (failed asynchronous work). */
  alarmEmail?: string;
  /** The built newsroom web app (`npm run build:web`); a placeholder page is deployed when it is missing. */
  webAppDir: string;
  /** Steady-state request rate and burst for the HTTP API (requests per second). */
  apiThrottle: { rateLimit: number; burstLimit: number };
  /** The verified SES identity notification e-mail is sent from (an address); omitted: no e-mail in AWS. */
  mailFrom?: string;
  /** Partner webhook endpoints (`partners`, default content/partners.json). */
  partnersJson: string;
}

const contextSchema = z
  .object({
    desks: z.string().min(1).default('content/desks.json'),
    domainName: z
      .string()
      .regex(/^(?!-)[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'domainName must be a lower-case host name such as news.example.org')
      .optional(),
    certificateArn: z
      .string()
      .regex(
        /^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[\w-]+$/,
        'certificateArn must be an ACM certificate in us-east-1',
      )
      .optional(),
    mfa: z.enum(['required', 'optional']).default('required'),
    authDomainPrefix: z
      .string()
      .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'authDomainPrefix: lower-case letters, digits and hyphens')
      .optional(),
    siteDistributionId: z
      .string()
      .regex(/^E[A-Z0-9]{8,20}$/, 'siteDistributionId looks like E2ABCDEF12345')
      .optional(),
    alarmEmail: z.email().optional(),
    webAppDir: z.string().min(1).default('dist/web'),
    apiThrottleRate: z.coerce.number().int().positive().default(50),
    apiThrottleBurst: z.coerce.number().int().positive().default(100),
    mailFrom: z.email().optional(),
    partners: z.string().min(1).default('content/partners.json'),
  })
  .refine((c) => (c.domainName === undefined) === (c.certificateArn === undefined), {
    error: 'domainName and certificateArn go together: CloudFront needs the certificate to serve the domain',
  });

/** A partners file as JSON text; no file means no partners. */
const readPartnersFile = (file: string): string => (existsSync(file) ? readFileSync(file, 'utf8') : '[]');

/** Context keys this app reads; anything else in context is CDK's own (feature flags). */
export const DEPLOY_CONTEXT_KEYS = [
  'desks',
  'domainName',
  'certificateArn',
  'mfa',
  'authDomainPrefix',
  'siteDistributionId',
  'alarmEmail',
  'webAppDir',
  'apiThrottleRate',
  'apiThrottleBurst',
  'mailFrom',
  'partners',
] as const;

/**
 * Parses the deploy configuration from context values (as `node.tryGetContext` returns them: strings from the
 * command line, JSON values from cdk.json). Reads the desks file; fails with a message that names the bad option.
 */
export const parseDeployConfig = (
  context: Partial<Record<(typeof DEPLOY_CONTEXT_KEYS)[number], unknown>>,
  root: string = REPO_ROOT,
): DeployConfig => {
  const parsed = contextSchema.safeParse(
    Object.fromEntries(Object.entries(context).filter(([, v]) => v !== undefined && v !== '')),
  );
  if (!parsed.success) {
    throw new Error(
      `Invalid deploy context: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(options)'}: ${i.message}`).join('; ')}`,
    );
  }
  const c = parsed.data;
  const desksPath = path.resolve(root, c.desks);
  if (!existsSync(desksPath)) throw new Error(`Desks file not found: ${desksPath} (context option "desks")`);
  return {
    desks: parseDesks(JSON.parse(readFileSync(desksPath, 'utf8'))),
    domainName: c.domainName,
    certificateArn: c.certificateArn,
    mfa: c.mfa,
    authDomainPrefix: c.authDomainPrefix,
    siteDistributionId: c.siteDistributionId,
    alarmEmail: c.alarmEmail,
    webAppDir: path.resolve(root, c.webAppDir),
    apiThrottle: { rateLimit: c.apiThrottleRate, burstLimit: c.apiThrottleBurst },
    mailFrom: c.mailFrom,
    partnersJson: JSON.stringify(parsePartners(readPartnersFile(path.resolve(root, c.partners)))),
  };
};
