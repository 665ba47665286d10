import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { HtmlValidate, type ConfigData } from 'html-validate';
import Parser from 'rss-parser';
import { describe, expect, it } from 'vitest';
import { decideBylines, storyBylines } from '../../../functions/domain/bylines.js';
import { DomainError } from '../../../functions/domain/errors.js';
import { renderArticlePage } from '../../../functions/domain/render/article-page.js';
import {
  renderDzenFeed,
  renderNinjsFeed,
  type DistributedStory,
} from '../../../functions/domain/render/distribution-feeds.js';
import { parseDraft } from '../../../functions/domain/render/parse-draft.js';
import { buildSlug } from '../../../functions/domain/render/slug.js';
import { renderTopicPage, renderTopicsSitemap } from '../../../functions/domain/render/topic-pages.js';
import { TOPIC_PATHS } from '../../../functions/domain/render/topic-paths.js';
import {
  byClass,
  DESK_NAMES,
  elements,
  pageInput,
  parseHtml,
  POLITICS,
  readSeed,
  REPO_ROOT,
  SITE,
  textOf,
  WORLD,
} from '../render/helpers.js';

const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: { 'doctype-style': ['error', { style: 'lowercase' }], 'void-style': 'off', 'long-title': 'off' },
} satisfies ConfigData);

const REPORTER = { sub: 'demo-reporter', name: 'Анна Смирнова' };
const parse = (text: string) => parseDraft(text, { deskNames: DESK_NAMES });
const errorOf = (fn: () => unknown): DomainError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
};

const withFrontMatter = (yaml: string) => `---\n${yaml}\n---\n# Заголовок\n\nТекст материала.\n`;

describe('front matter authors and tags', () => {
  it('reads authors as a list or as comma-separated names, and keeps tags', () => {
    const listed = parse(withFrontMatter('authors:\n  - Анна Смирнова\n  - Дмитрий Орлов\ntags: [ОТГ, юстиция]'));
    expect(listed.authors).toEqual(['Анна Смирнова', 'Дмитрий Орлов']);
    expect(listed.tags).toEqual(['ОТГ', 'юстиция']);
    expect(parse(withFrontMatter('authors: Анна Смирнова, Дмитрий Орлов')).authors).toEqual([
      'Анна Смирнова',
      'Дмитрий Орлов',
    ]);
  });

  it('leaves authors absent when the draft names none, and empty for an unsigned story', () => {
    expect(parse(withFrontMatter('tags: право')).authors).toBeUndefined();
    expect(parse(withFrontMatter('authors: []')).authors).toEqual([]);
  });

  it('refuses more than 10 authors, more than 20 tags and over-long names as draft_too_complex with the bound', () => {
    const authors = Array.from({ length: 11 }, (_, i) => `Автор ${i}`).join(', ');
    expect(errorOf(() => parse(withFrontMatter(`authors: ${authors}`))).details).toEqual({
      limit: 'authors',
      max: 10,
      actual: 11,
    });
    const tags = Array.from({ length: 21 }, (_, i) => `тег${i}`).join(', ');
    const tagError = errorOf(() => parse(withFrontMatter(`tags: ${tags}`)));
    expect(tagError.code).toBe('draft_too_complex');
    expect(tagError.details).toEqual({ limit: 'tags', max: 20, actual: 21 });
    expect(errorOf(() => parse(withFrontMatter(`tags: ${'я'.repeat(101)}`))).details).toEqual({
      limit: 'topic_name_characters',
      max: 100,
      actual: 101,
    });
    // At the bounds: accepted.
    expect(parse(withFrontMatter(`tags: ${'я'.repeat(100)}`)).tags).toHaveLength(1);
  });
});

