/**
 * `npm run import -- <path> [--desk <id>] [--concurrency <n>]`: brings an existing archive into the newsroom that
 * `npm start` runs on the same NEWSROOM_DATA_DIR. <path> is a folder (Markdown files with YAML front matter, and any
 * WordPress exports `*.xml` in it, recursively) or one file. Talks to the stack's emulators directly, through the
 * production adapters and the `importArticle` use case; the site indexes are rebuilt once at the end.
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
import { drainSiteIndexes } from '../use-cases/drain-site-indexes.js';
import { importArticle } from '../use-cases/import-article.js';
import { awsBatchEnvSchema, printMapRun, runStepFunctionsJob } from './aws-batch.js';
import { CliError, connectToRunningNewsroom, errorMessage, runPool, startProgress } from './batch-cli.js';

const MARKDOWN = /\.(md|markdown)$/i;
const WXR = /\.xml$/i;
const DEFAULT_CONCURRENCY = 8;

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
    options: { desk: { type: 'string' }, concurrency: { type: 'string' }, aws: { type: 'boolean' } },
  });
  const [path] = positionals;
  if (!path || positionals.length > 1) {
    throw new CliError(
      'usage: npm run import -- <folder or file> [--desk <desk id for WordPress posts>] [--concurrency <n>] [--aws]',
    );
  }
  const concurrency = Number(values.concurrency ?? DEFAULT_CONCURRENCY);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)
    throw new CliError('--concurrency must be 1–64');
  if (values.aws) return importOnAws(resolve(path), concurrency);
  const deps = connectToRunningNewsroom();
  const deskIds = [...deps.desks.keys()];
  if (values.desk !== undefined && !deps.desks.has(values.desk)) {
    throw new CliError(`--desk ${values.desk} is not a desk; desks: ${deskIds.join(', ')}`);
  }
  const startedAt = performance.now();
  const { tasks, failures } = await listTasks(resolve(path), {
    deskIds,
    ...(values.desk ? { defaultDesk: values.desk } : {}),
  });
  for (const f of failures) process.stderr.write(`FAILED ${f.source}: ${f.reason}\n`);
  const counts = { imported: 0, exists: 0 };
  const importOne = importArticle(deps);
  const progress = startProgress(`import ${basename(path)}`, tasks.length);
  await runPool(tasks, concurrency, async (task) => {
    try {
      // The cheap check first: an item imported before costs one read, not a file read and a parse.
      if (task.key && (await deps.articles.get(importedArticleId(task.key)))) {
        counts.exists += 1;
      } else {
        const outcome = await importOne(await task.load());
        counts[outcome.outcome] += 1;
      }
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
  progress.stop();
  const importSeconds = (performance.now() - startedAt) / 1000;
  let indexLine = 'site indexes: nothing to rebuild';
  if (counts.imported > 0) {
    const drainStart = performance.now();
    const drained = await drainSiteIndexes(deps)();
    const seconds = ((performance.now() - drainStart) / 1000).toFixed(1);
    indexLine = drained.pending
      ? `site indexes: ${drained.runs} rebuild runs in ${seconds} s; the rest is left to the newsroom's tick`
      : `site indexes: rebuilt in ${drained.runs} runs, ${drained.written} documents written, ${seconds} s`;
  }
  const rate = (counts.imported + counts.exists) / Math.max(0.001, importSeconds);
  process.stdout.write(
    `Imported ${counts.imported}, already there ${counts.exists}, failed ${failures.length} ` +
      `in ${importSeconds.toFixed(1)} s (${rate.toFixed(0)} items/s)\n${indexLine}\n`,
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
