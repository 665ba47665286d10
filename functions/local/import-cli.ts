/**
 * `npm run import -- <path> [--desk <id>] [--concurrency <n>] [--threads <n>]`: brings an existing archive into the
 * newsroom that `npm start` runs on the same NEWSROOM_DATA_DIR. <path> is a folder (Markdown files with YAML front
 * matter, and any WordPress exports `*.xml` in it, recursively) or one file. Talks to the stack's emulators directly,
 * through the production adapters and the `importArticle` use case: which items are there already is read a hundred
 * at a time (a second run costs one read per hundred items), pages render on every core (render-pool.ts) while this
 * thread parses and writes, and the site indexes are rebuilt once at the end. It ends by saying what one story cost:
 * requests to DynamoDB and S3, and CPU time.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { importedArticleId, ImportItemError, type ImportItem } from '../domain/import/import-item.js';
import { importItemOfMarkdown } from '../domain/import/markdown-source.js';
import { MAX_WXR_BYTES, readWxr } from '../domain/import/wxr-source.js';
import { isDomainError } from '../domain/errors.js';
import { createRenderPool } from '../adapters/worker/render-pool.js';
import type { AppDeps } from '../use-cases/deps.js';
import { drainSiteIndexes, type DrainOutcome } from '../use-cases/drain-site-indexes.js';
import { importArticle } from '../use-cases/import-article.js';
import { awsBatchEnvSchema, printMapRun, runStepFunctionsJob } from './aws-batch.js';
import {
  CliError,
  connectToRunningNewsroom,
  errorMessage,
  newRequestCounts,
  runPool,
  startProgress,
  totalOf,
  type RequestCounts,
} from './batch-cli.js';

const MARKDOWN = /\.(md|markdown)$/i;
const WXR = /\.xml$/i;
/** Stories in flight per render thread: each waits on DynamoDB and S3 most of its time. */
const IN_FLIGHT_PER_THREAD = 8;
/** Ids per existence check: DynamoDB's BatchGetItem takes 100 keys. */
const CHECK_BATCH = 100;
const CHECKS_IN_FLIGHT = 4;
/** Drains the rebuild is given when the newsroom's own tick keeps taking the site lease (each waits up to 30 s). */
const MAX_DRAINS = 40;

interface Task {
  /** The file or item, for people. */
  source: string;
  /** Stable key of the source item (its article id is derived from it). */
  key?: string;
  load: () => Promise<ImportItem>;
}

interface Failure {
  source: string;
  reason: string;
}

const walk = async (dir: string): Promise<string[]> => {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries
      .filter((e) => !e.name.startsWith('.'))
      .map(async (e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : [])),
  );
  return nested.flat().sort();
};

/** Every task of the source, and the failures found while listing it (a WXR file that is not one, a bad post). */
const listTasks = async (
  root: string,
  options: { deskIds: string[]; defaultDesk?: string },
): Promise<{ tasks: Task[]; failures: Failure[] }> => {
  const info = await stat(root).catch(() => undefined);
  if (!info) throw new CliError(`${root} does not exist`);
  const base = info.isDirectory() ? root : resolve(root, '..');
  const files = info.isDirectory() ? await walk(root) : [root];
  const tasks: Task[] = [];
  const failures: Failure[] = [];
  for (const file of files) {
    const name = relative(base, file);
    if (MARKDOWN.test(file)) {
      // The key is the path in the folder: a second run checks it without reading the file.
      tasks.push({
        source: name,
        key: `md:${name}`,
        load: async () => importItemOfMarkdown(name, await readFile(file, 'utf8')),
      });
    } else if (WXR.test(file)) {
      try {
        if ((await stat(file)).size > MAX_WXR_BYTES) {
          throw new ImportItemError(name, `larger than ${MAX_WXR_BYTES / 1024 / 1024} MB; split the export`);
        }
        for (const entry of readWxr(await readFile(file, 'utf8'), { fileName: name, ...options })) {
          if (entry.kind === 'item')
            tasks.push({
              source: entry.item.source,
              key: entry.item.sourceKey,
              load: () => Promise.resolve(entry.item),
            });
          else if (entry.kind === 'failed') failures.push({ source: entry.error.source, reason: entry.error.message });
        }
      } catch (error) {
        failures.push({ source: error instanceof ImportItemError ? error.source : name, reason: errorMessage(error) });
      }
    }
  }
  return { tasks, failures };
};

const reasonOf = (error: unknown): string =>
  isDomainError(error) ? `${error.code}: ${error.message}` : errorMessage(error);

