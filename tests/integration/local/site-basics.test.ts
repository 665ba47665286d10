import { Readable } from 'node:stream';
import { parseFeed } from 'htmlparser2';
import { parseSitemap, parseSitemapIndex } from 'sitemap';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeSiteBasics } from '../../../functions/use-cases/write-site-basics.js';
import { SITE_BASE_URL, startTestNewsroom, type TestNewsroom } from '../support/test-newsroom.js';

/**
 * Before the first publication every document that pages and robots.txt link to exists and is valid: the feeds,
 * the sitemap index (with this month's empty shard, since an index must list one), and the news sitemap. They are
 * written only when absent, so a real index is never replaced by an empty one.
 */

let newsroom: TestNewsroom;
const text = async (key: string): Promise<string | undefined> => {
  const object = await newsroom.site.get(key);
  return object ? Buffer.from(object.body).toString('utf8') : undefined;
};

beforeAll(async () => {
  newsroom = await startTestNewsroom({ now: '2026-11-20T09:00:00.000Z' });
  await writeSiteBasics(newsroom.app)();
});

describe('site basics on a new site', () => {
  it('writes empty, valid Atom feeds for the site and each desk', async () => {
    for (const [key, link] of [
      ['feed.xml', `${SITE_BASE_URL}/`],
      ['politics/feed.xml', `${SITE_BASE_URL}/politics/`],
      ['world/feed.xml', `${SITE_BASE_URL}/world/`],
    ] as const) {
      const xml = await text(key);
      expect(xml, key).toBeDefined();
      const feed = parseFeed(xml ?? '', { xmlMode: true });
      expect(feed, key).toMatchObject({ type: 'atom', id: `${SITE_BASE_URL}/${key}`, link });
      expect(feed?.items, key).toEqual([]);
      expect((await newsroom.site.get(key))?.contentType).toMatch(/^application\/atom\+xml/);
    }
  });

  it('writes a sitemap index listing this month’s shard, which is an empty urlset, and an empty news sitemap', async () => {
    const index = await parseSitemapIndex(Readable.from([(await text('sitemap.xml')) ?? '']));
    const shard = await text('sitemaps/2026-11.xml');
    const news = await text('news-sitemap.xml');

    expect(index.map((s) => s.url)).toEqual([
      `${SITE_BASE_URL}/sitemaps/2026-11.xml`,
      `${SITE_BASE_URL}/sitemaps/topics.xml`,
    ]);
    expect(await parseSitemap(Readable.from([(await text('sitemaps/topics.xml')) ?? '']))).toEqual([]);
    // Bylines' partner feeds too: Dzen's RSS per desk and the ninjs file, empty.
    expect(await text('politics/dzen.xml')).toContain('<rss version="2.0"');
    expect(JSON.parse((await text('partners/ninjs.json')) ?? '')).toEqual({ items: [] });
    expect(shard).toContain('<urlset');
    expect(await parseSitemap(Readable.from([shard ?? '']))).toEqual([]);
    expect(news).toContain('<urlset');
    expect(await parseSitemap(Readable.from([news ?? '']))).toEqual([]);
  });

  it('never replaces an index document that exists', async () => {
    const real = {
      key: 'politics/feed.xml',
      body: '<feed>real</feed>',
      contentType: 'application/atom+xml',
      cacheControl: 'max-age=60',
    };
    await newsroom.site.put(real);
    await newsroom.site.put({ ...real, key: 'sitemap.xml', body: '<sitemapindex>real</sitemapindex>' });

    const written = await writeSiteBasics(newsroom.app)();

    expect(await text('politics/feed.xml')).toBe('<feed>real</feed>');
    expect(await text('sitemap.xml')).toBe('<sitemapindex>real</sitemapindex>');
    expect(written).not.toContain('politics/feed.xml');
    expect(written).toEqual(expect.arrayContaining(['404.html', 'robots.txt']));
  });
});
