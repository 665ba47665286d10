import { gzipSync } from 'node:zlib';
import { ElementType } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { renderArticlePage } from '../../../functions/domain/render/article-page.js';
import { parseDraft } from '../../../functions/domain/render/parse-draft.js';
import { SITE_CSS } from '../../../functions/domain/render/styles.js';
import {
  byClass,
  DESK_NAMES,
  elements,
  NBSP,
  pageInput,
  parseHtml,
  readFixture,
  readSeed,
  textOf,
  WORLD,
} from './helpers.js';

const seedDraft = () => parseDraft(readSeed(), { deskNames: DESK_NAMES });
const plain = (text: string) => text.replaceAll(NBSP, ' ');
const attr = (el: { attribs: Record<string, string> }, name: string) => el.attribs[name];

/** The part of the page's JSON-LD these tests read; loose, so `toEqual` on a parsed object still sees every key. */
const articleJsonLd = z.looseObject({
  dateModified: z.string(),
  author: z.looseObject({ '@type': z.string(), name: z.string() }),
});
const jsonLdOf = (doc: ReturnType<typeof parseHtml>) =>
  articleJsonLd.parse(JSON.parse(textOf(elements(doc, 'script')[0]!)));

describe('renderArticlePage on the seed story', () => {
  const html = renderArticlePage(pageInput(seedDraft()));
  const doc = parseHtml(html);
  const [article] = elements(doc, 'article');
  if (!article) throw new Error('no <article>');
  const [body] = byClass(article, 'body');
  if (!body) throw new Error('no .body');
  const bodyParagraphs = elements(body, 'p');

  it('is an HTML5 document in the article language', () => {
    expect(html.startsWith('<!doctype html><html lang="ru">')).toBe(true);
    expect(elements(doc, 'main')).toHaveLength(1);
    expect(html).toContain('<meta name="viewport" content="width=device-width,initial-scale=1">');
  });

  it('has exactly the title, standfirst, lede, 7 body paragraphs and the desk signature', () => {
    const h1 = elements(doc, 'h1');
    expect(h1.map(textOf)).toEqual(['Страны ОТГ усиливают правовое сотрудничество']);
    expect(byClass(article, 'deck').map((p) => plain(textOf(p)))).toEqual([
      'В Баку состоялось второе заседание министров юстиции государств — членов Организации тюркских государств',
    ]);
    expect(bodyParagraphs.map((p) => attr(p, 'class') ?? 'p')).toEqual([
      'lede',
      'p',
      'p',
      'p',
      'p',
      'p',
      'p',
      'p',
      'signature',
    ]);
    expect(plain(textOf(bodyParagraphs[0]!))).toBe(
      '20 ноября в Баку прошло второе заседание министров юстиции стран — участниц Организации тюркских государств (ОТГ).',
    );
    expect(textOf(bodyParagraphs.at(-1)!)).toBe('Отдел политики');
    expect(body.children.filter((n) => n.type === ElementType.Tag).length).toBe(9);
  });

  it('keeps each repaired sentence inside one paragraph', () => {
    const texts = bodyParagraphs.map((p) => plain(textOf(p)));
    for (const phrase of ['расширения обмена опытом', 'но и формирует', 'третью встречу министров']) {
      expect(
        texts.filter((t) => t.includes(phrase)),
        phrase,
      ).toHaveLength(1);
    }
    for (const text of texts) expect(text).not.toMatch(/(?:расши-|\sно|встречу)$/);
  });

  it('is typeset: no-break spaces before dashes and after short words, no entities', () => {
    const text = textOf(body);
    expect(text).toContain(`стран${NBSP}— участниц`);
    expect(plain(html).match(/государств — членов/g)?.length).toBeGreaterThan(0);
    expect(html).toContain(`государств${NBSP}— членов`);
    expect(html).not.toMatch(/государств [—-] членов/);
    expect(text).toContain(`в${NBSP}Баку`);
    expect(html).not.toMatch(/&(?:nbsp|mdash|laquo|raquo|#160);/);
  });

  it('dates the story with <time datetime> in the desk time zone', () => {
    const times = elements(article, 'time');
    expect(times.map((t) => [attr(t, 'datetime'), textOf(t)])).toEqual([
      ['2026-11-20T09:30:00.000Z', '20 ноября 2026, 12:30'],
    ]);
  });

  it('carries NewsArticle JSON-LD with the desk as author', () => {
    const scripts = elements(doc, 'script');
    expect(scripts.map((s) => attr(s, 'type'))).toEqual(['application/ld+json']);
    expect(JSON.parse(textOf(scripts[0]!))).toEqual({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: 'Страны ОТГ усиливают правовое сотрудничество',
      description: `В${NBSP}Баку состоялось второе заседание министров юстиции государств${NBSP}— членов Организации тюркских государств`,
      datePublished: '2026-11-20T09:30:00.000Z',
      dateModified: '2026-11-20T09:30:00.000Z',
      articleSection: 'Отдел политики',
      inLanguage: 'ru',
      mainEntityOfPage: 'https://news.example.org/politics/2026/11/20/strany-otg-usilivayut-pravovoe-sotrudnichestvo/',
      url: 'https://news.example.org/politics/2026/11/20/strany-otg-usilivayut-pravovoe-sotrudnichestvo/',
      author: { '@type': 'Organization', name: 'Отдел политики', url: 'https://news.example.org/politics/' },
      publisher: { '@type': 'Organization', name: 'Newsroom', url: 'https://news.example.org/' },
    });
  });

  it('has a title, description, canonical link and OpenGraph', () => {
    const metas = new Map(
      elements(doc, 'meta').map(
        (m) => [attr(m, 'property') ?? attr(m, 'name') ?? attr(m, 'charset'), attr(m, 'content')] as const,
      ),
    );
    expect(textOf(elements(doc, 'title')[0]!)).toBe('Страны ОТГ усиливают правовое сотрудничество — Newsroom');
    expect(plain(metas.get('description') ?? '')).toMatch(/^В Баку состоялось/);
    expect(metas.get('og:type')).toBe('article');
    expect(metas.get('og:title')).toBe('Страны ОТГ усиливают правовое сотрудничество');
    expect(metas.get('og:url')).toBe(
      'https://news.example.org/politics/2026/11/20/strany-otg-usilivayut-pravovoe-sotrudnichestvo/',
    );
    expect(metas.get('og:locale')).toBe('ru_RU');
    expect(metas.get('article:published_time')).toBe('2026-11-20T09:30:00.000Z');
    // Indexable (no noindex), and search engines may show the large picture (issue 11).
    expect(metas.get('robots')).toBe('max-image-preview:large');
    expect(metas.get('og:image')).toBeUndefined();
    expect(metas.get('twitter:card')).toBeUndefined();
    const links = elements(doc, 'link').map((l) => [attr(l, 'rel'), attr(l, 'href')]);
    expect(links).toEqual([
      ['canonical', 'https://news.example.org/politics/2026/11/20/strany-otg-usilivayut-pravovoe-sotrudnichestvo/'],
      ['icon', 'data:,'],
      ['alternate', '/politics/feed.xml'],
    ]);
  });

  it('loads nothing: inline CSS only, no script, no image, no font', () => {
    expect(elements(doc, 'style').map(textOf)).toEqual([SITE_CSS]);
    expect(elements(doc, 'img')).toHaveLength(0);
    expect(html).not.toMatch(/@import|@font-face|url\(/);
    expect(SITE_CSS).toContain('prefers-color-scheme:dark');
    expect(SITE_CSS).toContain('@media print');
    expect(SITE_CSS).toContain('hanging-punctuation');
    expect(SITE_CSS).toContain('hyphens:auto');
  });

  it('has a skip link to the main content', () => {
    const [skip] = byClass(doc, 'skip');
    expect(skip && attr(skip, 'href')).toBe('#main');
    expect(elements(doc, 'main')[0]?.attribs.id).toBe('main');
  });

  it('weighs at most 14 KB gzipped', () => {
    expect(gzipSync(html).length).toBeLessThanOrEqual(14 * 1024);
  });

  it('renders the same page every time (pure)', () => {
    expect(renderArticlePage(pageInput(seedDraft()))).toBe(html);
  });
});

describe('renderArticlePage variants', () => {
  it('marks previews noindex with a visible banner', () => {
    const doc = parseHtml(renderArticlePage(pageInput(seedDraft(), { preview: true })));
    const robots = elements(doc, 'meta').find((m) => m.attribs.name === 'robots');
    expect(robots?.attribs.content).toBe('noindex');
    expect(byClass(doc, 'preview').map(textOf)).toEqual(['Предпросмотр: материал ещё не опубликован']);
  });

  it('a preview of a live story says it shows the current edit, not that the story is unpublished', () => {
    const doc = parseHtml(renderArticlePage(pageInput(seedDraft(), { preview: true, previewOfLive: true })));
    expect(byClass(doc, 'preview').map(textOf)).toEqual(['Предпросмотр: материал опубликован, здесь — текущая правка']);
  });

  it('shows dated corrections and sets dateModified', () => {
    const html = renderArticlePage(
      pageInput(seedDraft(), {
        modifiedAt: '2026-11-21T07:00:00Z',
        corrections: [{ at: '2026-11-21T07:00:00Z', note: 'Уточнена должность Акбара Ташкулова.' }],
      }),
    );
    const doc = parseHtml(html);
    const [section] = byClass(doc, 'corrections');
    expect(section && plain(textOf(section))).toBe(
      'ИсправленияИсправлено 21 ноября 2026, 10:00. Уточнена должность Акбара Ташкулова.',
    );
    expect(elements(section!, 'time')[0]?.attribs.datetime).toBe('2026-11-21T07:00:00.000Z');
    expect(jsonLdOf(doc).dateModified).toBe('2026-11-21T07:00:00.000Z');
    expect(html).toContain('<meta property="article:modified_time" content="2026-11-21T07:00:00.000Z">');
  });

  it('credits a byline as a Person, and renders English copy in English', () => {
    const draft = {
      ...parseDraft(readFixture('world-ceasefire-en.md'), { deskNames: DESK_NAMES }),
      byline: 'Anna Smith',
    };
    const html = renderArticlePage(
      pageInput(draft, {
        desk: WORLD,
        path: '/world/2026/11/20/ceasefire-talks/',
        publishedAt: '2026-11-20T09:30:00Z',
      }),
    );
    const doc = parseHtml(html);
    expect(html.startsWith('<!doctype html><html lang="en">')).toBe(true);
    expect(jsonLdOf(doc).author).toEqual({ '@type': 'Person', name: 'Anna Smith' });
    expect(textOf(elements(doc, 'time')[0]!)).toBe('20 November 2026, 09:30');
    expect(html).toContain('“framework”');
    expect(html).toContain('“We');
    expect(byClass(doc, 'byline').map(textOf)).toEqual(['Anna Smith']);
  });

  it('describes a story without a deck by its lede, and credits a signed name as a Person', () => {
    const draft = parseDraft('# Заголовок\n\n**Лид без подводки.**\n\nТекст.\n\nИван Петров', {
      deskNames: DESK_NAMES,
    });
    const doc = parseHtml(renderArticlePage(pageInput(draft)));
    const metas = elements(doc, 'meta');
    expect(metas.find((m) => m.attribs.name === 'description')?.attribs.content).toBe('Лид без подводки.');
    expect(metas.find((m) => m.attribs.property === 'og:description')?.attribs.content).toBe('Лид без подводки.');
    expect(jsonLdOf(doc).author).toEqual({ '@type': 'Person', name: 'Иван Петров' });
    const unsigned = parseDraft('# Заголовок\n\nТекст.', { deskNames: DESK_NAMES });
    const unsignedDoc = parseHtml(renderArticlePage(pageInput(unsigned)));
    expect(jsonLdOf(unsignedDoc).author['@type']).toBe('Organization');
  });

  it('keeps body headings below the title', () => {
    const draft = parseDraft('# Заголовок\n\nПодводка\n\n# Раздел\n\nТекст.', { deskNames: [] });
    const doc = parseHtml(renderArticlePage(pageInput(draft)));
    expect(elements(doc, 'h1').map(textOf)).toEqual(['Заголовок']);
    expect(elements(doc, 'h2').map(textOf)).toEqual(['Раздел']);
  });
});
