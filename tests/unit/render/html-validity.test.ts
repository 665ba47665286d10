import { HtmlValidate, StaticConfigLoader, type ConfigData, type Message, type ResolvedConfig } from 'html-validate';
import { describe, expect, it } from 'vitest';
import { renderArticlePage } from '../../../functions/domain/render/article-page.js';
import { renderGonePage, renderNotFoundPage } from '../../../functions/domain/render/error-pages.js';
import {
  renderDayArchivePage,
  renderDeskPage,
  renderFrontPage,
  renderMonthArchivePage,
} from '../../../functions/domain/render/listing-pages.js';
import { parseDraft } from '../../../functions/domain/render/parse-draft.js';
import type { ListingItem } from '../../../functions/domain/render/types.js';
import { renderHostileFrontPage, renderPublishedArticle } from '../../support/xss-pages.js';
import { placePayload, POSITIONS, readXssPayloads } from '../../support/xss-payloads.js';
import { DESK_NAMES, pageInput, POLITICS, readFixture, readSeed, SITE, WORLD } from './helpers.js';

/**
 * Every kind of public page the renderer writes must be valid HTML, with hostile text in it too. html-validate's
 * `recommended` preset: the `standard` rules (the WHATWG content models, attributes and nesting) plus its
 * accessibility, security and consistency rules, which a published page should meet as well. Rules are configured to
 * the renderer's choices rather than switched off where a choice is as valid as the default, and switched off only
 * with a reason:
 */
/**
 * html-validate merges and resolves its configuration (element metadata included) on every call, which costs more
 * than validating a page; with some 1,100 pages here it is resolved once. The resolved config holds no per-document
 * state (rules are set up per document); the first test below checks that errors are still found.
 */
class ResolveOnceConfigLoader extends StaticConfigLoader {
  private resolved: ResolvedConfig | undefined;

  override getConfigFor(handle: string, override?: ConfigData): ResolvedConfig | Promise<ResolvedConfig> {
    if (override) return super.getConfigFor(handle, override);
    if (!this.resolved) {
      const resolved = super.getConfigFor(handle);
      // Built-in presets resolve synchronously; a plugin loaded asynchronously would need the async API instead.
      if ('then' in resolved) throw new Error('html-validate resolved its configuration asynchronously');
      this.resolved = resolved;
    }
    return this.resolved;
  }
}

const CONFIG: ConfigData = {
  extends: ['html-validate:recommended'],
  rules: {
    // `<!doctype html>` in lower case, as the WHATWG spec writes it; both cases are valid. One case is still enforced.
    'doctype-style': ['error', { style: 'lowercase' }],
    // Markdown tables align columns with style="text-align:…" on th/td (markdown-it's output, the only inline style
    // the sanitizer lets through, and allowed by the CSP's style-src); every other inline style stays an error.
    'no-inline-style': ['error', { allowedProperties: ['text-align'] }],
    // Off: both `<img …>` and `<img … />` are valid HTML (the slash means nothing on a void element) and the page
    // has both: the templates omit it, sanitize-html always writes ` />` in story HTML (no option to omit it), and
    // the render tests pin both outputs. Content inside void elements is still an error (`void-content`).
    'void-style': 'off',
    // Off: a search-results length heuristic (70 characters), not validity. A headline is as long as the desk makes
    // it, and the renderer must not cut it; the hostile payloads are long by design.
    'long-title': 'off',
  },
};
const validator = new HtmlValidate(new ResolveOnceConfigLoader(CONFIG));

const describeMessage = (html: string, m: Message): string =>
  `${m.ruleId} at ${m.line}:${m.column}: ${m.message} …${html.slice(Math.max(0, m.offset - 60), m.offset + 60)}…`;

/** Every validity message on the page (empty when valid). */
const validate = (html: string): string[] =>
  validator.validateStringSync(html).results.flatMap((r) => r.messages.map((m) => describeMessage(html, m)));

const ITEMS: ListingItem[] = [
  {
    title: 'Страны ОТГ усиливают правовое сотрудничество',
    deck: 'В Баку состоялось второе заседание министров',
    path: '/politics/2026/11/20/strany-otg-usilivayut-pravovoe-sotrudnichestvo/',
    desk: 'politics',
    lang: 'ru',
    publishedAt: '2026-11-20T09:30:00Z',
    tags: ['ОТГ', 'юстиция'],
  },
  {
    title: 'Ceasefire talks resume in Geneva',
    path: '/world/2026/11/21/ceasefire-talks-resume-in-geneva/',
    desk: 'world',
    lang: 'en',
    publishedAt: '2026-11-21T08:00:00Z',
  },
];

const parse = (text: string) => parseDraft(text, { deskNames: DESK_NAMES });

/** A story with every block the body may hold: headings, lists, a quote, code, an aligned table, an image, a link. */
const RICH_DRAFT = [
  '# Бюджет на 2027 год',
  'Правительство внесло проект в Думу',
  '**Доходы вырастут на 7%, расходы — на 5%.**',
  '## Главное',
  '1. Доходы: 40 трлн рублей;\n2. расходы: 42 трлн рублей.',
  '- первый пункт\n- второй пункт',
  '> «Бюджет сбалансирован», — сказал министр.',
  '| Статья | 2026 | 2027 |\n|:--|--:|:-:|\n| Доходы | 37,2 | 40,0 |\n| Расходы | 40,1 | 42,0 |',
  '```js\nconst total = 1 + 2;\n```',
  '![График расходов](https://example.org/chart.png "Расходы") Подробнее на [сайте Минфина](https://minfin.example.org/budget?y=2027&v=1).',
  '---',
  'Отдел политики',
].join('\n\n');

