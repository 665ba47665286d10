/**
 * `npm run rerender [-- --threads <n>]`: after a template or style change, renders every published page and every
 * index document of the newsroom `npm start` runs again and replaces them in place. Pages render on every core
 * (node:worker_threads, render-pool.ts); this thread lists the articles and writes with bounded concurrency. Pages
 * are overwritten, never deleted first, so each keeps answering 200; the CDN is invalidated once at the end (`/*`).
 */
import { parseArgs } from 'node:util';
import { SFNClient } from '@aws-sdk/client-sfn';
import { createRenderPool } from '../adapters/worker/render-pool.js';
import { isDomainError } from '../domain/errors.js';
import { drainSiteIndexes } from '../use-cases/drain-site-indexes.js';
import { listPublishedArticles, markEveryIndex, rerenderArticle } from '../use-cases/rerender-site.js';
import { writeSiteBasics } from '../use-cases/write-site-basics.js';
import { awsBatchEnvSchema, printMapRun, runStepFunctionsJob } from './aws-batch.js';
import { CliError, connectToRunningNewsroom, errorMessage, runPool, startProgress } from './batch-cli.js';

/** Writes in flight per render thread: enough to keep every thread busy while others wait on storage. */
const IN_FLIGHT_PER_THREAD = 4;

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
  const deps = connectToRunningNewsroom();
  const startedAt = performance.now();
  const published: Array<{ id: string; desk: string; path: string; publishedAt: string }> = [];
  for await (const a of listPublishedArticles(deps)()) {
    if (a.path && a.firstPublishedAt) {
      published.push({ id: a.id, desk: a.desk, path: a.path, publishedAt: a.firstPublishedAt });
    }
  }
  const listSeconds = (performance.now() - startedAt) / 1000;
  const pool = createRenderPool(threads === undefined ? {} : { size: threads });
  const failures: string[] = [];
  const counts = { rendered: 0, busy: 0, 'not-published': 0 };
  const progress = startProgress(`rerender (${pool.size} threads)`, published.length);
  const rerender = rerenderArticle(deps, pool);
  try {
    await runPool(published, pool.size * IN_FLIGHT_PER_THREAD, async (a) => {
      try {
        counts[(await rerender(a.id)).outcome] += 1;
      } catch (error) {
        const reason = isDomainError(error) ? `${error.code}: ${error.message}` : errorMessage(error);
        failures.push(a.path);
        progress.note(`FAILED ${a.path} (${a.id}): ${reason}`);
      }
      progress.tick();
    });
  } finally {
    progress.stop();
    await pool.close();
  }
  const pagesSeconds = (performance.now() - startedAt) / 1000;
  const indexStart = performance.now();
  await writeSiteBasics(deps)();
  const marks = await markEveryIndex(deps)(published);
  const drained = await drainSiteIndexes(deps)();
  // One wildcard: every page changed, and CloudFront counts `/*` as one path (per-path invalidations of a whole
  // archive would cost one path each beyond the free 1,000 a month, and queue for minutes).
  await deps.cdn.invalidate(['/*']);
  const indexSeconds = (performance.now() - indexStart) / 1000;
  process.stdout.write(
    `Re-rendered ${counts.rendered} of ${published.length} pages in ${pagesSeconds.toFixed(1)} s ` +
      `(${(counts.rendered / Math.max(0.001, pagesSeconds)).toFixed(0)} pages/s, listing ${listSeconds.toFixed(1)} s)` +
      (counts.busy > 0 ? `; ${counts.busy} left to the publishing job that held them` : '') +
      `${failures.length > 0 ? `; ${failures.length} failed` : ''}\n` +
      `Indexes: ${marks} desk-months rebuilt in ${drained.runs} runs (${drained.written} documents), ` +
      `${indexSeconds.toFixed(1)} s${drained.pending ? '; some left to the tick' : ''}; CDN invalidated: /*\n`,
  );
  return failures.length > 0 ? 1 : 0;
};

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`rerender: ${errorMessage(error)}\n`);
    process.exit(2);
  },
);
