/**
 * Publishing cost against archives of different sizes, on the real emulators: S3 objects written and wall time of one
 * publish (render, page, indexes, feeds, sitemaps) into archives of 10 and of 1,000 live articles, beside the time
 * the publish request itself takes (it commits; the publishing job does the rest).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  LOCAL_DYNAMODB_CREDENTIALS,
  S3RVER_CREDENTIALS,
  createDocumentClient,
  createS3Client,
} from '../../functions/adapters/aws/clients.js';
import { composeAppDeps } from '../../functions/handlers/compose.js';
import { findFreePort, startDynamoDbLocal, startS3Server } from '../../functions/local/emulators.js';
import { ensureBucket, ensureTable } from '../../functions/local/provision.js';
import { DEMO_USERS } from '../../functions/local/demo-users.js';
import type { Clock } from '../../functions/ports/clock.js';
import { createArticle } from '../../functions/use-cases/create-article.js';
import { publishArticle } from '../../functions/use-cases/publish-article.js';
import { runPublishingTick } from '../../functions/use-cases/run-publishing-tick.js';
import { transitionArticle } from '../../functions/use-cases/transition-article.js';
import { z } from 'zod';
import { seedPublishedArchive } from '../support/seed-archive.js';

const STORY = '# Ministers meet in Baku\n\nA short standfirst.\n\nThe ministers met on Thursday.\n';
const [reporter, editor] = [DEMO_USERS[0], DEMO_USERS[1]];

export async function measurePublish(sizes: readonly number[] = [10, 1_000]): Promise<Array<Record<string, unknown>>> {
  const dir = await mkdtemp(join(tmpdir(), 'newsroom-bench-'));
  const [dp, sp] = await Promise.all([findFreePort(), findFreePort()]);
  const [dynamo, s3server] = await Promise.all([
    startDynamoDbLocal({ port: dp }),
    startS3Server({ port: sp, directory: dir }),
  ]);
  const rows: Array<Record<string, unknown>> = [];
  try {
    const documentClient = createDocumentClient({ endpoint: dynamo.endpoint, credentials: LOCAL_DYNAMODB_CREDENTIALS });
    const s3 = createS3Client({ endpoint: s3server.endpoint, credentials: S3RVER_CREDENTIALS });
    for (const size of sizes) {
      const tableName = `bench-${size}`;
      const bucket = `bench-${size}`;
      await ensureTable(documentClient, tableName);
      await ensureBucket(s3, bucket);
      const clock: Clock = { now: () => new Date('2026-11-20T09:00:00.000Z') };
      const deps = composeAppDeps({
        documentClient,
        s3,
        tableName,
        siteBucket: bucket,
        siteBaseUrl: 'https://news.example.test',
        cdn: { invalidate: () => Promise.resolve() },
        clock,
        log: { info: () => undefined, error: () => undefined },
      });
      const writes: string[] = [];
      const inner = deps.site;
      deps.site = { ...inner, put: async (o) => (writes.push(o.key), inner.put(o)) };
      await seedPublishedArchive(deps, size);
      // Several publishes per archive: the first pays for warm-up (connections, JIT), so the median is reported.
      const timings: number[] = [];
      const requestTimings: number[] = [];
      let objectsWritten = 0;
      for (let run = 0; run < 5; run += 1) {
        const article = await createArticle(deps)({ actor: reporter, desk: 'politics', body: STORY });
        await transitionArticle(deps)({ actor: reporter, id: article.id, action: 'submit', version: 1 });
        await transitionArticle(deps)({ actor: editor, id: article.id, action: 'approve', version: 2 });
        const before = writes.length;
        const started = performance.now();
        await publishArticle(deps)({ actor: editor, id: article.id, version: 3 });
        requestTimings.push(performance.now() - started);
        // The request only commits; the publishing job (as the tick or the stream runs it) writes page and indexes.
        await runPublishingTick(deps)({ ids: [article.id] });
        timings.push(performance.now() - started);
        objectsWritten = Math.max(objectsWritten, writes.length - before);
      }
      const median = (xs: number[]) => Math.round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!);
      rows.push({
        metric: 'publish',
        archiveSize: size,
        objectsWrittenPerPublish: objectsWritten,
        medianPublishRequestMs: median(requestTimings),
        medianPublishMs: median(timings),
      });
    }
  } finally {
    await Promise.all([dynamo.stop(), s3server.stop()]);
    await rm(dir, { recursive: true, force: true });
  }
  return rows;
}

// ── publish latency under load, over HTTP on a local stack ──────────────────────────────────────────────────────

export interface PublishLoadOptions {
  /** Simulated newsroom users reading lists, stories and pages the whole time. */
  users?: number;
  /** How long the background load runs; the bursts happen inside it. */
  loadSeconds?: number;
  bursts?: number;
  burstSize?: number;
  /** Hard cap on background requests, whatever the speed of the machine. */
  maxRequests?: number;
}

const percentile = (values: readonly number[], p: number): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!);
};

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Issue 9's load: `users` simulated users over the HTTP API and the public site of a real local stack (`npm start`
 * as a child process, loopback only) for a bounded time, with bursts of `burstSize` simultaneous publishes inside
 * it. Prints the publish request's p50/p99 beside the API's and beside the time until each page answers 200.
 */
