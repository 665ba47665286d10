/**
 * Render figures for the seed story (issue 3, item 8): how long the pure renderer takes and how much the page
 * weighs; and the worst case over adversarial drafts of about 150,000 characters (issue 8: any draft parses and
 * renders in at most 300 ms on one core). `npx tsx tests/bench/render.ts` prints them as JSON lines;
 * `measureRender()` returns them to the bench runner. Timings are medians of many runs after a warm-up, on whatever
 * core this process gets (on a loaded machine they are upper bounds).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { buildArticlePath, buildSlug, parseDraft, renderArticlePage } from '../../functions/domain/render/index.js';
import type { ArticlePageInput, DeskInfo, ParsedDraft, SiteConfig } from '../../functions/domain/render/types.js';
import { isDomainError } from '../../functions/domain/errors.js';
import { ADVERSARIAL_DRAFTS } from '../support/adversarial-drafts.js';

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
const time = (
  run: () => unknown,
  runs: { warmUp: number; measured: number } = { warmUp: WARM_UP_RUNS, measured: MEASURED_RUNS },
): { medianMs: number; p95Ms: number } => {
  for (let i = 0; i < runs.warmUp; i += 1) run();
  const samples: number[] = [];
  for (let i = 0; i < runs.measured; i += 1) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 1000) / 1000;
  return { medianMs: round(percentile(samples, 0.5)), p95Ms: round(percentile(samples, 0.95)) };
};

/** Adversarial drafts are slow by design: fewer runs, each one whole. */
const ADVERSARIAL_RUNS = { warmUp: 2, measured: 7 };
const ADVERSARIAL_TARGET_MS = 300;

const pageInputOf = (draft: ParsedDraft): ArticlePageInput => ({
  draft,
  site: SITE,
  desk: DESK,
  path: '/politics/2026/11/20/adversarial/',
  publishedAt: '2026-11-20T09:30:00Z',
  corrections: [],
  author: { name: 'Reporter' },
});

/** Parse, or the code of the typed refusal (anything else is a bug, and the bench says so). */
const parseOrRefuse = (text: string): ParsedDraft | string => {
  try {
    return parseDraft(text, { deskNames: [DESK.name] });
  } catch (error) {
    if (isDomainError(error)) return error.code;
    throw error;
  }
};

/** Each adversarial shape's parse and parse+render medians, then the worst of them. */
export function measureAdversarial(): Array<Record<string, unknown>> {
  const rows: Array<Record<string, unknown>> = [];
  for (const shape of ADVERSARIAL_DRAFTS) {
    const text = shape.text();
    const outcome = parseOrRefuse(text);
    const parse = time(() => parseOrRefuse(text), ADVERSARIAL_RUNS);
    const page =
      typeof outcome === 'string'
        ? parse
        : time(() => {
            const draft = parseOrRefuse(text);
            if (typeof draft !== 'string') renderArticlePage(pageInputOf(draft));
          }, ADVERSARIAL_RUNS);
    rows.push({
      metric: 'render.adversarial',
      subject: shape.name,
      characters: text.length,
      outcome: typeof outcome === 'string' ? outcome : 'parsed',
      expected: shape.expect === 'parses' ? 'parsed' : shape.expect,
      runs: ADVERSARIAL_RUNS.measured,
      parseMedianMs: parse.medianMs,
      parsePageMedianMs: page.medianMs,
    });
  }
  const worst = rows.reduce((a, b) => (Number(b.parsePageMedianMs) > Number(a.parsePageMedianMs) ? b : a));
  const worstParse = rows.reduce((a, b) => (Number(b.parseMedianMs) > Number(a.parseMedianMs) ? b : a));
  rows.push({
    metric: 'render.adversarial.worst',
    shapes: rows.length,
    parsePageMedianMs: worst.parsePageMedianMs,
    parsePageShape: worst.subject,
    parseMedianMs: worstParse.parseMedianMs,
    parseShape: worstParse.subject,
    unexpectedOutcomes: rows.filter((row) => row.outcome !== row.expected).map((row) => row.subject),
    targetMs: ADVERSARIAL_TARGET_MS,
  });
  return rows;
}

export function measureRender(): Array<Record<string, unknown>> {
  return [...measureSeed(), ...measureAdversarial()];
}

/** The seed story's rows alone (`npx tsx -e` on this function runs only them). */
export function measureSeed(): Array<Record<string, unknown>> {
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
  let coldRuns = 0;
  return [
    { metric: 'render.page', ...common, ...time(() => renderArticlePage(input)), targetMedianMs: 3 },
    { metric: 'render.parse', ...common, ...time(() => parseDraft(text, options)) },
    {
      metric: 'render.parse+page',
      ...common,
      ...time(() => renderArticlePage({ ...input, draft: parseDraft(text, options) })),
      targetMedianMs: 1,
    },
    {
      // Typesetting keeps results per warm process (typeset.ts), so the rows above measure a story typeset before
      // (an autosave, a preview). Here every run gets a different text (a numbered sentence closes each paragraph),
      // so nothing is cached: the cost of a story the process has not seen (an import, a rerender).
      metric: 'render.parse+page.cold',
      ...common,
      ...time(() => {
        coldRuns += 1;
        const variant = text.replace(/\.\n\n/g, (end) => `. Пункт ${coldRuns}${end}`);
        renderArticlePage({ ...input, draft: parseDraft(variant, options) });
      }),
      targetMedianMs: 1,
    },
    {
      metric: 'render.size',
      subject: 'seed story',
      rawBytes: Buffer.byteLength(html),
      gzipBytes: gzipSync(html, { level: 9 }).length,
      gzipDefaultBytes: gzipSync(html).length,
      targetGzipBytes: 14 * 1024,
    },
  ];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const row of measureRender()) console.log(JSON.stringify(row));
}
