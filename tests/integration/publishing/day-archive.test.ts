import { describe, expect, it } from 'vitest';
import type { Article } from '../../../functions/domain/article.js';
import { datePartsOfPath } from '../../../functions/domain/site-path.js';
import { rebuildSiteIndexes, rewriteArchiveDays } from '../../../functions/use-cases/rebuild-site-indexes.js';
import { archiveStory } from '../../support/seed-archive.js';
import { siteText } from '../support/site-listings.js';
import { startTestNewsroom, type TestNewsroom } from '../support/test-newsroom.js';

/** Stories published on one day: more than two chunks of 100. */
const DAY_VOLUME = 230;
const DAY = '2026-11-20';

/** Publishes `count` stories on DAY a minute apart, each with the mark its commit records, as the API's commits do. */
const publishBusyDay = async (n: TestNewsroom, count: number): Promise<Article[]> => {
  const stories = Array.from({ length: count }, (_, i) =>
    archiveStory('politics', `busy-${i + 1}`, new Date(Date.parse(`${DAY}T05:00:00.000Z`) + i * 60_000).toISOString()),
  );
  // In order, as a desk publishes them: the slots follow the marks, oldest first.
  for (const a of stories) {
    await n.app.articles.commit({
      article: a,
      events: [],
      dirtyIndexes: [{ desk: 'politics', month: datePartsOfPath(a.path!).month }],
      nowMs: Date.parse(a.firstPublishedAt!),
    });
  }
  return stories;
};

const rebuildUntilSettled = async (n: TestNewsroom): Promise<string[]> => {
  const written: string[] = [];
  for (let run = 0; run < 10; run += 1) {
    written.push(...(await rebuildSiteIndexes(n.app)()).written);
    if ((await n.app.siteIndexLock.pendingMarks(1)).length === 0) return written;
  }
  throw new Error('the rebuild did not settle');
};

const hrefsOf = (html: string): string[] => [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!);
const ARCHIVE_PAGE = /^\/politics\/(\d{4}\/\d{2}\/(\d{2}\/(\d+\/)?)?)?$/;

/** Follows every archive link from the desk page (desk, month, day and chunk pages); returns the stories reached. */
const crawlArchive = async (n: TestNewsroom): Promise<{ stories: Map<string, number>; pages: string[] }> => {
  const seen = new Set<string>();
  const queue = ['/politics/'];
  const stories = new Map<string, number>();
  while (queue.length > 0) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const html = await siteText(n, `${path.slice(1)}index.html`);
    expect(html, `${path} is written`).not.toBe('');
    for (const href of hrefsOf(html)) {
      if (ARCHIVE_PAGE.test(href)) queue.push(href);
      else if (/^\/politics\/\d{4}\/\d{2}\/\d{2}\/[a-z][^/]*\/$/.test(href) && path !== '/politics/') {
        stories.set(href, (stories.get(href) ?? 0) + 1);
      }
    }
  }
  return { stories, pages: [...seen] };
};

/** Follows /sitemap.xml through the month indexes to the shards; counts how often each story is listed. */
const crawlSitemaps = async (n: TestNewsroom): Promise<Map<string, number>> => {
  const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
  const listed = new Map<string, number>();
  for (const month of locs(await siteText(n, 'sitemap.xml'))) {
    for (const shard of locs(await siteText(n, month.slice(1)))) {
      for (const story of locs(await siteText(n, shard.slice(1)))) listed.set(story, (listed.get(story) ?? 0) + 1);
    }
  }
  return listed;
};

