import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { stripInvalidXml } from '../../functions/domain/render/escape.js';
import { PUBLIC_SITE_CSP, securityHeadersFor, toHttpHeaders } from '../../functions/edge/security-headers.js';
import { DocumentServer, launchXssBrowser, loadAll, openProbes, type XssProbe } from './support/xss-browser-probe.js';
import { renderHostileFeed, renderHostileFrontPage, renderPublishedArticle } from '../support/xss-pages.js';
import { placePayload, POSITIONS, readXssPayloads, type XssPayload } from '../support/xss-payloads.js';

/**
 * Every DOMPurify test payload, placed in a draft's body, title, standfirst or signature and published, loaded in
 * Debian's Chromium: nothing may run, ask, navigate, open, frame or fetch (see support/xss-browser-probe.ts for the
 * sensors). Each page is loaded twice: without any CSP (the page's own markup is what is tested) and with the
 * public site's headers (which must have nothing to block either). The front page lists each payload as a stored
 * title and standfirst; the Atom feed lists them all and must parse as XML.
 */

const HTML = 'text/html; charset=utf-8';
const PUBLIC_HEADERS = toHttpHeaders(securityHeadersFor(PUBLIC_SITE_CSP));
/** Tabs loading at once: two cores, and the browser, the server and vitest share them. */
const TABS = 3;
/** Stories per front page. */
const FRONT_PAGE_BATCH = 16;
/**
 * Payloads per test of article pages: 16 payloads in 4 positions are 64 pages, about 7 s on an idle machine, far
 * from the 120 s timeout even when other work slows the machine several times over (the whole sweep in one test took
 * ~95 s idle and timed out under load). Chunks share nothing but the browser and the document server.
 */
const ARTICLE_CHUNK = 16;

const payloads = readXssPayloads();

interface Chunk {
  /** `first–last` payload index, for the test's name. */
  range: string;
  payloads: readonly XssPayload[];
}

const chunksOf = (list: readonly XssPayload[], size: number): Chunk[] =>
  Array.from({ length: Math.ceil(list.length / size) }, (_, i) => {
    const slice = list.slice(i * size, (i + 1) * size);
    return { range: `${String(slice[0]?.index)}–${String(slice.at(-1)?.index)}`, payloads: slice };
  });

const articleChunks = chunksOf(payloads, ARTICLE_CHUNK);

/** Saving refuses a draft that leaves no title (this payload is whitespace); every other draft is published. */
const refusedOnSave = (chunk: readonly XssPayload[]): string[] =>
  chunk.filter((p) => p.index === 214).map((p) => `payload ${p.index} (${p.title}) in the title`);

const readerView = z.array(z.string());
const feedReadingSchema = z.object({
  errors: z.number(),
  entries: z.array(z.object({ title: readerView, summary: readerView, category: z.string() })),
});

/** Parse errors in the loaded document (Chromium puts them in a <parsererror> element). */
const PARSE_ERRORS = `document.getElementsByTagName('parsererror').length`;

type Variant = 'plain' | 'csp';

interface Target {
  url: string;
  label: string;
}

const server = new DocumentServer();
let browser: Browser | undefined;

/** The browser beforeAll launched. */
const theBrowser = (): Browser => {
  if (!browser) throw new Error('Chromium did not start (see beforeAll)');
  return browser;
};
const contexts: BrowserContext[] = [];
const timings: string[] = [];

/** Loads the targets in a fresh context and returns `label: finding` for every finding. */
const probeAll = async (targets: readonly Target[], variant: Variant, what: string): Promise<string[]> => {
  const started = performance.now();
  const { context, probes } = await openProbes(theBrowser(), TABS);
  contexts.push(context);
  // The DOM is the same under either header: audited once, without the CSP; with it, the sensors and the sentinel
  // (CSP violations) are what is new.
  const found = await loadAll(
    probes,
    targets.map((t) => t.url),
    variant === 'plain' ? 'dom' : 'sentinel',
  );
  await context.close();
  const seconds = (performance.now() - started) / 1000;
  timings.push(
    `${what}, ${variant === 'csp' ? 'public CSP' : 'no CSP'}: ${targets.length} pages in ${seconds.toFixed(1)} s (${((seconds * 1000) / targets.length).toFixed(0)} ms/page)`,
  );
  const labels = new Map(targets.map((t) => [t.url, t.label]));
  return [...found].flatMap(([url, findings]) => findings.map((f) => `${labels.get(url)}: ${f}`));
};

/** Article pages of these payloads in every position, under /{variant}/…; drafts saving would refuse are counted. */
const articleTargets = (variant: Variant, chunk: readonly XssPayload[]): { targets: Target[]; refused: string[] } => {
  const targets: Target[] = [];
  const refused: string[] = [];
  for (const p of chunk) {
    for (const position of POSITIONS) {
      const label = `payload ${p.index} (${p.title}) in the ${position}`;
      const page = renderPublishedArticle(placePayload(p.payload, position));
      if (!page) {
        refused.push(label);
        continue;
      }
      const url = server.add(`/${variant}/${p.index}/${position}${page.path}`, {
        body: page.html,
        contentType: HTML,
        ...(variant === 'csp' ? { headers: PUBLIC_HEADERS } : {}),
      });
      targets.push({ url, label });
    }
  }
  return { targets, refused };
};

