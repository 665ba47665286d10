/**
 * Issue 14's archive figures: `count` deterministic Markdown stories over three years (archive-stories.ts) imported
 * through `npm run import` into a newsroom started as `npm start` starts it (own data directory and port); the public
 * site then crawled through its CDN as a reader and a search engine would (tests/support/site-crawl.ts) to prove that
 * every story is reachable from the archive pages and listed in exactly one sitemap shard; imported again (nothing to
 * do); then `npm run rerender`d; and Hugo's full build of the same stories (converted to a Hugo site with a minimal
 * layout written here) in the same run, with the rerender/Hugo ratio (goal ≤ 2); and, last, how long the local S3
 * server takes to accept as many page-sized objects as the rerender wrote, with nothing rendered (the floor it sets).
 * BENCH_ARCHIVE_STORIES sets the count (default 10,000); BENCH_ARCHIVE_PARTS=import stops after the second import
 * (no rerender, no Hugo). `npx tsx tests/bench/archive-import.ts` prints the rows as JSON lines and exits 1 when a
 * story is missing from the archive pages or the shards, or the second run imported anything.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectToRunningNewsroom } from '../../functions/local/batch-cli.js';
import { findFreePort } from '../../functions/local/emulators.js';
import { checkReachability, crawlSite } from '../support/site-crawl.js';
import { writeArchiveStories } from './archive-stories.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DEFAULT_COUNT = 10_000;
/** Requests in flight while crawling the site: a reader's browser opens six; the CDN and s3rver share two cores. */
const CRAWL_CONCURRENCY = 8;

const seconds = (ms: number): number => Math.round(ms) / 1000;

/** Writes in flight when measuring the store's floor: the rerender CLI's own (rerender-cli.ts, WRITES_IN_FLIGHT). */
const FLOOR_WRITES_IN_FLIGHT = 32;
/** The floor's objects: about the size of a story page (the seed page is 12.7 KB). */
const FLOOR_OBJECT_BYTES = 12_000;

/**
 * How long the local S3 server alone takes to accept `count` page-sized objects through the site store adapter the
 * CLIs use, with nothing rendered: the least any local rerender writing that many objects can take.
 */
const measureStoreFloor = async (dataDir: string, count: number): Promise<number> => {
  const deps = connectToRunningNewsroom({ ...process.env, NEWSROOM_DATA_DIR: dataDir });
  const body = 'x'.repeat(FLOOR_OBJECT_BYTES);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: FLOOR_WRITES_IN_FLIGHT }, async () => {
      for (let i = next++; i < count; i = next++) {
        await deps.site.put({
          key: `bench-floor/${i}/index.html`,
          body,
          contentType: 'text/html; charset=utf-8',
          cacheControl: 'no-store',
        });
      }
    }),
  );
  return performance.now() - started;
};

/** `npm start`'s entry point on its own data directory and port; resolves once it prints that it is ready. */
const startNewsroom = async (dataDir: string, port: number): Promise<ChildProcess> => {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'functions/local/start.ts')], {
    cwd: ROOT,
    env: { ...process.env, NEWSROOM_DATA_DIR: dataDir, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let log = '';
    const onData = (chunk: Buffer): void => {
      log += chunk.toString();
      if (log.includes('Newsroom is ready')) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`npm start exited (${code}):\n${log}`)));
  });
  return child;
};

/** Runs one of the batch CLIs as `npm run` would; its wall time and last lines. */
const runCli = (
  script: string,
  args: string[],
  dataDir: string,
): Promise<{ ms: number; code: number | null; out: string; tail: string }> =>
  new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'functions/local', script), ...args], {
      cwd: ROOT,
      env: { ...process.env, NEWSROOM_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ ms: performance.now() - started, code, out, tail: out.trim().split('\n').slice(-4).join(' | ') }),
    );
  });

