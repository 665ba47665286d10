import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from 'zod/mini';
import {
  LOCAL_DYNAMODB_CREDENTIALS,
  S3RVER_CREDENTIALS,
  createDocumentClient,
  createS3Client,
} from '../../../functions/adapters/aws/clients.js';
import { errorResponse, type ErrorResponse } from '../../../functions/contract/error-codes.js';
import {
  articleListResponse,
  articleResponse,
  historyResponse,
  revisionResponse,
  type Article,
  type ArticleEvent,
  type ArticleList,
  type Revision,
} from '../../../functions/contract/responses.js';
import { composeAppDeps } from '../../../functions/handlers/compose.js';
import { createTickHandler } from '../../../functions/handlers/tick-handler.js';
import { createApiHandler } from '../../../functions/http/api-handler.js';
import type { ApiResult } from '../../../functions/http/responses.js';
import { createDevAuth } from '../../../functions/local/dev-auth.js';
import { DEMO_USERS } from '../../../functions/local/demo-users.js';
import type { Cdn } from '../../../functions/ports/cdn.js';
import type { Clock } from '../../../functions/ports/clock.js';
import type { SiteObject, SiteStore } from '../../../functions/ports/site-store.js';
import type { AppDeps } from '../../../functions/use-cases/deps.js';
import type { TickOutcome } from '../../../functions/use-cases/run-publishing-tick.js';
import { createBucketOn, createTestBucket, createTestTable, testEnvironment } from './emulators.js';

