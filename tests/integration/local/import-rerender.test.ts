/**
 * `npm run import` and `npm run rerender` end to end: the CLIs run as child processes against DynamoDB Local and
 * s3rver through the production adapters, found through a stack.json as `npm start` writes it; a small origin here
 * plays the running stack (its CDN over the test bucket, and the control route the CLIs invalidate through).
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importedArticleId } from '../../../functions/domain/import/import-item.js';
import { siteObjectKey } from '../../../functions/ports/site-store.js';
import { runBatchCli, startBatchCliStack, type BatchCliStack, type CliRun } from '../support/batch-cli-stack.js';
import { startTestNewsroom, type TestNewsroom } from '../support/test-newsroom.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FIXTURES = join(ROOT, 'tests/fixtures/import');
const BUDGET = '/politics/2024/03/01/parlament-prinyal-byudzhet/';
const SAME_URL = '/world/2024/03/02/talks-resume-in-geneva/';
const WXR_POST = '/world/2024/03/01/budget-taxes/';
const WXR_CYRILLIC = '/politics/2024/03/03/vybory/';

let n: TestNewsroom;
let dataDir: string;
let stack: BatchCliStack;
let origin: string;
const controlInvalidations: string[][] = [];

const runCli = (script: string, args: string[]): Promise<CliRun> => runBatchCli(script, args, dataDir);

const status = async (path: string): Promise<number> => (await fetch(`${origin}${path.slice(1)}`)).status;

beforeAll(async () => {
  n = await startTestNewsroom({ now: '2026-11-20T09:00:00.000Z' });
  dataDir = await mkdtemp(join(tmpdir(), 'newsroom-import-'));
  // The stack's CDN over the same bucket; invalidations the CLIs send arrive through the control route.
  stack = await startBatchCliStack(n, dataDir, (paths) => controlInvalidations.push([...paths]));
  origin = `${stack.origin}/`;
}, 60_000);

afterAll(async () => {
  await stack.close();
});

describe('npm run import', () => {
  it('imports a Markdown folder: pages live at their original URLs, failures named, exit code 1', async () => {
    const run = await runCli('import-cli.ts', [join(FIXTURES, 'folder'), '--concurrency', '1']);
    expect(run.stdout).toContain('Imported 2, already there 0, failed 3');
    expect(run.stderr).toMatch(/FAILED 2024\/no-offset\.md: .*"date"/);
    expect(run.stderr).toMatch(/FAILED 2024\/unknown-desk\.md: invalid_input: unknown desk "sports"/);
    // Two stories claim one URL: the second is refused, the first keeps it.
    expect(run.stderr).toContain(`FAILED 2024/world-news.md: conflict: the URL ${SAME_URL} is already another story's`);
    expect(run.code).toBe(1);

    expect(await status(BUDGET)).toBe(200);
    expect(await status(SAME_URL)).toBe(200);
    const page = await (await fetch(`${origin}${BUDGET.slice(1)}`)).text();
    expect(page).toContain('Парламент принял бюджет');
    expect(page).toContain('datetime="2024-03-01T20:30:00.000Z"');

    const id = importedArticleId('md:2024/budget-vote.md');
    const article = await n.app.articles.get(id);
    expect(article).toMatchObject({ status: 'published', path: BUDGET, firstPublishedAt: '2024-03-01T20:30:00.000Z' });
    const events = await n.app.articles.listEvents(id);
    expect(events.map((e) => e.type)).toEqual(['imported']);
    expect(events[0]?.comment).toBe('2024/budget-vote.md');

    // The indexes were rebuilt once at the end: the desk page lists the story.
    const deskPage = await n.app.site.get(siteObjectKey('/politics/'));
    expect(new TextDecoder().decode(deskPage?.body)).toContain(BUDGET);
  }, 120_000);

  it('imports nothing on a second run (a hundred items checked per read), and says so', async () => {
    const before = n.site.writes.length;
    const run = await runCli('import-cli.ts', [join(FIXTURES, 'folder'), '--concurrency', '1']);
    expect(run.stdout).toContain('Imported 0, already there 2, failed 3');
    expect(run.stdout).toContain('site indexes: nothing to rebuild');
    expect(run.code).toBe(1);
    expect(n.site.writes.length).toBe(before);
  }, 120_000);

  it('imports a WordPress export: published posts only, desk from category or --desk, a bad post named', async () => {
    const run = await runCli('import-cli.ts', [join(FIXTURES, 'export.wxr.xml'), '--desk', 'politics']);
    expect(run.stdout).toContain('Imported 2, already there 0, failed 1');
    expect(run.stderr).toMatch(
      /FAILED export\.wxr\.xml item 5 \(https:\/\/old\.example\.org\/\?p=105\): the post has no title/,
    );
    expect(run.code).toBe(1);
    expect(await status(WXR_POST)).toBe(200);
    expect(await status(WXR_CYRILLIC)).toBe(200);
    const page = await (await fetch(`${origin}${WXR_POST.slice(1)}`)).text();
    expect(page).toMatch(/<h2>What it\smeans<\/h2>\n<ul>\n<li>Taxes stay<\/li>/);
    expect(page).not.toContain('alert(1)');
  }, 120_000);

  it('refuses to run when no newsroom is running on the data directory', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'newsroom-none-'));
    const child = await runBatchCli('import-cli.ts', [FIXTURES], empty);
    expect(child.code).toBe(2);
    expect(child.stderr).toContain('no newsroom is running');
  }, 60_000);
});

describe('npm run rerender', () => {
  it('replaces every published page in place, answering 200 throughout, and invalidates once', async () => {
    const pages = [BUDGET, SAME_URL, WXR_POST, WXR_CYRILLIC];
    const before = await Promise.all(pages.map(async (p) => (await n.app.site.get(siteObjectKey(p)))?.lastModified));
    // s3rver's Last-Modified has one-second resolution: let a second pass so a replacement shows.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    controlInvalidations.length = 0;
    const seen: number[] = [];
    const polling = { on: true };
    const poll = (async () => {
      while (polling.on) {
        // Straight from the bucket (the origin) and through the CDN, which may answer from its cache.
        for (const p of pages) {
          seen.push((await n.app.site.get(siteObjectKey(p))) ? 200 : 404);
          seen.push(await status(p));
        }
      }
    })();
    const run = await runCli('rerender-cli.ts', ['--threads', '2']);
    polling.on = false;
    await poll;
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('Re-rendered 4 of 4 pages');
    expect(run.code).toBe(0);
    expect(seen.length).toBeGreaterThan(8);
    expect(seen.every((s) => s === 200)).toBe(true);
    const after = await Promise.all(pages.map(async (p) => (await n.app.site.get(siteObjectKey(p)))?.lastModified));
    pages.forEach((_p, i) => expect(after[i]?.getTime()).toBeGreaterThan(before[i]?.getTime() ?? Infinity));
    expect(controlInvalidations).toContainEqual(['/*']);
  }, 180_000);
});
