/**
 * `npm run import` of an archive, proven the way a reader and a search engine see the result: the CLI runs as a child
 * process against DynamoDB Local and s3rver through the production adapters (found through a stack.json as `npm
 * start` writes it), and the public site is then crawled over HTTP through the stack's CDN (tests/support/
 * site-crawl.ts): every story must be linked from the archive pages (desk → month → day → older chunks) and listed in
 * exactly one sitemap shard. One day has more stories than a day-archive chunk, so its older chunk is only reachable
 * through the chunk page. A second run reads a hundred ids per request and imports nothing; two runs racing over the
 * same folder import each story once.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_CHUNK } from '../../../functions/domain/day-archive.js';
import { importedArticleId } from '../../../functions/domain/import/import-item.js';
import { writeArchiveStories, type ArchiveStory } from '../../bench/archive-stories.js';
import { checkReachability, crawlSite } from '../../support/site-crawl.js';
import { runBatchCli, startBatchCliStack, type BatchCliStack, type CliRun } from '../support/batch-cli-stack.js';
import { startTestNewsroom, type TestNewsroom } from '../support/test-newsroom.js';

const DAY_MS = 86_400_000;
/** Stories spread over three weeks of both desks, and a busy politics day with more than a chunk. */
const SPREAD = 120;
const BUSY = DAY_CHUNK + 30;
const BUSY_DAY = '2024/05/10';

let n: TestNewsroom;
let dataDir: string;
let stack: BatchCliStack;
let origin: string;
let work: string;
let stories: ArchiveStory[];

const runImport = (folder: string): Promise<CliRun> => runBatchCli('import-cli.ts', [folder], dataDir);

/** The counts of the CLI's summary line. */
const summaryOf = (run: CliRun): { imported: number; exists: number; failed: number } => {
  const m = /Imported (\d+), already there (\d+), failed (\d+)/.exec(run.stdout);
  if (!m) throw new Error(`no summary in:\n${run.stdout}\n${run.stderr}`);
  return { imported: Number(m[1]), exists: Number(m[2]), failed: Number(m[3]) };
};

beforeAll(async () => {
  n = await startTestNewsroom({ now: '2026-11-20T09:00:00.000Z' });
  dataDir = await mkdtemp(join(tmpdir(), 'newsroom-import-archive-'));
  work = await mkdtemp(join(tmpdir(), 'newsroom-archive-stories-'));
  // The stack's CDN over the test bucket: what readers and crawlers get; the CLI invalidates through the control route.
  stack = await startBatchCliStack(n, dataDir);
  origin = stack.origin;
  stories = writeArchiveStories(join(work, 'archive'), SPREAD, {
    startMs: Date.UTC(2024, 4, 1),
    spanMs: 21 * DAY_MS,
    busyDay: { desk: 'politics', startMs: Date.UTC(2024, 4, 10), count: BUSY },
  });
}, 60_000);

afterAll(async () => {
  await stack.close();
});

describe('npm run import of an archive', () => {
  it('makes every story reachable from the archive pages and lists it in exactly one sitemap shard', async () => {
    const run = await runImport(join(work, 'archive'));
    expect(run.stderr).toBe('');
    expect(summaryOf(run)).toEqual({ imported: SPREAD + BUSY, exists: 0, failed: 0 });
    expect(run.stdout).toMatch(/site indexes: rebuilt in \d+ runs/);
    expect(run.code).toBe(0);
    // The busy day's stories are there under their original URLs.
    expect(stories.filter((s) => s.path.startsWith(`/politics/${BUSY_DAY}/`)).length).toBeGreaterThan(DAY_CHUNK);

    const crawl = await crawlSite(origin, { concurrency: 8 });
    expect(crawl.broken).toEqual([]);
    const reach = checkReachability(
      crawl,
      stories.map((s) => s.path),
    );
    expect(reach).toEqual({
      stories: SPREAD + BUSY,
      reached: SPREAD + BUSY,
      inOneShard: SPREAD + BUSY,
      inNoShard: 0,
      inSeveralShards: 0,
      missing: [],
    });
    // The busy day's first chunk is a page of its own, linked from the day's page; and it has two shards.
    expect(crawl.archivePages).toBeGreaterThan(0);
    expect(crawl.pages).toContain(`/politics/${BUSY_DAY}/1/`);
    expect(crawl.sitemapPaths.filter((p) => p.startsWith('/sitemaps/2024-05/politics-2024-05-10-'))).toEqual(
      expect.arrayContaining([
        '/sitemaps/2024-05/politics-2024-05-10-1.xml',
        '/sitemaps/2024-05/politics-2024-05-10-2.xml',
      ]),
    );
    // Nothing else is linked as a story: the archive lists the imported stories and only them.
    expect(crawl.archiveStories.size).toBe(SPREAD + BUSY);
  }, 180_000);

  it('imports nothing on a second run, reading a hundred ids per request', async () => {
    const run = await runImport(join(work, 'archive'));
    expect(summaryOf(run)).toEqual({ imported: 0, exists: SPREAD + BUSY, failed: 0 });
    expect(run.stdout).toContain('site indexes: nothing to rebuild');
    const batches = Math.ceil((SPREAD + BUSY) / 100);
    expect(run.stdout).toContain(`requests: ${batches} DynamoDB (BatchGetItem ${batches}), 0 S3 PUTs`);
    expect(run.code).toBe(0);
  }, 120_000);

  it('imports each story once when two runs race over the same folder', async () => {
    const race = writeArchiveStories(join(work, 'race', 'batch'), 40, {
      startMs: Date.UTC(2024, 6, 1),
      spanMs: 5 * DAY_MS,
    });
    const runs = await Promise.all([runImport(join(work, 'race')), runImport(join(work, 'race'))]);
    const [a, b] = runs.map(summaryOf);
    expect(runs.map((r) => r.code)).toEqual([0, 0]);
    expect((a?.imported ?? 0) + (b?.imported ?? 0)).toBe(40);
    expect((a?.exists ?? 0) + (b?.exists ?? 0)).toBe(40);
    for (const story of race) {
      const id = importedArticleId(`md:batch/${story.file}`);
      const events = await n.app.articles.listEvents(id);
      expect(events.map((e) => e.type)).toEqual(['imported']);
    }
    const reach = checkReachability(
      await crawlSite(origin),
      race.map((s) => s.path),
    );
    expect(reach).toMatchObject({ stories: 40, reached: 40, inOneShard: 40 });
  }, 180_000);
});