describe('bylines and topics', () => {
  it('credits the reporter by default, with their account, and slugs Cyrillic names by transliteration', () => {
    expect(decideBylines(undefined, REPORTER, buildSlug)).toEqual([
      { name: 'Анна Смирнова', slug: 'anna-smirnova', sub: 'demo-reporter' },
    ]);
  });

  it('takes co-authors as given, one page per slug (two spellings of one name are one author)', () => {
    const { authors, topics } = storyBylines(
      { authors: ['Анна Смирнова', 'Дмитрий Орлов', 'анна смирнова'], tags: ['ОТГ', 'отг', 'Юстиция'] },
      REPORTER,
      buildSlug,
    );
    expect(authors).toEqual([
      { name: 'Анна Смирнова', slug: 'anna-smirnova', sub: 'demo-reporter' },
      { name: 'Дмитрий Орлов', slug: 'dmitriy-orlov' },
    ]);
    expect(topics).toEqual([
      { name: 'ОТГ', slug: 'otg' },
      { name: 'Юстиция', slug: 'yustitsiya' },
    ]);
  });

  it('reads the older one-name byline as the author, and an explicit empty list as an unsigned story', () => {
    expect(storyBylines({ byline: 'Мария Иванова', tags: [] }, REPORTER, buildSlug).authors).toEqual([
      { name: 'Мария Иванова', slug: 'mariya-ivanova' },
    ]);
    expect(storyBylines({ authors: [], tags: [] }, REPORTER, buildSlug).authors).toEqual([]);
  });
});

const seedWith = (yaml: string) => parse(`---\n${yaml}\n---\n${readSeed()}`);

describe('byline on the page', () => {
  const draft = seedWith('authors: [Анна Смирнова, Дмитрий Орлов]\ntags: [ОТГ, юстиция]');
  const { authors, topics } = storyBylines(draft, REPORTER, buildSlug);
  const html = renderArticlePage(pageInput(draft, { authors, topics }));
  const doc = parseHtml(html);

  it('links each author to their page, and each tag to its page', () => {
    const byline = byClass(doc, 'byline');
    expect(byline).toHaveLength(1);
    const links = elements(byline[0]!, 'a').map((a) => [a.attribs.href, textOf(a)]);
    expect(links).toEqual([
      ['/authors/anna-smirnova/', 'Анна Смирнова'],
      ['/authors/dmitriy-orlov/', 'Дмитрий Орлов'],
    ]);
    expect(textOf(byline[0]!)).toBe('Анна Смирнова и Дмитрий Орлов');
    const tagLinks = elements(byClass(doc, 'tags')[0]!, 'a').map((a) => [a.attribs.href, textOf(a)]);
    expect(tagLinks).toEqual([
      ['/tags/otg/', 'ОТГ'],
      ['/tags/yustitsiya/', 'юстиция'],
    ]);
  });

  it('names each author in JSON-LD as a Person with the URL of their page, and the tags as keywords', () => {
    const script = elements(doc, 'script').find((s) => s.attribs.type === 'application/ld+json');
    const ld: unknown = JSON.parse(textOf(script!));
    expect(ld).toMatchObject({
      author: [
        { '@type': 'Person', name: 'Анна Смирнова', url: 'https://news.example.org/authors/anna-smirnova/' },
        { '@type': 'Person', name: 'Дмитрий Орлов', url: 'https://news.example.org/authors/dmitriy-orlov/' },
      ],
      keywords: 'ОТГ, юстиция',
    });
  });

  it('is valid HTML with the byline and the tag links', async () => {
    const report = await validator.validateString(html);
    expect(report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`))).toEqual([]);
  });

  it('keeps the desk signature and Organization credit for an unsigned story', () => {
    const unsigned = seedWith('authors: []');
    const page = parseHtml(renderArticlePage(pageInput(unsigned, storyBylines(unsigned, REPORTER, buildSlug))));
    expect(byClass(page, 'byline')).toHaveLength(0);
    expect(byClass(page, 'signature').map(textOf)).toEqual(['Отдел политики']);
    const script = elements(page, 'script').find((s) => s.attribs.type === 'application/ld+json');
    expect(JSON.parse(textOf(script!))).toMatchObject({ author: { '@type': 'Organization', name: 'Отдел политики' } });
  });
});

const listed = [
  {
    title: 'Страны ОТГ усиливают правовое сотрудничество',
    deck: 'В Баку состоялось заседание',
    path: '/politics/2026/11/20/strany-otg/',
    desk: 'politics',
    lang: 'ru' as const,
    publishedAt: '2026-11-20T09:30:00Z',
  },
  {
    title: 'Ceasefire holds',
    path: '/world/2026/11/19/ceasefire/',
    desk: 'world',
    lang: 'en' as const,
    publishedAt: '2026-11-19T08:00:00Z',
  },
];

describe('author and tag pages', () => {
  const desks = new Map([POLITICS, WORLD].map((d) => [d.id, d]));
  it('are valid HTML with the site chrome, list the stories newest first and advertise their Atom feed', async () => {
    for (const kind of ['author', 'tag'] as const) {
      const html = renderTopicPage({
        site: SITE,
        kind,
        slug: 'anna-smirnova',
        name: 'Анна Смирнова',
        items: listed,
        desks,
      });
      const report = await validator.validateString(html);
      expect(report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`))).toEqual([]);
      const doc = parseHtml(html);
      expect(elements(doc, 'h2').map(textOf)).toEqual([
        'Страны ОТГ усиливают правовое сотрудничество',
        'Ceasefire holds',
      ]);
      expect(byClass(doc, 'masthead')).toHaveLength(1);
      const alternate = elements(doc, 'link').find((l) => l.attribs.rel === 'alternate');
      expect(alternate?.attribs.href).toBe(TOPIC_PATHS.feed(kind, 'anna-smirnova'));
    }
  });

  it('an empty page is valid too', async () => {
    const html = renderTopicPage({ site: SITE, kind: 'tag', slug: 'otg', name: 'ОТГ', items: [], desks });
    expect((await validator.validateString(html)).valid).toBe(true);
  });

  it('lists every topic in the topics sitemap, which the sitemap index names', () => {
    const xml = renderTopicsSitemap({
      site: SITE,
      topics: [
        { kind: 'author', slug: 'anna-smirnova', name: 'Анна Смирнова' },
        { kind: 'tag', slug: 'otg', name: 'ОТГ' },
      ],
    });
    expect([...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1])).toEqual([
      'https://news.example.org/authors/anna-smirnova/',
      'https://news.example.org/tags/otg/',
    ]);
  });
});

