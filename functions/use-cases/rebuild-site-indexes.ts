import type { Article } from '../domain/article.js';
import type { DeskInfo } from '../domain/render/types.js';
import { isDomainError } from '../domain/errors.js';
import { datePartsOfPath } from '../domain/site-path.js';
import type { PublishedStory } from '../ports/published-index.js';
import type { DeskMonth, ListedStory, PendingMark, SiteIndexState } from '../ports/site-index-lock.js';
import type { SiteObject } from '../ports/site-store.js';
import type { AppDeps } from './deps.js';
import { rebuildBylinesAndFeeds } from './rebuild-bylines-and-feeds.js';
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
/**
 * A round (a few bounded queries and nine small writes) takes about a second; the lease is renewed every round and
 * before the writes, so it only needs to outlive one round, and after a crash the next tick takes over within it.
 */
export const SITE_LEASE_MS = 20_000;
const MAX_ROUNDS = 10;
/** Marks read per round: bounded work, removed in one transaction. */
const MARKS_PER_ROUND = 90;
/** Rounds in one run that retry a mark whose story the lists do not show yet (they trail commits by a moment). */
const LAG_ATTEMPTS = 3;
/** A mark the lists still contradict after this long is dropped with an error logged; the tick's reconcile backs it. */
const MARK_PATIENCE_MS = 15 * 60_000;

const newestFirst = (a: PublishedStory, b: PublishedStory): number => b.publishedAt.localeCompare(a.publishedAt);
const monthOf = (iso: string): string => iso.slice(0, 7);
const deskMonthId = (d: DeskMonth): string => `${d.desk}|${d.month}`;

export interface RebuildOutcome {
  rebuilt: boolean;
  /** Object keys written, in order (the benchmark counts these). */
  written: string[];
  /** Marks left pending because the lists did not show their story yet (the tick retries them). */
  deferred: string[];
}

/**
 * Rebuilds the site's index documents (front page, desk pages, month archives, feeds, sitemaps) for the desk-months
 * that changed. Every commit records its own mark; one runner at a time holds the site lease, reads the marks, the
 * lists, and the marked articles (a consistent read), writes the documents, and removes only the marks whose story
 * the lists showed as it now is. A mark recorded meanwhile has its own key and stays for the next round, so no commit
 * is ever lost; a runner that finds the lease taken leaves its mark to the holder, who looks once more after letting go.
 */
export const rebuildSiteIndexes = (deps: AppDeps) => async (): Promise<RebuildOutcome> => {
  const lock = deps.siteIndexLock;
  const owner = deps.ids.next();
  const nowMs = () => deps.clock.now().getTime();
  let state = await lock.acquire(owner, nowMs(), SITE_LEASE_MS);
  if (!state) return { rebuilt: false, written: [], deferred: [] };
  let held = true;
  const written: string[] = [];
  const attempts = new Map<string, number>();
  const open = (m: PendingMark): boolean => (attempts.get(m.id) ?? 0) < LAG_ATTEMPTS;
  try {
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      const marks = (await lock.pendingMarks(MARKS_PER_ROUND)).filter(open);
      if (marks.length === 0) {
        held = false;
        await lock.release(owner);
        // A commit that found the lease taken left its mark to us: look once more now that the lease is free.
        if (!(await lock.pendingMarks(MARKS_PER_ROUND)).some(open)) break;
        state = await lock.acquire(owner, nowMs(), SITE_LEASE_MS);
        if (!state) break; // the new holder reads after taking the lease, so it sees those marks
        held = true;
        continue;
      }
      const result = await rebuildRound(deps, owner, marks, state);
      if (!result) {
        held = false;
        break;
      }
      written.push(...result.written);
      await lock.markDone(owner, result.done, nowMs(), SITE_LEASE_MS);
      state = {
        archives: [...new Map([...state.archives, ...result.done.archives].map((a) => [deskMonthId(a), a])).values()],
        listed: { ...state.listed, ...result.done.listed },
      };
      const done = new Set(result.done.done);
      for (const m of marks) if (!done.has(m.id)) attempts.set(m.id, (attempts.get(m.id) ?? 0) + 1);
    }
  } catch (error) {
    if (!(isDomainError(error) && error.code === 'conflict')) throw error;
    // The lease was taken over (this run outlived it): the new holder finishes the work.
    held = false;
    deps.log.info('site index rebuild lost its lease; another runner continues', { owner });
  } finally {
    if (held) await lock.release(owner);
  }
  if (attempts.size === 0) return { rebuilt: true, written, deferred: [] };
  const left = new Set((await lock.pendingMarks(MARKS_PER_ROUND)).map((m) => m.id));
  return { rebuilt: true, written, deferred: [...attempts.keys()].filter((id) => left.has(id)) };
};

