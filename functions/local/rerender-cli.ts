/**
 * `npm run rerender [-- --threads <n>]`: after a template or style change, renders every published page and every
 * index document of the newsroom `npm start` runs again and replaces them in place. Pages render on every core
 * (node:worker_threads, render-pool.ts); this thread lists the articles and writes with bounded concurrency. Pages
 * are overwritten, never deleted first, so each keeps answering 200; the CDN is invalidated once at the end (`/*`).
 */
import { parseArgs } from 'node:util';
import { SFNClient } from '@aws-sdk/client-sfn';
import { createRenderPool } from '../adapters/worker/render-pool.js';
import type { Article } from '../domain/article.js';
import {
  listPublishedArticles,
  rerenderPublishedPages,
  type RerenderPagesOutcome,
} from '../use-cases/rerender-site.js';
import { rerenderEveryIndex } from '../use-cases/rerender-site-indexes.js';
import { writeSiteBasics } from '../use-cases/write-site-basics.js';
import { awsBatchEnvSchema, printMapRun, runStepFunctionsJob } from './aws-batch.js';
import {
  CliError,
  connectToRunningNewsroom,
  errorMessage,
  newRequestCounts,
  type RequestCounts,
  startProgress,
  totalOf,
} from './batch-cli.js';

/** Batches in flight per render thread: one rendering while another writes and is read again. */
const BATCHES_PER_THREAD = 2;
/** Page writes in flight: s3rver answers most PutObjects per second near 32 (about 950/s on two cores). */
const WRITES_IN_FLIGHT = 32;

const byCommand = (counts: RequestCounts): string =>
  [
    ...[...counts.dynamodb].map(([k, v]) => `DynamoDB ${k.replace('Command', '')} ${v}`),
    ...[...counts.s3].map(([k, v]) => `S3 ${k.replace('Command', '')} ${v}`),
  ].join(', ');

const main = async (): Promise<number> => {
  const { values } = parseArgs({ options: { threads: { type: 'string' }, aws: { type: 'boolean' } } });
  if (values.aws) {
    // The stack's re-render Distributed Map over the published list (infra/constructs/batch-jobs.ts).
    const env = awsBatchEnvSchema.parse(process.env);
    const outcome = await runStepFunctionsJob({
      sfn: new SFNClient({}),
      stateMachineArn: env.NEWSROOM_RERENDER_STATE_MACHINE_ARN,
      input: {},
      onProgress: printMapRun('rerender (Step Functions)'),
    });
    process.stdout.write(
      `\n${outcome.status}: ${outcome.succeeded} pages re-rendered, ${outcome.failed} failed of ${outcome.total}; ` +
        `failures: s3://${env.NEWSROOM_JOBS_BUCKET}/reports/rerender/\n`,
    );
    return outcome.status === 'SUCCEEDED' && outcome.failed === 0 ? 0 : 1;
  }
  const threads = values.threads === undefined ? undefined : Number(values.threads);
  if (threads !== undefined && (!Number.isInteger(threads) || threads < 1 || threads > 64)) {
    throw new CliError('--threads must be 1–64');
  }
  const requests = newRequestCounts();
  const deps = connectToRunningNewsroom(process.env, requests);
  const cpuAtStart = process.cpuUsage();
  const startedAt = performance.now();
  const pool = createRenderPool(threads === undefined ? {} : { size: threads });
  const listed: Article[] = [];
  for await (const a of listPublishedArticles(deps)()) listed.push(a);
  const listSeconds = (performance.now() - startedAt) / 1000;
  const progress = startProgress(`rerender (${pool.size} threads)`, listed.length);
  let pages: RerenderPagesOutcome;
  try {
    pages = await rerenderPublishedPages(deps, pool, {
      batchesInFlight: pool.size * BATCHES_PER_THREAD,
      writesInFlight: WRITES_IN_FLIGHT,
      onStory: () => progress.tick(),
      onFailure: (f) => progress.note(`FAILED ${f.path} (${f.id}): ${f.reason}`),
    })(listed);
  } finally {
    progress.stop();
    await pool.close();
  }
  const { counts, published } = pages;
  const failures = counts.failed;
  const pageRequests = { dynamodb: totalOf(requests.dynamodb), s3: totalOf(requests.s3) };
  const pagesSeconds = (performance.now() - startedAt) / 1000;
  const indexStart = performance.now();
  await writeSiteBasics(deps)();
  const cpuAfterPages = process.cpuUsage(cpuAtStart);
  const indexes = await rerenderEveryIndex(deps, { writesInFlight: WRITES_IN_FLIGHT })(published);
  // One wildcard: every page changed, and CloudFront counts `/*` as one path (per-path invalidations of a whole
  // archive would cost one path each beyond the free 1,000 a month, and queue for minutes).
  await deps.cdn.invalidate(['/*']);
  const indexSeconds = (performance.now() - indexStart) / 1000;
  const cpu = process.cpuUsage(cpuAtStart);
  const perPage = (n: number): string => (n / Math.max(1, published.length)).toFixed(2);
  const indexRequests = {
    dynamodb: totalOf(requests.dynamodb) - pageRequests.dynamodb,
    s3: totalOf(requests.s3) - pageRequests.s3,
  };
  const left = counts.busy + counts['not-published'];
  process.stdout.write(
    `Re-rendered ${counts.rendered} of ${published.length} pages in ${pagesSeconds.toFixed(1)} s ` +
      `(${(counts.rendered / Math.max(0.001, pagesSeconds)).toFixed(0)} pages/s, listing ${listSeconds.toFixed(1)} s; ` +
      `${pages.settled} re-rendered under their lease after they moved)` +
      (left > 0 ? `; ${left} left to the publishing job that held them` : '') +
      (counts['taken-down'] > 0 ? `; ${counts['taken-down']} taken down meanwhile (410 kept)` : '') +
      `${failures > 0 ? `; ${failures} failed` : ''}\n` +
      `Indexes: ${indexes.written} documents written once each in ${indexSeconds.toFixed(1)} s ` +
      `(backfill ${(indexes.phases.backfill / 1000).toFixed(1)} s, read and render ${(indexes.phases.render / 1000).toFixed(1)} s, ` +
      `write ${(indexes.phases.write / 1000).toFixed(1)} s)` +
      (indexes.backfilled > 0 ? ` (${indexes.backfilled} stories placed in their day archives first)` : '') +
      `${indexes.pending ? '; some left to the tick' : ''}; CDN invalidated: /*\n` +
      `Requests: pages ${pageRequests.dynamodb} DynamoDB (${perPage(pageRequests.dynamodb)}/page), ` +
      `${pageRequests.s3} S3; indexes ${indexRequests.dynamodb} DynamoDB, ${indexRequests.s3} S3 ` +
      `(${byCommand(requests)}); ` +
      `CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s of this process, all threads ` +
      `(pages ${((cpuAfterPages.user + cpuAfterPages.system) / 1e6).toFixed(1)} s)\n`,
  );
  return failures > 0 ? 1 : 0;
};

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`rerender: ${errorMessage(error)}\n`);
    process.exit(2);
  },
);