/**
 * Front pages, each listing a batch of the payloads (a front page lists many stories; one page load per payload
 * would double the run time). The findings of a batch name its payloads.
 */
const frontTargets = (variant: Variant): Target[] => {
  const targets: Target[] = [];
  for (let first = 0; first < payloads.length; first += FRONT_PAGE_BATCH) {
    const batch = payloads.slice(first, first + FRONT_PAGE_BATCH);
    targets.push({
      label: `front page listing payloads ${batch[0]!.index}-${batch.at(-1)!.index}`,
      url: server.add(`/${variant}/front/${first}/`, {
        body: renderHostileFrontPage(batch.map((p) => p.payload)),
        contentType: HTML,
        ...(variant === 'csp' ? { headers: PUBLIC_HEADERS } : {}),
      }),
    });
  }
  return targets;
};

beforeAll(async () => {
  await server.start();
  browser = await launchXssBrowser();
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await server.stop();
  // Timings are reported, not asserted (see `npm run bench` for figures that matter).
  if (timings.length) console.info(`xss-browser timings (${TABS} tabs):\n  ${timings.join('\n  ')}`);
});

describe('the sensors (a page that does run something must be caught)', () => {
  /** Hand-written hostile pages, not the renderer's: each must trip the sensor named next to it. */
  const CONTROLS: [string, string, RegExp[]][] = [
    ['inline script', '<script>alert(1)</script>', [/script compiled/, /dialog alert: 1/, /sentinel: alert\(1\)/]],
    ['script with no visible effect', '<script>window.x = 1</script>', [/script compiled/]],
    [
      'onerror on a broken image',
      '<img src="/nothing.png" onerror="window.x = 1">',
      [/request GET image .*\/nothing\.png/, /handler attribute <img onerror>/, /script compiled/],
    ],
    [
      'handler that needs a hover',
      '<p onmouseover="window.x = 1">hover</p>',
      [/handler attribute <p onmouseover>/, /script compiled/],
    ],
    ['javascript: link', '<a href="javascript:alert(1)">x</a>', [/DOM: <a href="javascript:alert\(1\)">/]],
    [
      'meta refresh',
      '<meta http-equiv="refresh" content="0;url=/elsewhere">',
      [/meta http-equiv=refresh|request GET document .*\/elsewhere/],
    ],
    ['frame', '<iframe src="about:blank"></iframe>', [/frame attached/, /element <iframe>/]],
    [
      'SVG animation',
      '<svg><animate onbegin="alert(2)" attributeName="x" dur="1s"></animate></svg>',
      [/foreign element <svg>/, /handler attribute <animate onbegin>/],
    ],
    ['string timer', '<script>setTimeout("window.y = 1")</script>', [/sentinel: setTimeout\("window\.y = 1"\)/]],
    ['second stylesheet', '<style>p{background:url(/track.png)}</style><p>x</p>', [/2 style elements/]],
    ['base URL', '<base href="https://elsewhere.example/">', [/element <base>/, /base URI changed/]],
  ];

  it.each(CONTROLS)('catches %s', async (name, markup, expected) => {
    const url = server.add(`/control/${encodeURIComponent(name)}/`, {
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title><style>p{}</style></head><body><p>text</p>${markup}</body></html>`,
      contentType: HTML,
    });
    const { context, probes } = await openProbes(theBrowser(), 1);
    contexts.push(context);
    const findings = (await (probes[0] as XssProbe).load(url)).join('\n');
    await context.close();
    for (const pattern of expected) expect(findings).toMatch(pattern);
  });

  it('sees what the public CSP blocks (the pass with headers reads the sentinel only)', async () => {
    const url = server.add('/control/csp/', {
      body: '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title><style>p{}</style></head><body><p>text</p><script>alert(1)</script></body></html>',
      contentType: HTML,
      headers: PUBLIC_HEADERS,
    });
    const { context, probes } = await openProbes(theBrowser(), 1);
    contexts.push(context);
    const findings = await (probes[0] as XssProbe).load(url, 'sentinel');
    await context.close();
    expect(findings.join('\n')).toMatch(/sentinel: CSP violation: script-src-elem inline/);
    expect(findings.join('\n')).not.toMatch(/dialog/);
  });

  it('sees a feed that does not parse', async () => {
    const url = server.add('/control/broken.xml', {
      body: '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A & B</title></feed>',
      contentType: 'application/xml; charset=utf-8',
    });
    const { context, probes } = await openProbes(theBrowser(), 1);
    contexts.push(context);
    const probe = probes[0] as XssProbe;
    await probe.load(url, 'none');
    expect(await probe.evaluate(PARSE_ERRORS, z.number())).toBeGreaterThan(0);
    await context.close();
  });

  it('sees nothing on a plain page', async () => {
    const url = server.add('/control/plain/', {
      body: '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title><style>p{}</style></head><body><p>text</p></body></html>',
      contentType: HTML,
    });
    const { context, probes } = await openProbes(theBrowser(), 1);
    contexts.push(context);
    expect(await (probes[0] as XssProbe).load(url)).toEqual([]);
    await context.close();
  });
});

describe('hostile drafts, published, run nothing in Chromium (DOMPurify test payloads)', () => {
  it('has the 223 payloads', () => {
    expect(payloads).toHaveLength(223);
  });

  it('sweeps every payload once, in chunks, and refuses exactly one draft on save', () => {
    expect(articleChunks.flatMap((c) => c.payloads)).toEqual(payloads);
    expect(articleChunks.flatMap((c) => refusedOnSave(c.payloads))).toEqual([
      'payload 214 (Tests against proper handling of leading whitespaces) in the title',
    ]);
  });

  describe.each(['plain', 'csp'] as const)('article pages, every payload in every position (%s)', (variant) => {
    it.each(articleChunks.map((c) => [c.range, c.payloads] as const))('payloads %s', async (range, chunk) => {
      const { targets, refused } = articleTargets(variant, chunk);
      expect(refused).toEqual(refusedOnSave(chunk));
      expect(targets).toHaveLength(chunk.length * POSITIONS.length - refused.length);
      expect(await probeAll(targets, variant, `article pages, payloads ${range}`)).toEqual([]);
    });
  });

  it.each(['plain', 'csp'] as const)(
    'front pages listing every payload as a title and standfirst (%s)',
    async (variant) => {
      expect(await probeAll(frontTargets(variant), variant, 'front pages')).toEqual([]);
    },
  );

  it('the Atom feed listing every payload parses as XML, runs nothing, and reads back as the text itself', async () => {
    const xml = renderHostileFeed(payloads.map((p) => p.payload));
    // Served as application/xml so that Chromium builds an XML document from it (as Atom it shows plain text).
    const url = server.add('/feed/feed.xml', { body: xml, contentType: 'application/xml; charset=utf-8' });
    const { context, probes } = await openProbes(theBrowser(), 1);
    contexts.push(context);
    const probe = probes[0] as XssProbe;
    expect(await probe.load(url, 'none')).toEqual([]);
    // Chromium shows an XML document without a stylesheet as a tree (its own viewer), or its parse errors.
    expect(await probe.evaluate(PARSE_ERRORS, z.number())).toBe(0);

    // DOMParser, then each entry's title and summary (type="html") as a feed reader shows them: parsed as HTML
    // (in an inert template), they must hold no element and read as the payload itself.
    const entries = await probe.evaluate(
      `(() => {
      const doc = new DOMParser().parseFromString(${JSON.stringify(xml)}, 'application/xml');
      // An inert HTML document: the page itself is the XML one.
      const html = document.implementation.createHTMLDocument('');
      const asReader = (el) => {
        if (!el) return ['(missing)', ''];
        const template = html.createElement('template');
        template.innerHTML = el.textContent;
        return [el.getAttribute('type'), template.content.querySelectorAll('*').length + ' elements', template.content.textContent];
      };
      return {
        errors: doc.getElementsByTagName('parsererror').length,
        entries: [...doc.getElementsByTagName('entry')].map((entry) => ({
          title: asReader(entry.getElementsByTagName('title')[0]),
          summary: asReader(entry.getElementsByTagName('summary')[0]),
          category: entry.getElementsByTagName('category')[0]?.getAttribute('term') ?? '(missing)',
        })),
      };
    })()`,
      feedReadingSchema,
    );
    await context.close();
    expect(entries.errors).toBe(0);
    expect(entries.entries).toHaveLength(payloads.length);
    // Entries are listed newest first; all share one time, so the order is the payloads' (a stable sort).
    const asText = (payload: string) => stripInvalidXml(payload).replace(/\r\n?/g, '\n');
    const mismatches = entries.entries.flatMap((entry, i) => {
      const p = payloads[i]!;
      const expected = ['html', '0 elements', asText(p.payload)];
      return [
        ...(JSON.stringify(entry.title) === JSON.stringify(expected)
          ? []
          : [`payload ${p.index} title: ${JSON.stringify(entry.title)}`]),
        ...(JSON.stringify(entry.summary) === JSON.stringify(expected)
          ? []
          : [`payload ${p.index} summary: ${JSON.stringify(entry.summary)}`]),
        ...(/[<>]/.test(entry.category) ? [`payload ${p.index} category: ${entry.category}`] : []),
      ];
    });
    expect(mismatches).toEqual([]);
  });
});