describe('the renderer writes valid HTML (html-validate, recommended preset)', () => {
  it('flags an invalid page (the check can fail)', () => {
    const page = renderNotFoundPage({ site: SITE });
    expect(validate(page)).toEqual([]);
    const broken = page.replace(
      '<main id="main" class="wrap">',
      '<main id="main" class="wrap"><ul><p id="main">x</p></ul>',
    );
    expect(validate(broken).map((m) => m.split(' ')[0])).toEqual(['element-permitted-content', 'no-dup-id']);
  });

  it.each([
    ['the seed article', () => renderArticlePage(pageInput(parse(readSeed())))],
    [
      'the English fixture',
      () => renderArticlePage(pageInput(parse(readFixture('world-ceasefire-en.md')), { desk: WORLD })),
    ],
    ['the print-damaged fixture', () => renderArticlePage(pageInput(parse(readFixture('budget-print-damage.md'))))],
    ['the hostile fixture', () => renderArticlePage(pageInput(parse(readFixture('hostile.md'))))],
    ['a story with every kind of block', () => renderArticlePage(pageInput(parse(RICH_DRAFT)))],
    [
      'a corrected article in preview, with byline and tags',
      () =>
        renderArticlePage(
          pageInput(
            { ...parse(readSeed()), byline: 'Мария Репортёрова', tags: ['ОТГ', 'юстиция'] },
            {
              preview: true,
              modifiedAt: '2026-11-21T07:00:00Z',
              corrections: [{ at: '2026-11-21T07:00:00Z', note: 'Уточнено название министерства.' }],
            },
          ),
        ),
    ],
    ['the 404 page', () => renderNotFoundPage({ site: SITE })],
    [
      'the 410 page',
      () =>
        renderGonePage({
          site: SITE,
          lang: 'ru',
          title: 'Страны ОТГ усиливают правовое сотрудничество',
          reason: 'Материал содержал ошибку в ключевых фактах',
          path: '/politics/2026/11/20/strany-otg/',
        }),
    ],
    ['the 410 page without title or reason', () => renderGonePage({ site: SITE, lang: 'en', path: '/world/x/' })],
    ['the front page', () => renderFrontPage({ site: SITE, items: ITEMS, desks: [POLITICS, WORLD] })],
    ['the empty front page', () => renderFrontPage({ site: SITE, items: [], desks: [POLITICS, WORLD] })],
    [
      'a desk page',
      () => renderDeskPage({ site: SITE, desk: POLITICS, items: [ITEMS[0]!], months: ['2026-11', '2026-10'] }),
    ],
    ['an empty desk page', () => renderDeskPage({ site: SITE, desk: WORLD, items: [], months: [] })],
    [
      'a month page',
      () =>
        renderMonthArchivePage({
          site: SITE,
          desk: POLITICS,
          month: '2026-11',
          days: [
            { day: '2026-11-20', count: 3 },
            { day: '2026-11-21', count: 1 },
          ],
        }),
    ],
    [
      'a day page with older chunks',
      () =>
        renderDayArchivePage({
          site: SITE,
          desk: POLITICS,
          day: '2026-11-20',
          chunk: 3,
          chunks: 3,
          atDay: true,
          items: [ITEMS[0]!],
          previousDay: '2026-11-19',
        }),
    ],
    [
      'an older chunk of a day',
      () =>
        renderDayArchivePage({
          site: SITE,
          desk: POLITICS,
          day: '2026-11-20',
          chunk: 2,
          chunks: 3,
          atDay: false,
          items: [ITEMS[0]!],
        }),
    ],
  ])('%s', (_name, render) => {
    expect(validate(render())).toEqual([]);
  });

  it('lists a story whose stored title and standfirst are blank under its path, without an empty paragraph', () => {
    const html = renderFrontPage({
      site: SITE,
      desks: [POLITICS],
      items: [{ ...ITEMS[0]!, title: ' ', deck: '\u00A0' }],
    });
    expect(validate(html)).toEqual([]);
    expect(html).toContain(`<h2><a href="${ITEMS[0]!.path}">${ITEMS[0]!.path}</a></h2><p class="meta">`);
  });
});

describe('pages with hostile text stay valid (DOMPurify test payloads)', () => {
  const payloads = readXssPayloads();

  it.each(payloads.map((p) => [p.index, p.title, p.payload] as const))('payload %i: %s', (_i, _title, payload) => {
    const invalid: string[] = [];
    for (const position of POSITIONS) {
      // Published as the workflow publishes; a draft saving refuses (no title left) has no page.
      const page = renderPublishedArticle(placePayload(payload, position));
      if (page) invalid.push(...validate(page.html).map((m) => `${position}: ${m}`));
    }
    invalid.push(...validate(renderHostileFrontPage(payload)).map((m) => `front page: ${m}`));
    expect(invalid).toEqual([]);
  });
});
