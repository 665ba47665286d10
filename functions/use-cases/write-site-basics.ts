import { CACHE_CONTROL, CONTENT_TYPES } from '../domain/cache-policy.js';
import type { ListingItem } from '../domain/render/types.js';
import { siteObjectKey, type SiteObject } from '../ports/site-store.js';
import type { AppDeps } from './deps.js';
import { BYLINE_INDEX_LIMITS, JSON_CONTENT_TYPE } from './rebuild-bylines-and-feeds.js';
import { INDEX_LIMITS } from './rebuild-site-indexes.js';
import { feedContentType, htmlObject, xmlObject } from './site-pages.js';

const NEWS_WINDOW_MS = 48 * 3_600_000;
const newestFirst = (a: ListingItem, b: ListingItem): number => b.publishedAt.localeCompare(a.publishedAt);

/**
 * What every site has whatever is published: the 404 page and robots.txt, and — on a brand-new site — the front
 * page, desk pages, feeds and sitemaps, so that every document pages and robots.txt link to answers (valid, and
 * empty) before the first story goes out. Idempotent; run at start-up and by the tick's first run. An index document
 * that exists is left alone: the index rebuild owns it, and an empty one must never replace a real one.
 */
export const writeSiteBasics = (deps: AppDeps) => async (): Promise<string[]> => {
  const renderer = await deps.loadRenderer();
  const site = deps.siteConfig;
  const paths = renderer.SITE_PATHS;
  const desks = [...deps.desks.values()];
  const now = deps.clock.now();
  const month = now.toISOString().slice(0, 7);
  const objects: SiteObject[] = [
    htmlObject(paths.notFound, renderer.renderNotFoundPage({ site })),
    {
      key: 'robots.txt',
      // The months' sitemap indexes by name, as the index rebuild writes it (it owns the list).
      body: renderer.renderRobotsTxt({
        site,
        months: [...new Set((await deps.siteIndexLock.read()).archives.map((a) => a.month))],
      }),
      contentType: 'text/plain; charset=utf-8',
      cacheControl: CACHE_CONTROL.feed,
    },
  ];

  // Each index document, built only when it is missing. Built from what is published (nothing, on a new site), so a
  // bucket that lost its indexes gets the latest lists back rather than empty ones.
  let lists: ListingItem[][] | undefined;
  const listsByDesk = async (): Promise<ListingItem[][]> =>
    (lists ??= await Promise.all(desks.map((d) => deps.publishedIndex.latestOfDesk(d.id, INDEX_LIMITS.deskPage))));
  const latest = async (): Promise<ListingItem[]> => (await listsByDesk()).flat().sort(newestFirst);
  const feedObject = (path: string, body: string): SiteObject => xmlObject(path, body, feedContentType(body));

  const candidates: Array<{ path: string; build: () => Promise<SiteObject> }> = [
    {
      path: paths.front,
      build: async () =>
        htmlObject(
          paths.front,
          renderer.renderFrontPage({ site, items: (await latest()).slice(0, INDEX_LIMITS.frontPage), desks }),
        ),
    },
    {
      path: paths.feed,
      build: async () =>
        feedObject(
          paths.feed,
          renderer.renderFeed({
            site,
            title: site.name,
            path: paths.feed,
            pagePath: paths.front,
            lang: site.lang,
            items: (await latest()).slice(0, INDEX_LIMITS.feed),
          }),
        ),
    },
    ...desks.flatMap((desk, i) => [
      {
        path: paths.deskPage(desk.id),
        build: async () =>
          htmlObject(
            paths.deskPage(desk.id),
            renderer.renderDeskPage({ site, desk, items: (await listsByDesk())[i] ?? [], months: [] }),
          ),
      },
      {
        path: paths.deskFeed(desk.id),
        build: async () =>
          feedObject(
            paths.deskFeed(desk.id),
            renderer.renderFeed({
              site,
              title: `${desk.name} — ${site.name}`,
              path: paths.deskFeed(desk.id),
              pagePath: paths.deskPage(desk.id),
              lang: desk.lang,
              items: ((await listsByDesk())[i] ?? []).slice(0, INDEX_LIMITS.feed),
            }),
          ),
      },
    ]),
    {
      // A sitemap index must list at least one sitemap (sitemaps.org's schema): this month's, written below (a plain
      // urlset until the first rebuild makes it the month's index of day shards).
      path: paths.sitemapIndex,
      build: () =>
        Promise.resolve(
          xmlObject(
            paths.sitemapIndex,
            renderer.renderSitemapIndex({
              site,
              sitemaps: [
                { path: paths.sitemapMonth(month), lastModified: now.toISOString() },
                { path: renderer.TOPIC_PATHS.sitemap, lastModified: now.toISOString() },
              ],
            }),
          ),
        ),
    },
    {
      path: paths.sitemapMonth(month),
      build: async () =>
        xmlObject(
          paths.sitemapMonth(month),
          renderer.renderSitemapShard({
            site,
            items: (await latest()).filter((item) => item.publishedAt.startsWith(month)),
          }),
        ),
    },
    {
      path: paths.newsSitemap,
      build: async () => {
        const since = new Date(now.getTime() - NEWS_WINDOW_MS).toISOString();
        const items = (await latest()).filter((item) => item.publishedAt >= since);
        return xmlObject(paths.newsSitemap, renderer.renderNewsSitemap({ site, items }));
      },
    },
    {
      // Bylines: the author and tag pages' shard, which the sitemap index lists.
      path: renderer.TOPIC_PATHS.sitemap,
      build: async () =>
        xmlObject(
          renderer.TOPIC_PATHS.sitemap,
          renderer.renderTopicsSitemap({
            site,
            topics: await deps.topics.listTopics(BYLINE_INDEX_LIMITS.topicsSitemap),
          }),
        ),
    },
    // Partner feeds exist from the first start too: empty here (they need full texts), filled by the next publish.
    ...desks.map((desk) => ({
      path: renderer.TOPIC_PATHS.dzen(desk.id),
      build: () =>
        Promise.resolve(
          xmlObject(
            renderer.TOPIC_PATHS.dzen(desk.id),
            renderer.renderDzenFeed({ site, desk, items: [] }),
            CONTENT_TYPES.rss,
          ),
        ),
    })),
    {
      path: renderer.TOPIC_PATHS.ninjs,
      build: () =>
        Promise.resolve({
          ...xmlObject(renderer.TOPIC_PATHS.ninjs, renderer.renderNinjsFeed({ site, items: [] })),
          contentType: JSON_CONTENT_TYPE,
        }),
    },
  ];
  // Read-then-write: S3 has conditional writes but s3rver ignores them (toolchain.md), so a rebuild racing this
  // first start could in theory be overwritten; the next rebuild of that desk rewrites it.
  const present = await Promise.all(
    candidates.map(async (c) => (await deps.site.get(siteObjectKey(c.path))) !== undefined),
  );
  for (const [i, candidate] of candidates.entries()) if (!present[i]) objects.push(await candidate.build());

  for (const object of objects) await deps.site.put(object);
  return objects.map((o) => o.key);
};
