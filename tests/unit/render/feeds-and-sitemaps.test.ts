import { Readable } from 'node:stream';
import { parseDocument, parseFeed } from 'htmlparser2';
import { parseSitemap, parseSitemapIndex } from 'sitemap';
import { describe, expect, it } from 'vitest';
import { renderFeed } from '../../../functions/domain/render/feeds.js';
import {
  renderNewsSitemap,
  renderRobotsTxt,
  renderSitemapIndex,
  renderSitemapShard,
} from '../../../functions/domain/render/sitemaps.js';
import type { ListingItem } from '../../../functions/domain/render/types.js';
import { DomUtils, SITE } from './helpers.js';

const ITEMS: ListingItem[] = [
  {
    title: 'Страны ОТГ усиливают правовое сотрудничество',
    deck: 'В Баку состоялось второе заседание',
    path: '/politics/2026/11/20/strany-otg/',
    desk: 'politics',
    lang: 'ru',
    publishedAt: '2026-11-20T09:30:00Z',
    modifiedAt: '2026-11-22T10:00:00Z',
    tags: ['право', 'ОТГ'],
  },
  {
    title: 'Бюджет & «расходы» <2027>',
    path: '/politics/2026/11/21/byudzhet/',
    desk: 'politics',
    lang: 'ru',
    publishedAt: '2026-11-21T08:00:00Z',
  },
];

describe('renderFeed (Atom)', () => {
  const xml = renderFeed({
    site: SITE,
    title: 'Отдел политики — Newsroom',
    path: '/politics/feed.xml',
    pagePath: '/politics/',
    lang: 'ru',
    items: ITEMS,
  });

  it('reads back as a feed with absolute URLs, titles as written and updated = correction ?? publication', () => {
    const feed = parseFeed(xml, { xmlMode: true });
    expect(feed).toMatchObject({
      type: 'atom',
      id: 'https://news.example.org/politics/feed.xml',
      title: 'Отдел политики — Newsroom',
      link: 'https://news.example.org/politics/',
      updated: new Date('2026-11-22T10:00:00Z'),
    });
    expect(feed?.items.map((item) => [item.id, item.link, item.pubDate?.toISOString()])).toEqual([
      [
        'https://news.example.org/politics/2026/11/20/strany-otg/',
        'https://news.example.org/politics/2026/11/20/strany-otg/',
        '2026-11-22T10:00:00.000Z',
      ],
      [
        'https://news.example.org/politics/2026/11/21/byudzhet/',
        'https://news.example.org/politics/2026/11/21/byudzhet/',
        '2026-11-21T08:00:00.000Z',
      ],
    ]);
    // Entry titles are type="html": decoding that HTML gives back the title as the reporter wrote it.
    const titles = DomUtils.getElementsByTagName('title', parseDocument(xml, { xmlMode: true })).slice(1);
    const decoded = titles.map((t) =>
      DomUtils.textContent(parseDocument(DomUtils.textContent(t), { decodeEntities: true })),
    );
    expect(decoded).toEqual(['Страны ОТГ усиливают правовое сотрудничество', 'Бюджет & «расходы» <2027>']);
    expect(xml).toContain('<published>2026-11-20T09:30:00.000Z</published>');
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ru">');
    expect(xml).toContain('<category label="право" term="право"/>');
  });

  it('is deterministic without items (no clock)', () => {
    const empty = () => renderFeed({ site: SITE, title: 'N', path: '/feed.xml', pagePath: '/', lang: 'ru', items: [] });
    expect(empty()).toBe(empty());
    expect(empty()).toContain('<updated>1970-01-01T00:00:00.000Z</updated>');
  });
});

describe('sitemaps', () => {
  it('writes an index of the sitemaps it is given, in order, that the sitemap package reads back', async () => {
    const xml = renderSitemapIndex({
      site: SITE,
      sitemaps: [
        { path: '/sitemaps/2026-11/politics-2026-11-22-2.xml', lastModified: '2026-11-22T10:00:00Z' },
        { path: '/sitemaps/2026-11/politics-2026-11-22-1.xml', lastModified: '2026-11-22T10:00:00Z' },
        { path: '/sitemaps/2026-10.xml' },
      ],
    });
    expect(await parseSitemapIndex(Readable.from([xml]))).toEqual([
      {
        url: 'https://news.example.org/sitemaps/2026-11/politics-2026-11-22-2.xml',
        lastmod: '2026-11-22T10:00:00.000Z',
      },
      {
        url: 'https://news.example.org/sitemaps/2026-11/politics-2026-11-22-1.xml',
        lastmod: '2026-11-22T10:00:00.000Z',
      },
      { url: 'https://news.example.org/sitemaps/2026-10.xml' },
    ]);
  });

  it('writes a shard with lastmod = correction ?? publication', async () => {
    const items = await parseSitemap(Readable.from([renderSitemapShard({ site: SITE, items: ITEMS })]));
    expect(items.map((i) => [i.url, i.lastmod])).toEqual([
      ['https://news.example.org/politics/2026/11/20/strany-otg/', '2026-11-22T10:00:00.000Z'],
      ['https://news.example.org/politics/2026/11/21/byudzhet/', '2026-11-21T08:00:00.000Z'],
    ]);
  });

  it('writes a Google News sitemap with publication, language, date and escaped title', async () => {
    const xml = renderNewsSitemap({ site: SITE, items: ITEMS });
    const items = await parseSitemap(Readable.from([xml]));
    expect(items.map((i) => [i.url, i.news])).toEqual([
      [
        'https://news.example.org/politics/2026/11/20/strany-otg/',
        {
          publication: { name: 'Newsroom', language: 'ru' },
          publication_date: '2026-11-20T09:30:00.000Z',
          title: 'Страны ОТГ усиливают правовое сотрудничество',
        },
      ],
      [
        'https://news.example.org/politics/2026/11/21/byudzhet/',
        {
          publication: { name: 'Newsroom', language: 'ru' },
          publication_date: '2026-11-21T08:00:00.000Z',
          title: 'Бюджет & «расходы» <2027>',
        },
      ],
    ]);
    expect(xml).toContain('<news:title>Бюджет &amp; «расходы» &lt;2027&gt;</news:title>');
  });

  it('drops characters XML cannot carry and refuses paths that are not site paths', () => {
    const xml = renderNewsSitemap({ site: SITE, items: [{ ...ITEMS[1]!, title: 'a\u0000b\u0007c\uFFFEd' }] });
    expect(xml).toContain('<news:title>abcd</news:title>');
    expect(() => renderSitemapShard({ site: SITE, items: [{ ...ITEMS[0]!, path: 'https://evil.example/' }] })).toThrow(
      /site path/,
    );
  });

  it('points robots.txt at both sitemaps', () => {
    expect(renderRobotsTxt({ site: SITE })).toBe(
      'User-agent: *\nAllow: /\nSitemap: https://news.example.org/sitemap.xml\nSitemap: https://news.example.org/news-sitemap.xml\n',
    );
  });

  it("names each month's sitemap index in robots.txt, newest first (Google reads no index inside an index)", () => {
    expect(renderRobotsTxt({ site: SITE, months: ['2026-10', '2026-11'] }).split('\n')).toEqual([
      'User-agent: *',
      'Allow: /',
      'Sitemap: https://news.example.org/sitemap.xml',
      'Sitemap: https://news.example.org/news-sitemap.xml',
      'Sitemap: https://news.example.org/sitemaps/2026-11.xml',
      'Sitemap: https://news.example.org/sitemaps/2026-10.xml',
      '',
    ]);
  });
});