/** Debian's hugo, installed with apt-get when missing (the bench machine is a disposable one). */
const ensureHugo = (): string => {
  try {
    return execFileSync('hugo', ['version'], { encoding: 'utf8' }).trim();
  } catch {
    execFileSync('apt-get', ['update'], { stdio: 'ignore' });
    execFileSync('apt-get', ['install', '-y', 'hugo'], {
      stdio: 'ignore',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    return execFileSync('hugo', ['version'], { encoding: 'utf8' }).trim();
  }
};

const LAYOUT_BASE = `<!doctype html><html lang="{{ .Site.LanguageCode }}"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body>{{ block "main" . }}{{ end }}</body></html>`;
const LAYOUT_SINGLE = `{{ define "main" }}<article><h1>{{ .Title }}</h1>{{ with .Params.standfirst }}<p class="deck">{{ . }}</p>{{ end }}<p>{{ .Params.author }}</p><time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">{{ .Date.Format "2 January 2006, 15:04" }}</time>{{ .Content }}</article>{{ end }}`;
const LAYOUT_LIST = `{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}`;

/** The same stories as a Hugo site: front matter kept, each page at the newsroom's URL, a minimal layout. */
const writeHugoSite = (storiesDir: string, siteDir: string): void => {
  mkdirSync(join(siteDir, 'layouts/_default'), { recursive: true });
  writeFileSync(
    join(siteDir, 'config.toml'),
    'baseURL = "https://news.example.org/"\nlanguageCode = "ru"\ntitle = "Newsroom"\npaginate = 30\n[taxonomies]\ntag = "tags"\n',
  );
  writeFileSync(join(siteDir, 'layouts/_default/baseof.html'), LAYOUT_BASE);
  writeFileSync(join(siteDir, 'layouts/_default/single.html'), LAYOUT_SINGLE);
  writeFileSync(join(siteDir, 'layouts/_default/list.html'), LAYOUT_LIST);
  writeFileSync(join(siteDir, 'layouts/index.html'), LAYOUT_LIST);
  for (const year of readdirSync(storiesDir)) {
    for (const file of readdirSync(join(storiesDir, year))) {
      const text = readFileSync(join(storiesDir, year, file), 'utf8');
      const desk = /^desk: (.+)$/m.exec(text)?.[1] ?? 'politics';
      const dir = join(siteDir, 'content', desk);
      mkdirSync(dir, { recursive: true });
      // Hugo's permalinks (config.toml) put each page at the newsroom's URL: /desk/yyyy/mm/dd/slug/.
      writeFileSync(join(dir, file), text);
    }
  }
  writeFileSync(
    join(siteDir, 'config.toml'),
    `${readFileSync(join(siteDir, 'config.toml'), 'utf8')}[permalinks]\npolitics = "/politics/:year/:month/:day/:slug/"\nworld = "/world/:year/:month/:day/:slug/"\n`,
  );
};

/** The figures `npm run import` prints at the end (its counts, its phases' seconds, what one story cost). */
const importFigures = (out: string): Record<string, number> => {
  const figures: Record<string, number> = {};
  const summary = /Imported (\d+), already there (\d+), failed (\d+) in ([\d.]+) s/.exec(out);
  if (summary) {
    figures.imported = Number(summary[1]);
    figures.alreadyThere = Number(summary[2]);
    figures.failed = Number(summary[3]);
    figures.itemSeconds = Number(summary[4]);
  }
  const indexes = /site indexes: .*?([\d.]+) s\b/.exec(out);
  if (indexes) figures.indexSeconds = Number(indexes[1]);
  const cost = /per story imported: ([\d.]+) DynamoDB requests, ([\d.]+) S3 PUTs, ([\d.]+) ms CPU/.exec(out);
  if (cost) {
    figures.dynamoDbRequestsPerStory = Number(cost[1]);
    figures.s3PutsPerStory = Number(cost[2]);
    figures.cpuMsPerStory = Number(cost[3]);
  }
  return figures;
};

export async function measureArchiveImport(
  count = Number(process.env.BENCH_ARCHIVE_STORIES ?? DEFAULT_COUNT),
  parts: 'all' | 'import' = process.env.BENCH_ARCHIVE_PARTS === 'import' ? 'import' : 'all',
): Promise<Array<Record<string, unknown>>> {
  const work = mkdtempSync(join(tmpdir(), 'newsroom-archive-bench-'));
  const stories = join(work, 'stories');
  const dataDir = join(work, 'data');
  const written = writeArchiveStories(stories, count);
  const port = await findFreePort();
  const newsroom = await startNewsroom(dataDir, port);
  const rows: Array<Record<string, unknown>> = [];
  try {
    const first = await runCli('import-cli.ts', [stories], dataDir);
    rows.push({
      metric: 'archive.import',
      stories: count,
      seconds: seconds(first.ms),
      storiesPerSecond: Math.round((count / first.ms) * 1000),
      exitCode: first.code,
      ...importFigures(first.out),
      output: first.tail,
    });
    const crawlStart = performance.now();
    const crawl = await crawlSite(`http://127.0.0.1:${port}`, { concurrency: CRAWL_CONCURRENCY });
    const reach = checkReachability(
      crawl,
      written.map((s) => s.path),
    );
    rows.push({
      metric: 'archive.reachability',
      stories: reach.stories,
      reached: reach.reached,
      inExactlyOneShard: reach.inOneShard,
      inNoShard: reach.inNoShard,
      inSeveralShards: reach.inSeveralShards,
      archivePages: crawl.archivePages,
      sitemaps: crawl.sitemaps,
      pagesFetched: crawl.fetched,
      broken: crawl.broken.length,
      seconds: seconds(performance.now() - crawlStart),
      ok: reach.reached === count && reach.inOneShard === count && crawl.broken.length === 0,
      ...(reach.missing.length > 0 || crawl.broken.length > 0
        ? { examples: [...reach.missing, ...crawl.broken.slice(0, 5)] }
        : {}),
    });
    const again = await runCli('import-cli.ts', [stories], dataDir);
    const againFigures = importFigures(again.out);
    rows.push({
      metric: 'archive.reimport',
      stories: count,
      seconds: seconds(again.ms),
      exitCode: again.code,
      ...againFigures,
      ok: again.code === 0 && againFigures.imported === 0 && againFigures.alreadyThere === count,
      output: again.tail,
    });
    if (parts === 'import') return rows;
    const rerender = await runCli('rerender-cli.ts', [], dataDir);
    rows.push({
      metric: 'archive.rerender',
      stories: count,
      seconds: seconds(rerender.ms),
      pagesPerSecond: Math.round((count / rerender.ms) * 1000),
      exitCode: rerender.code,
      output: rerender.tail,
    });
    const hugoVersion = ensureHugo();
    const site = join(work, 'hugo');
    writeHugoSite(stories, site);
    const hugoStart = performance.now();
    execFileSync('hugo', ['--quiet', '--source', site, '--destination', join(work, 'hugo-public')], {
      stdio: 'ignore',
    });
    const hugoMs = performance.now() - hugoStart;
    rows.push({ metric: 'archive.hugo', stories: count, seconds: seconds(hugoMs), version: hugoVersion });
    rows.push({
      metric: 'archive.rerender-vs-hugo',
      stories: count,
      ratio: Math.round((rerender.ms / hugoMs) * 100) / 100,
      target: 2,
    });
    // The rerender's writes alone, with nothing rendered: the floor the local S3 server sets under its figure.
    const puts = /S3 PutObject (\d+)/.exec(rerender.out);
    if (puts) {
      const objects = Number(puts[1]);
      const floorMs = await measureStoreFloor(dataDir, objects);
      rows.push({
        metric: 'archive.store-write-floor',
        objects,
        objectBytes: FLOOR_OBJECT_BYTES,
        writesInFlight: FLOOR_WRITES_IN_FLIGHT,
        seconds: seconds(floorMs),
        putsPerSecond: Math.round((objects / floorMs) * 1000),
        vsHugo: Math.round((floorMs / hugoMs) * 100) / 100,
      });
    }
  } finally {
    newsroom.kill('SIGINT');
    await new Promise((resolve) => newsroom.once('exit', resolve));
    rmSync(work, { recursive: true, force: true });
  }
  return rows;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const rows = await measureArchiveImport();
  for (const row of rows) console.log(JSON.stringify(row));
  if (rows.some((row) => row.ok === false)) process.exitCode = 1;
}