/** A clock the test moves by hand: time is an input, no test sleeps. */
export class ManualClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(iso: string): void {
    this.current = new Date(iso);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** Records every write to the real S3 site store, and can make the next N writes fail (a fault s3rver can't make). */
export interface RecordingSiteStore extends SiteStore {
  writes: SiteObject[];
  failNextWrites(n: number): void;
}

const recordingSiteStore = (inner: SiteStore): RecordingSiteStore => {
  let failures = 0;
  const store: RecordingSiteStore = {
    writes: [],
    failNextWrites: (n) => {
      failures = n;
    },
    async put(object) {
      if (failures > 0) {
        failures -= 1;
        throw new Error('injected site-store failure');
      }
      store.writes.push(object);
      await inner.put(object);
    },
    get: (key) => inner.get(key),
    delete: (key) => inner.delete(key),
  };
  return store;
};

export type UserSub = (typeof DEMO_USERS)[number]['sub'] | 'other-desk-editor';

/** An API answer as the test sees it; read `json` through the contract (`articleOf`, `errorOf`, …), never by guess. */
export interface Reply {
  status: number;
  /** The parsed body when the answer is JSON, otherwise undefined. */
  json: unknown;
  text: string;
  headers: Record<string, string>;
}

export interface TestNewsroom {
  app: AppDeps;
  site: RecordingSiteStore;
  invalidations: string[][];
  clock: ManualClock;
  call(
    method: string,
    path: string,
    options?: { as?: UserSub; body?: unknown; rawBody?: string; headers?: Record<string, string> },
  ): Promise<Reply>;
  handler: (event: APIGatewayProxyEventV2) => Promise<ApiResult>;
  /** The publishing job as the tick Lambda runs it (publish returns before it; tests run it, then assert). */
  tick(): Promise<TickOutcome>;
  /** The test's own table (for the rare assertion on an attribute the adapters keep internal, e.g. a lease). */
  tableName: string;
  /** The test's own site bucket (for processes of the test's own that write to it, e.g. the batch CLIs). */
  bucket: string;
  uploadsBucket: string;
}

export const SITE_BASE_URL = 'https://news.example.test';

export const startTestNewsroom = async (
  options: {
    now?: string;
    /** Sees the DynamoDB client before the adapters get it (to count requests through middleware). */
    instrument?: (client: DynamoDBDocumentClient) => void;
    /** An s3rver of the test's own (photo tests listen to its object events). */
    s3Endpoint?: string;
  } = {},
): Promise<TestNewsroom> => {
  const env = testEnvironment();
  const tableName = await createTestTable();
  const s3 = createS3Client({ endpoint: options.s3Endpoint ?? env.s3Endpoint, credentials: S3RVER_CREDENTIALS });
  const bucket = options.s3Endpoint ? await createBucketOn(s3, 'newsroom-site') : await createTestBucket();
  // The photo desk's private uploads bucket, next to the site bucket (renditions are copied between the two).
  const uploadsBucket = await createBucketOn(s3, 'newsroom-uploads');
  const invalidations: string[][] = [];
  const cdn: Cdn = {
    invalidate: (paths) => {
      invalidations.push([...paths]);
      return Promise.resolve();
    },
  };
  const clock = new ManualClock(new Date(options.now ?? '2026-11-20T09:00:00.000Z'));
  const documentClient = createDocumentClient({
    endpoint: env.dynamoEndpoint,
    credentials: LOCAL_DYNAMODB_CREDENTIALS,
  });
  options.instrument?.(documentClient);
  const app = composeAppDeps({
    documentClient,
    s3,
    tableName,
    siteBucket: bucket,
    uploadsBucket,
    siteBaseUrl: SITE_BASE_URL,
    cdn,
    clock,
    log: { info: () => undefined, error: () => undefined },
  });
  const site = recordingSiteStore(app.site);
  app.site = site;
  const devAuth = await createDevAuth(await mkdtemp(join(tmpdir(), 'newsroom-auth-')));
  const handler = createApiHandler({ app, auth: devAuth.verifier, devTokens: devAuth.issuer });
  const tokens = new Map<string, string>();
  const users = [...DEMO_USERS, { sub: 'other-desk-editor', name: 'World Editor', groups: ['desk-world'] }];
  for (const u of users)
    tokens.set(u.sub, await devAuth.issuer.issue({ sub: u.sub, name: u.name, groups: [...u.groups] }));

  let requests = 0;
  const call: TestNewsroom['call'] = async (method, path, opts = {}) => {
    const [rawPath, rawQueryString = ''] = path.split('?');
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.as) headers.authorization = `Bearer ${tokens.get(opts.as)}`;
    const body = opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
    if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
    requests += 1;
    const event: APIGatewayProxyEventV2 = {
      version: '2.0',
      routeKey: '$default',
      rawPath: rawPath!,
      rawQueryString,
      headers,
      ...(rawQueryString ? { queryStringParameters: Object.fromEntries(new URLSearchParams(rawQueryString)) } : {}),
      requestContext: {
        accountId: 'local',
        apiId: 'local',
        domainName: 'localhost',
        domainPrefix: 'localhost',
        http: { method, path: rawPath!, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
        requestId: `test-${requests}`,
        routeKey: '$default',
        stage: '$default',
        time: '',
        timeEpoch: 0,
      },
      isBase64Encoded: false,
      ...(body !== undefined ? { body } : {}),
    };
    const result = await handler(event);
    const text = typeof result.body === 'string' ? result.body : '';
    const isJson = (result.headers['content-type'] ?? '').startsWith('application/json');
    const json: unknown = isJson ? JSON.parse(text) : undefined;
    return { status: result.statusCode, text, json, headers: result.headers };
  };
  const tick = createTickHandler({ app, log: app.log });
  return { app, site, invalidations, clock, call, handler, tick, tableName, bucket, uploadsBucket };
};

/*
 * Readers of an answer's body through the API contract (functions/contract): each parse also checks that the answer
 * keeps the contract, and a wrong shape fails the test with zod's account of what differs. The contract's objects
 * drop fields they do not name, so a test that asserts a field is absent reads `rawOf` instead.
 */

/** What the readers need of an answer: its parsed body (a `Reply`, or another test's own request helper's). */
type Answer = Pick<Reply, 'json'>;

/** An article (`GET /api/articles/{id}` and every write to one). */
export const articleOf = (reply: Answer): Article => articleResponse.parse(reply.json);

/** A page of article summaries (`GET /api/articles?…`). */
export const listOf = (reply: Answer): ArticleList => articleListResponse.parse(reply.json);

/** An article's history, oldest first. */
export const historyOf = (reply: Answer): ArticleEvent[] => historyResponse.parse(reply.json);

/** One revision of an article's text. */
export const revisionOf = (reply: Answer): Revision => revisionResponse.parse(reply.json);

/** The `{error: {code, message, details?}}` of a refused request. */
export const errorOf = (reply: Answer): ErrorResponse['error'] => errorResponse.parse(reply.json).error;

const jsonObject = z.record(z.string(), z.unknown());

/** The body as a plain object with every field the server sent (for assertions that a field is absent). */
export const rawOf = (reply: Answer): Record<string, unknown> => jsonObject.parse(reply.json);

/** The entries of a list page with every field the server sent (list entries must leave out the text). */
export const rawItemsOf = (reply: Answer): Record<string, unknown>[] => {
  articleListResponse.parse(reply.json);
  return z.object({ items: z.array(jsonObject) }).parse(reply.json).items;
};

/** An article's history with every field its events carry (an event kind's own, e.g. `unpublishKind`). */
export const rawHistoryOf = (reply: Answer): Record<string, unknown>[] => {
  historyResponse.parse(reply.json);
  return z.array(jsonObject).parse(reply.json);
};