describe('a busy day in the archive', () => {
  it('every story of a 230-story day is reachable from the desk page and listed in exactly one sitemap shard', async () => {
    const n = await startTestNewsroom();
    const stories = await publishBusyDay(n, DAY_VOLUME);
    await rebuildUntilSettled(n);

    const { stories: reached, pages } = await crawlArchive(n);
    expect(pages).toEqual(
      expect.arrayContaining([
        '/politics/2026/11/',
        '/politics/2026/11/20/',
        '/politics/2026/11/20/1/',
        '/politics/2026/11/20/2/',
      ]),
    );
    // The day's own page is its newest chunk (3), so it links the older two only.
    expect(pages).not.toContain('/politics/2026/11/20/3/');
    expect(stories.filter((a) => !reached.has(a.path!)).map((a) => a.path)).toEqual([]);
    // The month page counts the day's stories from its counter (the politics desk writes Russian).
    expect(await siteText(n, 'politics/2026/11/index.html')).toContain(`${DAY_VOLUME} материалов`);
    // Chunks are numbered from the oldest: the day's first story is in chunk 1, its last in the newest (3).
    expect(await siteText(n, 'politics/2026/11/20/1/index.html')).toContain(stories[0]!.path);
    expect(await siteText(n, 'politics/2026/11/20/3/index.html')).toContain(stories.at(-1)!.path);
    expect(await siteText(n, 'politics/2026/11/20/index.html')).toContain(stories.at(-1)!.path);

    expect(await siteText(n, 'robots.txt')).toContain('Sitemap: https://news.example.test/sitemaps/2026-11.xml');
    const listed = await crawlSitemaps(n);
    expect(stories.filter((a) => listed.get(a.path!) !== 1).map((a) => a.path)).toEqual([]);

    // A re-render writes every chunk of the day again from its archive, the lost ones included.
    const chunk1 = await siteText(n, 'politics/2026/11/20/1/index.html');
    await n.app.site.delete('politics/2026/11/20/1/index.html');
    await n.app.site.delete('sitemaps/2026-11/politics-2026-11-20-2.xml');
    const rewritten = await rewriteArchiveDays(n.app)([{ desk: 'politics', day: DAY }]);
    expect(rewritten?.sort()).toEqual([
      'politics/2026/11/20/1/index.html',
      'politics/2026/11/20/2/index.html',
      'politics/2026/11/20/3/index.html',
      'politics/2026/11/20/index.html',
      'politics/2026/11/index.html',
      'sitemaps/2026-11.xml',
      'sitemaps/2026-11/politics-2026-11-20-1.xml',
      'sitemaps/2026-11/politics-2026-11-20-2.xml',
      'sitemaps/2026-11/politics-2026-11-20-3.xml',
    ]);
    expect(await siteText(n, 'politics/2026/11/20/1/index.html')).toBe(chunk1);
    expect(await siteText(n, 'sitemaps/2026-11/politics-2026-11-20-2.xml')).toContain(stories[150]!.path);
  }, 240_000);

  it('a take-down rewrites only the chunk that held the story; later chunks do not shift', async () => {
    const n = await startTestNewsroom();
    const stories = await publishBusyDay(n, DAY_VOLUME);
    await rebuildUntilSettled(n);
    const chunk2Before = await siteText(n, 'politics/2026/11/20/2/index.html');

    const gone = stories[10]!; // slot 11, chunk 1
    const current = (await n.app.articles.get(gone.id))!;
    await n.app.articles.commit({
      article: {
        ...current,
        status: 'unpublished',
        version: current.version + 1,
        unpublishedAt: '2026-11-20T09:00:00.000Z',
      },
      expectedVersion: current.version,
      events: [],
      dirtyIndexes: [{ desk: 'politics', month: '2026-11' }],
      nowMs: n.clock.now().getTime(),
    });
    const written = await rebuildUntilSettled(n);

    const dayKeys = written.filter((k) => k.startsWith('politics/2026/11/20/') || k.startsWith('sitemaps/2026-11/'));
    expect(dayKeys.sort()).toEqual([
      'politics/2026/11/20/1/index.html',
      'politics/2026/11/20/3/index.html',
      'politics/2026/11/20/index.html',
      'sitemaps/2026-11/politics-2026-11-20-1.xml',
      'sitemaps/2026-11/politics-2026-11-20-3.xml',
    ]);
    expect(await siteText(n, 'politics/2026/11/20/1/index.html')).not.toContain(gone.path);
    expect(await siteText(n, 'politics/2026/11/20/1/index.html')).toContain(stories[11]!.path);
    expect(await siteText(n, 'politics/2026/11/20/2/index.html')).toBe(chunk2Before);
    expect(await siteText(n, 'politics/2026/11/index.html')).toContain(`${DAY_VOLUME - 1} материалов`);
    expect((await crawlSitemaps(n)).has(gone.path!)).toBe(false);

    // Restored, it is back in the slot it had, in chunk 1.
    const down = (await n.app.articles.get(gone.id))!;
    await n.app.articles.commit({
      article: { ...down, status: 'published', version: down.version + 1 },
      expectedVersion: down.version,
      events: [],
      dirtyIndexes: [{ desk: 'politics', month: '2026-11' }],
      nowMs: n.clock.now().getTime(),
    });
    await rebuildUntilSettled(n);
    expect(await siteText(n, 'politics/2026/11/20/1/index.html')).toContain(gone.path);
    expect(await siteText(n, 'politics/2026/11/index.html')).toContain(`${DAY_VOLUME} материалов`);
  }, 240_000);
});
