import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import {
  LOCAL_DYNAMODB_CREDENTIALS,
  S3RVER_CREDENTIALS,
  createDocumentClient,
  createS3Client,
} from '../adapters/aws/clients.js';
import { composeAppDeps } from '../handlers/compose.js';
import { createApiHandler } from '../http/api-handler.js';
import type { ApiResult } from '../http/responses.js';
import type { Cdn } from '../ports/cdn.js';
import type { AppDeps } from '../use-cases/deps.js';
import { loadContentDrafts, type LoadedDraft } from '../use-cases/load-content-drafts.js';
import type { TickOutcome } from '../use-cases/run-publishing-tick.js';
import { writeSiteBasics } from '../use-cases/write-site-basics.js';
import { createTickHandler, serializeTicks } from '../handlers/tick-handler.js';
import { createDevAuth } from './dev-auth.js';
import { DEMO_USERS, demoUser } from './demo-users.js';

export interface LocalAppOptions {
  dynamoEndpoint: string;
  s3Endpoint: string;
  tableName: string;
  bucket: string;
  /** The photo desk's private uploads bucket; without it no image can be uploaded. */
  uploadsBucket?: string;
  dataDir: string;
  siteBaseUrl: string;
  cdn: Cdn;
  /** Folder of drafts loaded on first start (content/drafts). */
  draftsDir?: string;
  /** Replaces adapters after composition (start.ts: the worker-backed renderer, the crash hooks of the fault test). */
  decorateDeps?: (deps: AppDeps) => AppDeps;
}

export interface LocalApp {
  handleApi(event: APIGatewayProxyEventV2): Promise<ApiResult>;
  tick(): Promise<TickOutcome>;
  loadContentDrafts(): Promise<{ loaded: string[]; drafts: LoadedDraft[] }>;
  demoUsers: typeof DEMO_USERS;
  webAppConfig: { auth: 'local'; demoUsers: typeof DEMO_USERS };
  deps: AppDeps;
}

const DRAFT_FILE = /\.(md|markdown|txt)$/i;
/** Actions whose commit can leave site work due (a page to write, rewrite or take down). */
const SITE_WORK_ROUTE = /^\/api\/articles\/[^/]+\/(publish|correct|unpublish|cancel-schedule)\/?$/;

/**
 * The local composition root: the same adapters and handler factories as the Lambdas, pointed at DynamoDB Local and
 * s3rver, plus the dev-token issuer that exists only here.
 */
export const createLocalApp = async (options: LocalAppOptions): Promise<LocalApp> => {
  const documentClient = createDocumentClient({
    endpoint: options.dynamoEndpoint,
    credentials: LOCAL_DYNAMODB_CREDENTIALS,
  });
  const s3 = createS3Client({ endpoint: options.s3Endpoint, credentials: S3RVER_CREDENTIALS });
  const composed = composeAppDeps({
    documentClient,
    s3,
    tableName: options.tableName,
    siteBucket: options.bucket,
    ...(options.uploadsBucket ? { uploadsBucket: options.uploadsBucket } : {}),
    siteBaseUrl: options.siteBaseUrl,
    cdn: options.cdn,
  });
  const deps = options.decorateDeps ? options.decorateDeps(composed) : composed;
  const devAuth = await createDevAuth(options.dataDir);
  const apiHandler = createApiHandler({ app: deps, auth: devAuth.verifier, devTokens: devAuth.issuer });
  await writeSiteBasics(deps)();
  // The Lambda's tick handler; the 15 s timer and the trigger after a commit share it, one run at a time.
  const tick = serializeTicks(createTickHandler({ app: deps, log: deps.log }));
  // As the table's stream does in AWS: a commit that may have made site work due starts the job, unawaited.
  const handleApi = async (event: APIGatewayProxyEventV2): Promise<ApiResult> => {
    const result = await apiHandler(event);
    if (result.statusCode < 300 && SITE_WORK_ROUTE.test(event.rawPath) && event.requestContext.http.method === 'POST') {
      tick().catch((error: unknown) => deps.log.error('site work after a commit failed', { error: String(error) }));
    }
    return result;
  };
  const draftsDir = options.draftsDir ?? join(process.cwd(), 'content', 'drafts');

  return {
    handleApi,
    tick: () => tick(),
    async loadContentDrafts() {
      const names = (await readdir(draftsDir).catch(() => [])).filter((n) => DRAFT_FILE.test(n)).sort();
      const drafts = await Promise.all(
        names.map(async (name) => ({ name, text: await readFile(join(draftsDir, name), 'utf8') })),
      );
      const results = await loadContentDrafts(deps)({ drafts, reporter: demoUser('demo-reporter') });
      return { loaded: results.filter((r) => r.outcome === 'created').map((r) => r.name), drafts: results };
    },
    demoUsers: DEMO_USERS,
    webAppConfig: { auth: 'local', demoUsers: DEMO_USERS },
    deps,
  };
};