const story = (overrides: Partial<DistributedStory> = {}): DistributedStory => ({
  id: '01JD0000000000000000000001',
  title: 'Страны ОТГ усиливают правовое сотрудничество',
  deck: 'В Баку состоялось заседание',
  path: '/politics/2026/11/20/strany-otg/',
  desk: 'politics',
  lang: 'ru',
  publishedAt: '2026-11-20T09:30:00Z',
  corrections: 0,
  bodyHtml: '<p class="lede">Первый абзац.</p>\n<p>Второй абзац с ]]> внутри.</p>',
  authors: [
    { name: 'Анна Смирнова', slug: 'anna-smirnova', sub: 'demo-reporter' },
    { name: 'Дмитрий Орлов', slug: 'dmitriy-orlov' },
  ],
  topics: [{ name: 'ОТГ', slug: 'otg' }],
  ...overrides,
});

describe('Dzen RSS', () => {
  it('parses with an independent RSS parser and carries the fields Dzen reads, full text included', async () => {
    const xml = renderDzenFeed({
      site: SITE,
      desk: POLITICS,
      items: [
        story(),
        story({ id: 'older', path: '/politics/2026/11/19/x/', publishedAt: '2026-11-19T09:30:00Z', title: 'Вчера' }),
      ],
    });
    const parser = new Parser({ customFields: { item: ['pdalink', 'media:rating', 'content:encoded', 'author'] } });
    const feed = await parser.parseString(xml);
    expect(feed.title).toBe('Отдел политики — Newsroom');
    expect(feed.link).toBe('https://news.example.org/politics/');
    expect(feed.items.map((i) => i.title)).toEqual(['Страны ОТГ усиливают правовое сотрудничество', 'Вчера']);
    const first = feed.items[0]!;
    expect(first.link).toBe('https://news.example.org/politics/2026/11/20/strany-otg/');
    expect(first.guid).toBe('01JD0000000000000000000001');
    expect(first.pubDate).toBe('Fri, 20 Nov 2026 09:30:00 GMT');
    expect(first.categories).toEqual(['format-article', 'index', 'comment-all', 'Отдел политики']);
    const extra = first as unknown as Record<string, unknown>;
    expect(extra.pdalink).toBe(first.link);
    expect(extra['media:rating']).toBe('nonadult');
    expect(xml).toContain('<media:rating scheme="urn:simple">nonadult</media:rating>');
    // The full text survives CDATA, even a "]]>" inside it.
    expect(extra['content:encoded']).toBe(story().bodyHtml);
    expect(xml).toContain('xmlns:content="http://purl.org/rss/1.0/modules/content/"');
    expect(xml).toContain('xmlns:media="http://search.yahoo.com/mrss/"');
    expect(first.enclosure).toBeUndefined();
  });

  it('carries the lead image as the enclosure when the story has one', async () => {
    const image = {
      url: 'https://news.example.org/media/01J/16x9-1200-abcd1234.jpg',
      contentType: 'image/jpeg',
      width: 1200,
      height: 675,
    };
    const feed = await new Parser().parseString(
      renderDzenFeed({ site: SITE, desk: POLITICS, items: [story({ enclosure: image })] }),
    );
    expect(feed.items[0]?.enclosure).toEqual({ url: image.url, type: 'image/jpeg', length: '0' });
  });
});