/**
 * The keyed tasks whose article exists already, read a hundred ids per request. A batch whose read fails is left
 * unchecked: its items are imported one by one, each checking for itself.
 */
const findImported = async (
  deps: AppDeps,
  tasks: readonly Task[],
): Promise<{ present: Set<Task>; absent: Set<Task> }> => {
  const keyed = tasks.filter((t) => t.key !== undefined);
  const batches = Array.from({ length: Math.ceil(keyed.length / CHECK_BATCH) }, (_, i) =>
    keyed.slice(i * CHECK_BATCH, (i + 1) * CHECK_BATCH),
  );
  const present = new Set<Task>();
  const absent = new Set<Task>();
  await runPool(batches, CHECKS_IN_FLIGHT, async (batch) => {
    const ids = batch.map((t) => importedArticleId(t.key ?? ''));
    const found = await deps.articles.getMany(ids).catch(() => undefined);
    if (!found) return;
    batch.forEach((t, i) => (found.has(ids[i] ?? '') ? present : absent).add(t));
  });
  return { present, absent };
};

/**
 * Rebuilds the indexes the import marked, until none is left. The running newsroom's tick takes the same site lease
 * and works through the same marks: while it holds it, wait for it rather than leave the archive half built.
 */
const rebuildIndexes = async (deps: AppDeps): Promise<DrainOutcome> => {
  const total: DrainOutcome = { runs: 0, written: 0, pending: true };
  for (let drain = 0; drain < MAX_DRAINS && total.pending; drain += 1) {
    const outcome = await drainSiteIndexes(deps)();
    total.runs += outcome.runs;
    total.written += outcome.written;
    total.pending = outcome.pending;
  }
  return total;
};

const perStory = (n: number, of: number): string => (of > 0 ? (n / of).toFixed(2) : '0');

const byCommand = (counts: ReadonlyMap<string, number>): string =>
  [...counts].map(([name, n]) => `${name.replace(/Command$/, '')} ${n}`).join(', ') || 'none';

/**
 * What the items cost: the requests sent (by service and command) and, per story imported, the same and the CPU
 * time of this process (its render threads included).
 */
const costLines = (counts: RequestCounts, imported: number, cpu: NodeJS.CpuUsage): string => {
  const dynamodb = totalOf(counts.dynamodb);
  const puts = totalOf(counts.s3, ['PutObjectCommand']);
  const sent = `requests: ${dynamodb} DynamoDB (${byCommand(counts.dynamodb)}), ${puts} S3 PUTs\n`;
  if (imported === 0) return sent;
  return (
    sent +
    `per story imported: ${perStory(dynamodb, imported)} DynamoDB requests, ${perStory(puts, imported)} S3 PUTs, ` +
    `${perStory((cpu.user + cpu.system) / 1000, imported)} ms CPU\n`
  );
};

/**
 * `--aws`: uploads the folder's Markdown files under `imports/<run>/` in the jobs bucket and runs the stack's import
 * Distributed Map over that prefix (WordPress exports are imported locally only).
 */
const importOnAws = async (root: string, concurrency: number): Promise<number> => {
  const env = awsBatchEnvSchema.parse(process.env);
  const files = (await walk(root)).filter((f) => MARKDOWN.test(f));
  const run = new Date()
    .toISOString()
    .replace(/[^0-9]/g, '')
    .slice(0, 14);
  const s3 = new S3Client({});
  const upload = startProgress('upload', files.length);
  await runPool(files, concurrency, async (file) => {
    await s3.send(
      new PutObjectCommand({
        Bucket: env.NEWSROOM_JOBS_BUCKET,
        Key: `imports/${run}/${relative(root, file)}`,
        Body: await readFile(file),
        ContentType: 'text/markdown; charset=utf-8',
      }),
    );
    upload.tick();
  });
  upload.stop();
  const outcome = await runStepFunctionsJob({
    sfn: new SFNClient({}),
    stateMachineArn: env.NEWSROOM_IMPORT_STATE_MACHINE_ARN,
    input: { prefix: `imports/${run}/` },
    onProgress: printMapRun('import (Step Functions)'),
  });
  process.stdout.write(
    `\n${outcome.status}: ${outcome.succeeded} imported or already there, ${outcome.failed} failed of ${outcome.total}; ` +
      `failures: s3://${env.NEWSROOM_JOBS_BUCKET}/reports/import/\n`,
  );
  return outcome.status === 'SUCCEEDED' && outcome.failed === 0 ? 0 : 1;
};

