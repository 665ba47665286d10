import { describe, expect, it } from 'vitest';
import { seedPublishedArchive } from '../../support/seed-archive.js';
import { articleOf, startTestNewsroom } from '../support/test-newsroom.js';

const STORY = '# Ministers meet in Baku\n\nA short standfirst.\n\nThe ministers met on Thursday.\n';

/** Publishes one story into an archive of `size` live articles and returns the object keys written. */
const writesOfOnePublish = async (size: number): Promise<string[]> => {
  const n = await startTestNewsroom();
  await seedPublishedArchive(n.app, size);
  // The tick writes the site's basics on its first run; done here so that only the publication's writes are counted.
  await n.tick();
  const created = articleOf(
    await n.call('POST', '/api/articles', { as: 'demo-reporter', body: { desk: 'politics', body: STORY } }),
  );
  await n.call('POST', `/api/articles/${created.id}/submit`, { as: 'demo-reporter', body: { version: 1 } });
  await n.call('POST', `/api/articles/${created.id}/approve`, { as: 'demo-editor', body: { version: 2 } });
  const before = n.site.writes.length;
  const res = await n.call('POST', `/api/articles/${created.id}/publish`, { as: 'demo-editor', body: { version: 3 } });
  expect(res.status).toBe(202);
  await n.tick();
  const live = await n.call('GET', `/api/articles/${created.id}`, { as: 'demo-editor' });
  expect(articleOf(live).status).toBe('published');
  return n.site.writes.slice(before).map((w) => w.key);
};

describe('publishing cost does not grow with the archive', () => {
  it('writes the same fixed set of objects into archives of 10 and of 1,000 articles', async () => {
    const small = await writesOfOnePublish(10);
    const large = await writesOfOnePublish(1_000);
    const expected = [
      'politics/2026/11/20/ministers-meet-in-baku/index.html',
      'index.html',
      'feed.xml',
      'politics/index.html',
      'politics/feed.xml',
      'politics/2026/11/index.html',
      'sitemaps/2026-11.xml',
      'news-sitemap.xml',
      'sitemap.xml',
      // Bylines: the story's own author page and feed (the reporter, by default), the topics sitemap (this author's
      // first story: a topic appeared), the desk's Dzen feed and the partners' ninjs file.
      'authors/anna-smirnova/index.html',
      'authors/anna-smirnova/feed.xml',
      'sitemaps/topics.xml',
      'politics/dzen.xml',
      'partners/ninjs.json',
    ];
    expect(small).toEqual(expected);
    expect(large).toEqual(expected);
  }, 180_000);
});