/** The IPTC schema is draft-04 (`id`); ajv 8 reads draft-07, where the keywords it uses mean the same. */
const ninjsValidator = () => {
  const schema: unknown = JSON.parse(
    readFileSync(join(REPO_ROOT, 'tests/fixtures/ninjs/ninjs-schema_2.0.json'), 'utf8'),
  );
  if (typeof schema !== 'object' || schema === null) throw new Error('schema is not an object');
  const { $schema: _draft, id, ...rest } = schema as Record<string, unknown>;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  // The schema's `places` may hold GeoJSON by reference; the file cannot be fetched here, and we write no places.
  ajv.addSchema({ $id: 'https://geojson.org/schema/GeoJSON.json' }, 'https://geojson.org/schema/GeoJSON.json');
  return ajv.compile({ ...rest, $id: String(id) });
};

describe('ninjs 2.0 partner file', () => {
  const validate = ninjsValidator();

  it('holds IPTC ninjs 2.0 items that the IPTC schema accepts', () => {
    const file = JSON.parse(
      renderNinjsFeed({
        site: SITE,
        items: [
          story(),
          story({
            id: 'b',
            path: '/politics/2026/11/19/b/',
            corrections: 2,
            modifiedAt: '2026-11-21T10:00:00Z',
            topics: [],
            authors: [],
          }),
        ],
      }),
    ) as { items: unknown[] };
    expect(file.items).toHaveLength(2);
    for (const item of file.items) expect(validate(item), JSON.stringify(validate.errors)).toBe(true);
    expect(file.items[0]).toMatchObject({
      uri: 'https://news.example.org/politics/2026/11/20/strany-otg/',
      type: 'text',
      version: '1',
      pubstatus: 'usable',
      firstcreated: '2026-11-20T09:30:00.000Z',
      versioncreated: '2026-11-20T09:30:00.000Z',
      language: 'ru',
      headlines: [{ role: 'main', value: 'Страны ОТГ усиливают правовое сотрудничество' }],
      bodies: [{ role: 'main', contenttype: 'text/html', value: story().bodyHtml }],
      by: 'Анна Смирнова, Дмитрий Орлов',
      people: [
        { name: 'Анна Смирнова', rel: 'author', uri: 'https://news.example.org/authors/anna-smirnova/' },
        { name: 'Дмитрий Орлов', rel: 'author', uri: 'https://news.example.org/authors/dmitriy-orlov/' },
      ],
      subjects: [{ name: 'ОТГ', uri: 'https://news.example.org/tags/otg/' }],
    });
    // A corrected story is a new version of the same item.
    expect(file.items[1]).toMatchObject({ version: '3', versioncreated: '2026-11-21T10:00:00.000Z' });
  });

  it('reports an editorial take-down as a canceled new version, which the schema accepts too', () => {
    const file = JSON.parse(
      renderNinjsFeed({
        site: SITE,
        items: [],
        canceled: [
          {
            uri: 'https://news.example.org/politics/2026/11/19/b/',
            version: '2',
            at: '2026-11-21T10:00:00Z',
            firstPublishedAt: '2026-11-19T09:00:00Z',
            lang: 'ru',
          },
        ],
      }),
    ) as { items: unknown[] };
    expect(file.items).toEqual([
      {
        uri: 'https://news.example.org/politics/2026/11/19/b/',
        type: 'text',
        version: '2',
        versioncreated: '2026-11-21T10:00:00.000Z',
        firstcreated: '2026-11-19T09:00:00.000Z',
        pubstatus: 'canceled',
        language: 'ru',
        copyrightholder: 'Newsroom',
      },
    ]);
    expect(validate(file.items[0]), JSON.stringify(validate.errors)).toBe(true);
  });

  it('the schema check can fail: an item without uri or with an unknown pubstatus is refused', () => {
    expect(validate({ type: 'text' })).toBe(false);
    expect(validate({ uri: 'https://x.example/a', pubstatus: 'embargoed' })).toBe(false);
  });
});
