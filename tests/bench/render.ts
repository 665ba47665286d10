/**
 * Render figures for the seed story (issue 3, item 8): how long the pure renderer takes and how much the page
 * weighs. `npx tsx tests/bench/render.ts` prints them as JSON lines; `measureRender()` returns them to the bench
 * runner. Timings are medians of many runs after a warm-up, on whatever core this process gets.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { buildArticlePath, buildSlug, parseDraft, renderArticlePage } from '../../functions/domain/render/index.js';
import type { ArticlePageInput, DeskInfo, SiteConfig } from '../../functions/domain/render/types.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SEED = `${REPO_ROOT}content/drafts/otg-justice-ministers-baku.txt`;
const WARM_UP_RUNS = 200;
const MEASURED_RUNS = 1000;

const SITE: SiteConfig = {
  name: 'Newsroom',
  baseUrl: 'https://news.example.org',
  lang: 'ru',
  description: 'Новости редакции',
};
const DESK: DeskInfo = { id: 'politics', name: 'Отдел политики', lang: 'ru', timeZone: 'Europe/Moscow' };

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ?? Number.NaN;

/** Median and p95 of `run`, in milliseconds, after a warm-up (the JIT and the module caches). */
const time = (run: () => unknown): { medianMs: number; p95Ms: number } => {
  for (let i = 0; i < WARM_UP_RUNS; i += 1) run();
  const samples: number[] = [];
  for (let i = 0; i < MEASURED_RUNS; i += 1) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 1000) / 1000;
  return { medianMs: round(percentile(samples, 0.5)), p95Ms: round(percentile(samples, 0.95)) };
};

export function measureRender(): Promise<Array<Record<string, unknown>>> {
  const text = readFileSync(SEED, 'utf8');
  const options = { deskNames: [DESK.name] };
  const draft = parseDraft(text, options);
  const publishedAt = '2026-11-20T09:30:00Z';
  const input: ArticlePageInput = {
    draft,
    site: SITE,
    desk: DESK,
    path: buildArticlePath(DESK.id, publishedAt, DESK.timeZone, buildSlug(draft.title)),
    publishedAt,
    corrections: [],
    author: { name: 'Reporter' },
  };
  const html = renderArticlePage(input);
  const common = { subject: 'seed story', runs: MEASURED_RUNS };
  // A promise like the other measures' (run.ts awaits each in turn), though rendering itself is synchronous.
  return Promise.resolve([
    { metric: 'render.page', ...common, ...time(() => renderArticlePage(input)), targetMedianMs: 3 },
    { metric: 'render.parse', ...common, ...time(() => parseDraft(text, options)) },
    {
      metric: 'render.parse+page',
      ...common,
      ...time(() => renderArticlePage({ ...input, draft: parseDraft(text, options) })),
    },
    {
      metric: 'render.size',
      subject: 'seed story',
      rawBytes: Buffer.byteLength(html),
      gzipBytes: gzipSync(html, { level: 9 }).length,
      gzipDefaultBytes: gzipSync(html).length,
      targetGzipBytes: 14 * 1024,
    },
  ]);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const row of await measureRender()) console.log(JSON.stringify(row));
}
