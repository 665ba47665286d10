import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../../functions/domain/errors.js';
import { renderArticlePage } from '../../../functions/domain/render/article-page.js';
import { renderFrontPage } from '../../../functions/domain/render/listing-pages.js';
import { parseDraft } from '../../../functions/domain/render/parse-draft.js';
import { SITE_CSS } from '../../../functions/domain/render/styles.js';
import type { ParsedDraft } from '../../../functions/domain/render/types.js';
import { readXssPayloads } from '../../support/xss-payloads.js';
import { DESK_NAMES, DomUtils, pageInput, parseHtml, POLITICS, readFixture, SITE } from './helpers.js';

const payloads = readXssPayloads();

const FORBIDDEN_TAGS = new Set([
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'form',
  'input',
  'button',
  'textarea',
  'select',
  'svg',
  'math',
  'base',
  'portal',
  'template',
  'noscript',
  'video',
  'audio',
  'source',
  'track',
]);
const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'xlink:href',
  'srcset',
  'poster',
  'data',
  'background',
  'ping',
  'cite',
]);
/** The only links and metas the templates themselves write. */
const OWN_LINK_RELS = new Set(['canonical', 'icon', 'alternate']);

/** Every property the brief asks of a rendered page, checked on the DOM a real HTML parser builds. */
const assertSafePage = (html: string, where: string): void => {
  const doc = parseHtml(html);
  const all = DomUtils.findAll(() => true, doc.children);
  const scripts = all.filter((el) => el.name === 'script');
  expect(
    scripts.map((s) => s.attribs.type),
    `${where}: scripts`,
  ).toEqual(scripts.length ? ['application/ld+json'] : []);
  for (const script of scripts) {
    // The JSON-LD block must still be one JSON document: nothing broke out of it or ended it early.
    expect((): unknown => JSON.parse(DomUtils.textContent(script)), `${where}: JSON-LD`).not.toThrow();
  }
  expect(
    all.filter((el) => el.name === 'style').map((el) => DomUtils.textContent(el)),
    `${where}: style`,
  ).toEqual([SITE_CSS]);
  for (const el of all) {
    expect(FORBIDDEN_TAGS.has(el.name), `${where}: <${el.name}>`).toBe(false);
    if (el.name === 'meta') expect(el.attribs['http-equiv'], `${where}: meta http-equiv`).toBeUndefined();
    if (el.name === 'link')
      expect(OWN_LINK_RELS.has(el.attribs.rel ?? ''), `${where}: link rel=${el.attribs.rel}`).toBe(true);
    for (const [name, value] of Object.entries(el.attribs)) {
      expect(name.toLowerCase().startsWith('on'), `${where}: <${el.name} ${name}>`).toBe(false);
      if (name === 'style') expect(value, `${where}: style attribute`).toMatch(/^text-align:(?:left|right|center);?$/);
      if (URL_ATTRIBUTES.has(name.toLowerCase())) {
        // Browsers ignore whitespace and control characters inside a scheme; so does this check.
        // eslint-disable-next-line no-control-regex
        const url = value.replace(/[\u0000-\u0020\u007F]+/g, '').toLowerCase();
        expect(url, `${where}: <${el.name} ${name}="${value}">`).not.toMatch(
          /^(?:javascript|vbscript|data:text|data:application|file):/,
        );
        if (url.startsWith('data:')) expect(`${el.name} ${url}`, where).toBe('link data:,');
      }
    }
  }
  // No comment from reporter text can survive (html: false escapes it); the templates write none.
  expect(DomUtils.findAll(() => true, doc.children).length).toBeGreaterThan(0);
  expect(html.includes('<!--'), `${where}: comment`).toBe(false);
};

/** Each place a reporter's text goes in a draft. */
const placements = (p: string): Record<string, string> => ({
  body: `# Заголовок\n\nПодводка\n\n${p}\n\nПоследний абзац.\n\nОтдел политики`,
  title: `# ${p}\n\nПодводка\n\nТекст.\n\nОтдел политики`,
  standfirst: `# Заголовок\n\n${p}\n\nТекст.\n\nОтдел политики`,
  signature: `# Заголовок\n\nПодводка\n\nТекст.\n\n${p}`,
});

describe('hostile input never reaches the page (DOMPurify test payloads)', () => {
  it('has the 223 payloads', () => {
    expect(payloads).toHaveLength(223);
  });

  it.each(payloads.map((p, i) => [i, p.title, p.payload] as const))('payload %i: %s', (_i, _title, payload) => {
    for (const [where, text] of Object.entries(placements(payload))) {
      let draft: ParsedDraft;
      try {
        draft = parseDraft(text, { deskNames: DESK_NAMES });
      } catch (error) {
        // A payload that leaves no title is refused before anything is rendered: also safe.
        expect(isDomainError(error) && error.code, where).toBe('invalid_input');
        continue;
      }
      assertSafePage(renderArticlePage(pageInput(draft)), where);
    }
    // Stored fields are not trusted either: the payload as every plain-text field at once.
    const hostile: ParsedDraft = {
      title: payload,
      deck: payload,
      lede: payload,
      signature: payload,
      byline: payload,
      tags: [payload],
      lang: 'ru',
      bodyMarkdown: payload,
      fixes: [],
    };
    assertSafePage(
      renderArticlePage(
        pageInput(hostile, { corrections: [{ at: '2026-11-21T07:00:00Z', note: payload }], preview: true }),
      ),
      'every field',
    );
    assertSafePage(
      renderFrontPage({
        site: SITE,
        desks: [POLITICS],
        items: [
          {
            title: payload,
            deck: payload,
            path: '/politics/2026/11/20/x/',
            desk: 'politics',
            lang: 'ru',
            publishedAt: '2026-11-20T09:30:00Z',
          },
        ],
      }),
      'front page',
    );
  });

  it('renders the hostile fixture without any active content', () => {
    const draft = parseDraft(readFixture('hostile.md'), { deskNames: DESK_NAMES });
    const html = renderArticlePage(pageInput(draft));
    assertSafePage(html, 'hostile.md');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<a href="https://example.org/a?b=1&amp;c=2">обычная</a>');
    expect(html).toContain(
      '<img src="https://example.org/b.png" alt="ok" title="title" loading="lazy" decoding="async" />',
    );
    expect(html).not.toMatch(/<a href="[^"]*(?:alert|msgbox|base64|script)/i);
    // A refused image is dropped, not left as a broken <img> without a source.
    expect(html).not.toMatch(/<img(?![^>]*src=)/);
    expect(draft.lang).toBe('ru');
    expect(html).toContain('https://example.org/path--with--dashes');
  });
});