const main = async (): Promise<number> => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      desk: { type: 'string' },
      concurrency: { type: 'string' },
      threads: { type: 'string' },
      aws: { type: 'boolean' },
    },
  });
  const [path] = positionals;
  if (!path || positionals.length > 1) {
    throw new CliError(
      'usage: npm run import -- <folder or file> [--desk <desk id for WordPress posts>] [--concurrency <n>] ' +
        '[--threads <n>] [--aws]',
    );
  }
  const threads = values.threads === undefined ? undefined : Number(values.threads);
  if (threads !== undefined && (!Number.isInteger(threads) || threads < 1 || threads > 64)) {
    throw new CliError('--threads must be 1–64');
  }
  const concurrency = values.concurrency === undefined ? undefined : Number(values.concurrency);
  if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64))
    throw new CliError('--concurrency must be 1–64');
  if (values.aws) return importOnAws(resolve(path), concurrency ?? 8);
  const requests = newRequestCounts();
  const deps = connectToRunningNewsroom(process.env, requests);
  const deskIds = [...deps.desks.keys()];
  if (values.desk !== undefined && !deps.desks.has(values.desk)) {
    throw new CliError(`--desk ${values.desk} is not a desk; desks: ${deskIds.join(', ')}`);
  }
  const startedAt = performance.now();
  const cpuAtStart = process.cpuUsage();
  const { tasks, failures } = await listTasks(resolve(path), {
    deskIds,
    ...(values.desk ? { defaultDesk: values.desk } : {}),
  });
  for (const f of failures) process.stderr.write(`FAILED ${f.source}: ${f.reason}\n`);
  const { present, absent } = await findImported(deps, tasks);
  const todo = tasks.filter((t) => !present.has(t));
  const counts = { imported: 0, exists: present.size };
  process.stdout.write(
    `${tasks.length} items in ${basename(path)}, ${present.size} imported before (checked in ` +
      `${((performance.now() - startedAt) / 1000).toFixed(1)} s)\n`,
  );
  if (todo.length > 0) {
    // Pages render on every core; this thread reads, parses and writes.
    const pool = createRenderPool(threads === undefined ? {} : { size: threads });
    const importOne = importArticle(deps, { pool });
    const progress = startProgress(`import ${basename(path)} (${pool.size} render threads)`, todo.length);
    try {
      await runPool(todo, concurrency ?? pool.size * IN_FLIGHT_PER_THREAD, async (task) => {
        try {
          const outcome = await importOne(await task.load(), { absent: absent.has(task) });
          counts[outcome.outcome] += 1;
        } catch (error) {
          const failure = {
            source: error instanceof ImportItemError ? error.source : task.source,
            reason: reasonOf(error),
          };
          failures.push(failure);
          progress.note(`FAILED ${failure.source}: ${failure.reason}`);
        }
        progress.tick();
      });
    } finally {
      progress.stop();
      await pool.close();
    }
  }
  const importSeconds = (performance.now() - startedAt) / 1000;
  const cost = costLines(requests, counts.imported, process.cpuUsage(cpuAtStart));
  let indexLine = 'site indexes: nothing to rebuild';
  if (counts.imported > 0) {
    const drainStart = performance.now();
    const before = { dynamodb: new Map(requests.dynamodb), puts: totalOf(requests.s3, ['PutObjectCommand']) };
    const drained = await rebuildIndexes(deps);
    const seconds = ((performance.now() - drainStart) / 1000).toFixed(1);
    const rebuildRequests = new Map(
      [...requests.dynamodb].map(([name, n]) => [name, n - (before.dynamodb.get(name) ?? 0)] as const),
    );
    const sent =
      `${totalOf(rebuildRequests)} DynamoDB requests (${byCommand(rebuildRequests)}), ` +
      `${totalOf(requests.s3, ['PutObjectCommand']) - before.puts} S3 PUTs from here`;
    indexLine = drained.pending
      ? `site indexes: ${drained.runs} rebuild runs in ${seconds} s (${sent}); the rest is left to the newsroom's tick`
      : `site indexes: rebuilt in ${drained.runs} runs, ${drained.written} documents written, ${seconds} s (${sent})`;
  }
  const rate = (counts.imported + counts.exists) / Math.max(0.001, importSeconds);
  process.stdout.write(
    `Imported ${counts.imported}, already there ${counts.exists}, failed ${failures.length} ` +
      `in ${importSeconds.toFixed(1)} s (${rate.toFixed(0)} items/s)\n` +
      cost +
      `${indexLine}\n`,
  );
  if (failures.length > 0) process.stdout.write(`${failures.length} item(s) failed; see the FAILED lines above.\n`);
  return failures.length > 0 ? 1 : 0;
};

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`import: ${errorMessage(error)}\n`);
    process.exit(2);
  },
);