/** What one round read: each list with the limit it was read with. */
export interface Listing {
  items: PublishedStory[];
  limit: number;
  /** How the list is ordered: by the URL's day, then first publication (desk lists), or by first publication. */
  order: 'desk' | 'site';
}

export interface RoundReads {
  latestByDesk: Map<string, Listing>;
  monthOfDesk: Map<string, Listing>;
  monthOfSite: Map<string, Listing>;
  news: Listing & { sinceIso: string };
}

const rebuildRound = async (
  deps: AppDeps,
  owner: string,
  marks: PendingMark[],
  state: SiteIndexState,
): Promise<
  | { written: string[]; done: { done: string[]; archives: DeskMonth[]; listed: Record<string, ListedStory[]> } }
  | undefined
> => {
  const known = marks.filter((m) => deps.desks.has(m.desk));
  for (const m of marks) {
    if (!deps.desks.has(m.desk)) deps.log.error('site index mark for an unknown desk dropped', { ...m });
  }
  const changes = [...new Map(known.map((m) => [deskMonthId(m), { desk: m.desk, month: m.month }])).entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, c]) => c);
  if (changes.length === 0) return { written: [], done: { done: marks.map((m) => m.id), archives: [], listed: {} } };

  const reads = await readListings(deps, changes);
  // Read after the lists: a story committed after its list was read shows here as newer than the list, and waits.
  const articles = new Map(
    await Promise.all(
      [...new Set(known.map((m) => m.articleId))]
        .filter((id) => id !== '') // marks migrated from before marks name no article
        .map(async (id) => [id, await deps.articles.get(id)] as const),
    ),
  );
  const archives = [...new Map([...state.archives, ...changes].map((a) => [deskMonthId(a), a])).values()];
  const objects = await renderIndexes(deps, changes, archives, reads);

  // Writing stale lists over a newer holder's would undo its work: write only while the lease is still ours.
  if (!(await deps.siteIndexLock.renew(owner, deps.clock.now().getTime(), SITE_LEASE_MS))) return undefined;
  for (const { object } of objects) await deps.site.put(object);
  await invalidateSitePaths(
    deps,
    objects.map((o) => o.path),
  );
  const bylines = await rebuildBylinesAndFeeds(deps, {
    articles: [...articles.values()],
    desks: changes.map((c) => c.desk),
    latestByDesk: reads.latestByDesk,
  });

  const nowMs = deps.clock.now().getTime();
  const done = marks.filter((m) => {
    if (!deps.desks.has(m.desk)) return true;
    if (isShownAsItIs(articles.get(m.articleId), reads)) return true;
    if (nowMs - Date.parse(m.createdAt) <= MARK_PATIENCE_MS) return false;
    deps.log.error('site index mark dropped: the published lists still do not show its story', { ...m });
    return true;
  });
  const listed = Object.fromEntries(
    [...new Set(changes.map((c) => c.desk))].map((desk) => [
      desk,
      (reads.latestByDesk.get(desk)?.items ?? []).map((i): ListedStory => ({
        articleId: i.id,
        month: datePartsOfPath(i.path).month,
        stamp: i.modifiedAt ?? i.publishedAt,
      })),
    ]),
  );
  return {
    written: [...objects.map((o) => o.object.key), ...bylines],
    done: { done: done.map((m) => m.id), archives: changes, listed },
  };
};

const readListings = async (deps: AppDeps, changes: DeskMonth[]): Promise<RoundReads> => {
  const { publishedIndex } = deps;
  const latestByDesk = new Map<string, Listing>();
  for (const desk of deps.desks.keys()) {
    const items = await publishedIndex.latestOfDesk(desk, INDEX_LIMITS.deskPage);
    latestByDesk.set(desk, { items, limit: INDEX_LIMITS.deskPage, order: 'desk' });
  }
  const monthOfDesk = new Map<string, Listing>();
  for (const c of changes) {
    const items = await publishedIndex.monthOfDesk(c.desk, c.month, INDEX_LIMITS.monthArchive);
    monthOfDesk.set(deskMonthId(c), { items, limit: INDEX_LIMITS.monthArchive, order: 'desk' });
  }
  const monthOfSite = new Map<string, Listing>();
  for (const month of new Set(changes.map((c) => c.month))) {
    const items = await publishedIndex.monthOfSite(month, { limit: INDEX_LIMITS.sitemapShard });
    monthOfSite.set(month, { items, limit: INDEX_LIMITS.sitemapShard, order: 'site' });
  }
  const now = deps.clock.now();
  const sinceIso = new Date(now.getTime() - NEWS_WINDOW_MS).toISOString();
  const newsMonths = [...new Set([monthOf(sinceIso), monthOf(now.toISOString())])];
  const news = (
    await Promise.all(
      newsMonths.map((m) => publishedIndex.monthOfSite(m, { sinceIso, limit: INDEX_LIMITS.newsSitemap })),
    )
  )
    .flat()
    .sort(newestFirst)
    .slice(0, INDEX_LIMITS.newsSitemap);
  return {
    latestByDesk,
    monthOfDesk,
    monthOfSite,
    news: { items: news, limit: INDEX_LIMITS.newsSitemap, order: 'site', sinceIso },
  };
};

