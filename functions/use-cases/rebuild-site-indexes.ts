import { parseDeskMonthToken } from '../adapters/dynamodb/keys.js';
import type { ListingItem } from '../domain/render/types.js';
import type { SiteObject } from '../ports/site-store.js';
import type { AppDeps } from './deps.js';
import { feedContentType, htmlObject, invalidateSitePaths, xmlObject } from './site-pages.js';

/** Bounds of every index query: what one publish reads and writes never grows with the archive. */
export const INDEX_LIMITS = {
  frontPage: 30,
  deskPage: 30,
  feed: 30,
  monthArchive: 2_000,
  /** Google's limit for one sitemap file. */
  sitemapShard: 50_000,
  newsSitemap: 1_000,
} as const;
const NEWS_WINDOW_MS = 48 * 3_600_000;
const SITE_LEASE_MS = 60_000;
const MAX_ROUNDS = 10;

const newestFirst = (a: ListingItem, b: ListingItem): number => b.publishedAt.localeCompare(a.publishedAt);
const monthOf = (iso: string): string => iso.slice(0, 7);

export interface RebuildOutcome {
  rebuilt: boolean;
  /** Object keys written, in order (the benchmark counts these). */
  written: string[];
}

/**
 * Rebuilds the site's index documents (front page, desk pages, month archives, feeds, sitemaps) for the desk-months
 * that changed. One runner at a time holds the site lease and keeps going while work is pending, so concurrent
 * publications coalesce instead of overwriting each other with stale lists; a runner that finds the lease taken
 * leaves its work to the holder (or, after a crash, to the next tick).
 */
export const rebuildSiteIndexes = (deps: AppDeps) => async (): Promise<RebuildOutcome> => {
  const owner = deps.ids.next();
  let state = await deps.siteIndexLock.acquire(owner, deps.clock.now().getTime(), SITE_LEASE_MS);
  if (!state) return { rebuilt: false, written: [] };
  const written: string[] = [];
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const tokens = state.pending;
    if (tokens.length > 0) written.push(...(await writeIndexes(deps, tokens, state.archives)));
    state = await deps.siteIndexLock.markDone(owner, tokens, deps.clock.now().getTime(), SITE_LEASE_MS);
    if (state.pending.length === 0 && (await deps.siteIndexLock.release(owner))) break;
  }
  return { rebuilt: true, written };
};

const writeIndexes = async (deps: AppDeps, tokens: string[], archives: string[]): Promise<string[]> => {
  const renderer = await deps.loadRenderer();
  const { siteConfig: site, publishedIndex } = deps;
  const paths = renderer.SITE_PATHS;
  const now = deps.clock.now();
  const changes = tokens.flatMap((t) => parseDeskMonthToken(t) ?? []).filter((c) => deps.desks.has(c.desk));
  const objects: Array<{ path: string; object: SiteObject }> = [];
  const add = (path: string, object: SiteObject) => objects.push({ path, object });

  const latestByDesk = new Map<string, ListingItem[]>();
  for (const desk of deps.desks.keys()) {
    latestByDesk.set(desk, await publishedIndex.latestOfDesk(desk, INDEX_LIMITS.deskPage));
  }
  const latest = [...latestByDesk.values()].flat().sort(newestFirst);
  const desks = [...deps.desks.values()];

  add(
    paths.front,
    htmlObject(paths.front, renderer.renderFrontPage({ site, items: latest.slice(0, INDEX_LIMITS.frontPage), desks })),
  );
  const siteFeed = renderer.renderFeed({
    site,
    title: site.name,
    path: paths.feed,
    pagePath: paths.front,
    lang: site.lang,
    items: latest.slice(0, INDEX_LIMITS.feed),
  });
  add(paths.feed, xmlObject(paths.feed, siteFeed, feedContentType(siteFeed)));

  for (const deskId of new Set(changes.map((c) => c.desk))) {
    const desk = deps.desks.get(deskId)!;
    const items = latestByDesk.get(deskId) ?? [];
    const months = archives
      .flatMap((t) => parseDeskMonthToken(t) ?? [])
      .filter((t) => t.desk === deskId)
      .map((t) => t.month)
      .sort()
      .reverse();
    add(
      paths.deskPage(deskId),
      htmlObject(paths.deskPage(deskId), renderer.renderDeskPage({ site, desk, items, months })),
    );
    const deskFeed = renderer.renderFeed({
      site,
      title: `${desk.name} — ${site.name}`,
      path: paths.deskFeed(deskId),
      pagePath: paths.deskPage(deskId),
      lang: desk.lang,
      items: items.slice(0, INDEX_LIMITS.feed),
    });
    add(paths.deskFeed(deskId), xmlObject(paths.deskFeed(deskId), deskFeed, feedContentType(deskFeed)));
  }

  for (const { desk: deskId, month } of changes) {
    const desk = deps.desks.get(deskId)!;
    const items = await publishedIndex.monthOfDesk(deskId, month, INDEX_LIMITS.monthArchive);
    const path = paths.monthArchive(deskId, month);
    add(path, htmlObject(path, renderer.renderMonthArchivePage({ site, desk, month, items })));
  }

  for (const month of new Set(changes.map((c) => c.month))) {
    const items = await publishedIndex.monthOfSite(month, { limit: INDEX_LIMITS.sitemapShard });
    const path = paths.sitemapShard(month);
    add(path, xmlObject(path, renderer.renderSitemapShard({ site, items })));
  }

  const since = new Date(now.getTime() - NEWS_WINDOW_MS).toISOString();
  const newsMonths = [...new Set([monthOf(since), monthOf(now.toISOString())])];
  const news = (
    await Promise.all(
      newsMonths.map((m) => publishedIndex.monthOfSite(m, { sinceIso: since, limit: INDEX_LIMITS.newsSitemap })),
    )
  )
    .flat()
    .sort(newestFirst)
    .slice(0, INDEX_LIMITS.newsSitemap);
  add(paths.newsSitemap, xmlObject(paths.newsSitemap, renderer.renderNewsSitemap({ site, items: news })));

  const changedMonths = new Set(changes.map((c) => c.month));
  const shardMonths = [...new Set(archives.flatMap((t) => parseDeskMonthToken(t)?.month ?? []))].sort();
  const shards = shardMonths.map((month) => ({
    month,
    // Months not rebuilt now keep the end of the month as their last change; rebuilt ones get now.
    lastModified: changedMonths.has(month) ? now.toISOString() : endOfMonth(month),
  }));
  add(paths.sitemapIndex, xmlObject(paths.sitemapIndex, renderer.renderSitemapIndex({ site, shards })));

  for (const { object } of objects) await deps.site.put(object);
  await invalidateSitePaths(
    deps,
    objects.map((o) => o.path),
  );
  return objects.map((o) => o.object.key);
};

const endOfMonth = (month: string): string => {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y!, m!, 1) - 1000).toISOString();
};