export async function measurePublishUnderLoad(
  options: PublishLoadOptions = {},
): Promise<Array<Record<string, unknown>>> {
  const users = options.users ?? 50;
  const loadMs = (options.loadSeconds ?? 40) * 1000;
  const bursts = options.bursts ?? 4;
  const burstSize = options.burstSize ?? 8;
  const maxRequests = options.maxRequests ?? 30_000;
  const { startLocalStack } = await import('../e2e/support/local-stack.js');
  const stack = await startLocalStack();
  const base = stack.baseUrl;
  try {
    const call = async (token: string | undefined, method: string, path: string, body?: unknown) => {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, body: text };
    };
    const tokenOf = async (sub: string, name: string, groups: string[]) => {
      const res = await call(undefined, 'POST', '/api/dev/token', { sub, name, groups });
      return z.object({ token: z.string() }).parse(JSON.parse(res.body)).token;
    };
    const reporterToken = await tokenOf('demo-reporter', 'Анна Смирнова', ['reporters']);
    const editorToken = await tokenOf('demo-editor', 'Борис Лебедев', ['desk-politics']);
    const articleOf = (text: string) =>
      z
        .looseObject({ id: z.string(), version: z.number(), status: z.string(), path: z.string().optional() })
        .parse(JSON.parse(text));

    // Stories for the bursts, approved before the load starts.
    const ready: Array<{ id: string; version: number }> = [];
    for (let n = 0; n < bursts * burstSize; n += 1) {
      const body = `# Нагрузка ${n}\n\nМинистры обсудили сотрудничество, материал ${n}.\n\nОтдел политики`;
      let a = articleOf((await call(reporterToken, 'POST', '/api/articles', { desk: 'politics', body })).body);
      a = articleOf((await call(reporterToken, 'POST', `/api/articles/${a.id}/submit`, { version: a.version })).body);
      a = articleOf((await call(editorToken, 'POST', `/api/articles/${a.id}/approve`, { version: a.version })).body);
      ready.push(a);
    }

    // Background load: each user reads a list, a story and a public page, with a short think time.
    const apiMs: number[] = [];
    let requests = 0;
    let errors = 0;
    const deadline = Date.now() + loadMs;
    const reads = [
      (t: string) => call(t, 'GET', '/api/articles?desk=politics&status=submitted'),
      (t: string) => call(t, 'GET', '/api/articles?desk=politics&status=published'),
      (t: string) => call(t, 'GET', `/api/articles/${ready[requests % ready.length]!.id}`),
      () => call(undefined, 'GET', '/politics/'),
      () => call(undefined, 'GET', '/'),
    ];
    const user = async (i: number): Promise<void> => {
      await sleep((i * 37) % 500);
      while (Date.now() < deadline && requests < maxRequests) {
        requests += 1;
        const started = performance.now();
        const res = await reads[(i + requests) % reads.length]!(editorToken).catch(() => ({ status: 0, body: '' }));
        apiMs.push(performance.now() - started);
        if (res.status >= 500 || res.status === 0) errors += 1;
        await sleep(100 + ((i * 13 + requests) % 200));
      }
    };
    const load = Promise.all(Array.from({ length: users }, (_, i) => user(i)));

    // Bursts of simultaneous publishes, spread over the load after a warm-up.
    const publishMs: number[] = [];
    const liveMs: number[] = [];
    let publishFailures = 0;
    let neverLive = 0;
    await sleep(Math.min(5_000, loadMs / 4));
    const gap = Math.max(1_000, (loadMs * 0.6) / bursts);
    for (let b = 0; b < bursts && Date.now() < deadline; b += 1) {
      const burst = ready.slice(b * burstSize, (b + 1) * burstSize);
      await Promise.all(
        burst.map(async (story) => {
          const started = performance.now();
          const res = await call(editorToken, 'POST', `/api/articles/${story.id}/publish`, { version: story.version });
          publishMs.push(performance.now() - started);
          if (res.status >= 300) publishFailures += 1;
          // Until live: the article's path (known at once, or once async publishing has claimed it), then a 200.
          const liveBy = started + 60_000;
          for (;;) {
            const a = articleOf((await call(editorToken, 'GET', `/api/articles/${story.id}`)).body);
            if (a.path && (await call(undefined, 'GET', a.path)).status === 200) {
              liveMs.push(performance.now() - started);
              return;
            }
            if (performance.now() > liveBy) {
              neverLive += 1;
              return;
            }
            await sleep(100);
          }
        }),
      );
      await sleep(gap);
    }
    await load;
    return [
      {
        metric: 'publish-under-load',
        users,
        loadSeconds: loadMs / 1000,
        backgroundRequests: requests,
        backgroundErrors: errors,
        apiP50Ms: percentile(apiMs, 50),
        apiP99Ms: percentile(apiMs, 99),
        publishes: publishMs.length,
        burstSize,
        publishFailures,
        publishP50Ms: percentile(publishMs, 50),
        publishP99Ms: percentile(publishMs, 99),
        liveP50Ms: percentile(liveMs, 50),
        liveP99Ms: percentile(liveMs, 99),
        neverLiveWithin60s: neverLive,
      },
    ];
  } finally {
    await stack.stop();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const row of await measurePublish()) console.log(JSON.stringify(row));
  for (const row of await measurePublishUnderLoad()) console.log(JSON.stringify(row));
}