/** Where a story sorts in a list: later is nearer the top. */
const rankIn = (order: Listing['order'], item: { path: string; publishedAt: string }): string =>
  order === 'desk' ? `${datePartsOfPath(item.path).day}#${item.publishedAt}` : item.publishedAt;

/**
 * Whether the lists this round read show the article as it now is: listed, with its current title, standfirst and
 * date of change, wherever it belongs (a full list only owes a place to a story that sorts above its last item), and
 * absent everywhere once it is no longer published.
 */
export const isShownAsItIs = (article: Article | undefined, reads: RoundReads): boolean => {
  if (!article?.path) return true;
  const { desk, month } = datePartsOfPath(article.path);
  const live = article.status === 'published' && article.firstPublishedAt !== undefined;
  const expected = { path: article.path, publishedAt: article.firstPublishedAt ?? '' };
  const lists = [
    reads.latestByDesk.get(desk),
    reads.monthOfDesk.get(deskMonthId({ desk, month })),
    reads.monthOfSite.get(month),
    ...(live && expected.publishedAt < reads.news.sinceIso ? [] : [reads.news]),
  ];
  return lists.every((list) => {
    if (!list) return true;
    const found = list.items.find((i) => i.id === article.id);
    if (!live) return found === undefined;
    const last = list.items.at(-1);
    const owed = list.items.length < list.limit || !last || rankIn(list.order, expected) > rankIn(list.order, last);
    if (!found) return !owed;
    return (
      found.title === article.title &&
      found.deck === article.deck &&
      found.modifiedAt === article.modifiedAt &&
      found.path === article.path
    );
  });
};

const renderIndexes = async (
  deps: AppDeps,
  changes: DeskMonth[],
  archives: DeskMonth[],
  reads: RoundReads,
): Promise<Array<{ path: string; object: SiteObject }>> => {
  const renderer = await deps.loadRenderer();
  const site = deps.siteConfig;
  const paths = renderer.SITE_PATHS;
  const now = deps.clock.now();
  const objects: Array<{ path: string; object: SiteObject }> = [];
  const add = (path: string, object: SiteObject) => objects.push({ path, object });

  const latest = [...reads.latestByDesk.values()].flatMap((l) => l.items).sort(newestFirst);
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
    const desk = configuredDesk(deps, deskId);
    const items = reads.latestByDesk.get(deskId)?.items ?? [];
    const months = archives
      .filter((a) => a.desk === deskId)
      .map((a) => a.month)
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

  for (const change of changes) {
    const desk = configuredDesk(deps, change.desk);
    const items = reads.monthOfDesk.get(deskMonthId(change))?.items ?? [];
    const path = paths.monthArchive(change.desk, change.month);
    add(path, htmlObject(path, renderer.renderMonthArchivePage({ site, desk, month: change.month, items })));
  }

  for (const [month, list] of reads.monthOfSite) {
    const path = paths.sitemapShard(month);
    add(path, xmlObject(path, renderer.renderSitemapShard({ site, items: list.items })));
  }

  add(paths.newsSitemap, xmlObject(paths.newsSitemap, renderer.renderNewsSitemap({ site, items: reads.news.items })));

  const changedMonths = new Set(changes.map((c) => c.month));
  const shards = [...new Set(archives.map((a) => a.month))].sort().map((month) => ({
    month,
    // Months not rebuilt now keep the end of the month as their last change; rebuilt ones get now.
    lastModified: changedMonths.has(month) ? now.toISOString() : endOfMonth(month),
  }));
  add(
    paths.sitemapIndex,
    xmlObject(paths.sitemapIndex, renderer.withTopicsShard(renderer.renderSitemapIndex({ site, shards }), site)),
  );
  return objects;
};

const endOfMonth = (month: string): string => {
  const [y, m] = month.split('-').map(Number);
  if (y === undefined || m === undefined) throw new Error(`not a month: ${month}`);
  return new Date(Date.UTC(y, m, 1) - 1000).toISOString();
};

/** A story's desk is in the configuration; one removed while it still has stories is our fault, said plainly. */
const configuredDesk = (deps: AppDeps, id: string): DeskInfo => {
  const desk = deps.desks.get(id);
  if (!desk) throw new Error(`desk ${id} has stories but is not configured`);
  return desk;
};
