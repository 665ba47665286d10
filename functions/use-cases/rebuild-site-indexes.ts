import type { Article } from '../domain/article.js';
import { chunkOfSlot, chunksOfDay, DAY_CHUNK, slotsOfChunk, type ArchiveDay } from '../domain/day-archive.js';
import type { DeskInfo } from '../domain/render/types.js';
import { isDomainError } from '../domain/errors.js';
import { datePartsOfPath } from '../domain/site-path.js';
import type { PublishedStory } from '../ports/published-index.js';
import type { PageRenderer } from '../ports/renderer.js';
import type { DeskMonth, ListedStory, PendingMark, SiteIndexState } from '../ports/site-index-lock.js';
import type { SiteObject } from '../ports/site-store.js';
import type { AppDeps } from './deps.js';
import { mapBounded } from './map-bounded.js';
import { rebuildBylinesAndFeeds } from './rebuild-bylines-and-feeds.js';
import { feedContentType, htmlObject, invalidateSitePaths, xmlObject } from './site-pages.js';

/** Bounds of every index query: what one publish reads and writes never grows with the archive. */
export const INDEX_LIMITS = {
  frontPage: 30,
  deskPage: 30,
  feed: 30,
  /** Stories on one day-archive page and in one sitemap shard: a chunk of a desk's day (domain/day-archive.ts). */
  dayChunk: DAY_CHUNK,
  /** Google's limit for one news sitemap. */
  newsSitemap: 1_000,
} as const;
const NEWS_WINDOW_MS = 48 * 3_600_000;
const ROBOTS_CONTENT_TYPE = 'text/plain; charset=utf-8';
/**
 * A round (a few bounded queries and a dozen small writes) takes about a second; the lease is renewed every round and
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
 * Rebuilds the site's index documents (front page, desk pages, day and month archives, feeds, sitemaps) for the
 * stories that changed. What one story costs is fixed whatever the archive's size and the day's volume: the desk
 * lists and the news sitemap are bounded queries; the story gets a slot in its day's archive (the day's next one,
 * the first time) and only its chunk, the day's newest chunk, the day's month page and sitemap index are rewritten,
 * each from at most one chunk or one month of day counters. Every commit records its own mark; one runner at a time holds the site lease, reads the marks, the
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

  const reads = await readListings(deps);
  // Read after the lists: a story committed after its list was read shows here as newer than the list, and waits.
  // One consistent batch read (a round takes at most MARKS_PER_ROUND marks, within getMany's hundred).
  const articles: Map<string, Article | undefined> = await deps.articles.getMany(
    [...new Set(known.map((m) => m.articleId))].filter((id) => id !== ''), // marks from before marks named an article
  );
  const archives = [...new Map([...state.archives, ...changes].map((a) => [deskMonthId(a), a])).values()];
  // The day archive is written before the pages that list it: only while the lease is still ours.
  if (!(await deps.siteIndexLock.renew(owner, deps.clock.now().getTime(), SITE_LEASE_MS))) return undefined;
  const days = await placeInDays(deps, [...articles.values()]);
  const objects = await renderIndexes(deps, changes, archives, reads, days);

  // Writing stale lists over a newer holder's would undo its work: write only while the lease is still ours.
  if (!(await deps.siteIndexLock.renew(owner, deps.clock.now().getTime(), SITE_LEASE_MS))) return undefined;
  await mapBounded(objects, INDEX_WRITES_IN_FLIGHT, ({ object }) => deps.site.put(object));
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

export const readListings = async (deps: AppDeps): Promise<RoundReads> => {
  const { publishedIndex } = deps;
  const latestByDesk = new Map<string, Listing>();
  for (const desk of deps.desks.keys()) {
    const items = await publishedIndex.latestOfDesk(desk, INDEX_LIMITS.deskPage);
    latestByDesk.set(desk, { items, limit: INDEX_LIMITS.deskPage, order: 'desk' });
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
    news: { items: news, limit: INDEX_LIMITS.newsSitemap, order: 'site', sinceIso },
  };
};

/** Where a story sorts in a list: later is nearer the top. */
const rankIn = (order: Listing['order'], item: { path: string; publishedAt: string }): string =>
  order === 'desk' ? `${datePartsOfPath(item.path).day}#${item.publishedAt}` : item.publishedAt;

/**
 * Whether the lists this round read show the article as it now is: listed, with its current title, standfirst and
 * date of change, wherever it belongs (the desk list and the news sitemap: the secondary indexes that may trail a
 * commit; the day archive is written by the round itself from the article it read) (a full list only owes a place to a story that sorts above its last item), and
 * absent everywhere once it is no longer published.
 */
export const isShownAsItIs = (article: Article | undefined, reads: RoundReads): boolean => {
  if (!article?.path) return true;
  const { desk } = datePartsOfPath(article.path);
  const live = article.status === 'published' && article.firstPublishedAt !== undefined;
  const expected = { path: article.path, publishedAt: article.firstPublishedAt ?? '' };
  const lists = [
    reads.latestByDesk.get(desk),
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

/** The day-archive chunks a round changed, per desk-day. */
export type DayChanges = Map<string, { desk: string; day: string; chunks: Set<number> }>;

const storyOf = (a: Article): PublishedStory | undefined =>
  a.status === 'published' && a.path && a.firstPublishedAt
    ? {
        id: a.id,
        title: a.title,
        ...(a.deck ? { deck: a.deck } : {}),
        path: a.path,
        desk: a.desk,
        lang: a.lang,
        publishedAt: a.firstPublishedAt,
        ...(a.modifiedAt ? { modifiedAt: a.modifiedAt } : {}),
      }
    : undefined;

/**
 * Records each marked story in its day's archive as it now is (a slot the first time it is live; shown, corrected or
 * hidden after) and says which chunks changed. Three requests per story, whatever the day holds.
 */
const placeInDays = async (deps: AppDeps, articles: ReadonlyArray<Article | undefined>): Promise<DayChanges> => {
  const changes: DayChanges = new Map();
  const nowIso = deps.clock.now().toISOString();
  // One day's stories in the order given (each takes the day's next slot, and the day counter refuses a concurrent
  // change); different days have nothing in common, so they are placed concurrently.
  const byDay = new Map<string, Article[]>();
  for (const a of articles) {
    if (!a?.path || !deps.desks.has(a.desk)) continue;
    const { desk, day } = datePartsOfPath(a.path);
    const key = `${desk}|${day}`;
    const onDay = byDay.get(key);
    if (onDay) onDay.push(a);
    else byDay.set(key, [a]);
  }
  await mapBounded([...byDay], READS_IN_FLIGHT, async ([key, onDay]) => {
    for (const a of onDay) {
      const { desk, day } = datePartsOfPath(a.path ?? '');
      const story = storyOf(a);
      const slot = await deps.publishedIndex.placeInDay(
        { id: a.id, desk, day, version: a.version, ...(story ? { story } : {}) },
        nowIso,
      );
      if (!slot) continue;
      const entry = changes.get(key) ?? { desk, day, chunks: new Set<number>() };
      entry.chunks.add(chunkOfSlot(slot.slot, INDEX_LIMITS.dayChunk));
      changes.set(key, entry);
    }
  });
  return changes;
};

/** Reads one round may have in flight at once (day chunks, day counters): bounded, and far fewer waits. */
export const READS_IN_FLIGHT = 16;
/**
 * Index documents one round writes at once. The order they were written in never protected a reader (the front page
 * already went before the day page it links to); each is a whole-object PUT, and a dozen of them in a row were most of
 * a publication's wait.
 */
export const INDEX_WRITES_IN_FLIGHT = 16;

/** Day counters per desk-month, read once per round (at most 31 items each). */
export const monthDays = (deps: AppDeps) => {
  const cache = new Map<string, Promise<ArchiveDay[]>>();
  return (desk: string, month: string): Promise<ArchiveDay[]> => {
    const key = `${desk}|${month}`;
    let days = cache.get(key);
    if (!days) {
      days = deps.publishedIndex.daysOfMonth(desk, month);
      cache.set(key, days);
    }
    return days;
  };
};

/**
 * The documents of the changed desk-days: the day's own page (its newest chunk), the page and sitemap shard of every
 * changed chunk and of the newest; the month page of each changed desk-month, the sitemap index of each changed month.
 */
const renderArchives = async (
  deps: AppDeps,
  renderer: PageRenderer,
  days: DayChanges,
  deskMonths: readonly DeskMonth[],
  daysOf: (desk: string, month: string) => Promise<ArchiveDay[]>,
): Promise<Array<{ path: string; object: SiteObject }>> => {
  const site = deps.siteConfig;
  const paths = renderer.SITE_PATHS;
  const objects: Array<{ path: string; object: SiteObject }> = [];
  const add = (path: string, object: SiteObject) => objects.push({ path, object });

  // The chunks' stories are read concurrently (bounded), then rendered in order: same reads, fewer round trips waited.
  const pagesToRender: Array<{ deskId: string; day: string; chunk: number; newest: number; previousDay?: string }> = [];
  for (const { desk: deskId, day, chunks } of [...days.values()].sort((a, b) =>
    `${a.desk}|${a.day}`.localeCompare(`${b.desk}|${b.day}`),
  )) {
    const monthOfDay = await daysOf(deskId, day.slice(0, 7));
    const newest = chunksOfDay(monthOfDay.find((d) => d.day === day)?.lastSlot ?? 0, INDEX_LIMITS.dayChunk);
    const previousDay = monthOfDay.filter((d) => d.day < day && d.live > 0).at(-1)?.day;
    const touched = [...new Set([newest, ...chunks])].filter((k) => k > 0).sort((a, b) => b - a);
    for (const chunk of touched)
      pagesToRender.push({ deskId, day, chunk, newest, ...(previousDay ? { previousDay } : {}) });
  }
  const chunkItems = await mapBounded(pagesToRender, READS_IN_FLIGHT, ({ deskId, day, chunk }) =>
    deps.publishedIndex.slotsOfDay(deskId, day, slotsOfChunk(chunk, INDEX_LIMITS.dayChunk)),
  );
  pagesToRender.forEach(({ deskId, day, chunk, newest, previousDay }, i) => {
    const desk = configuredDesk(deps, deskId);
    const items = chunkItems[i] ?? [];
    const page = (atDay: boolean) =>
      renderer.renderDayArchivePage({
        site,
        desk,
        day,
        chunk,
        chunks: newest,
        atDay,
        items,
        ...(previousDay ? { previousDay } : {}),
      });
    if (chunk === newest) add(paths.dayArchive(deskId, day), htmlObject(paths.dayArchive(deskId, day), page(true)));
    const chunkPath = paths.dayArchiveChunk(deskId, day, chunk);
    add(chunkPath, htmlObject(chunkPath, page(false)));
    const shard = paths.sitemapShard(deskId, day, chunk);
    add(shard, xmlObject(shard, renderer.renderSitemapShard({ site, items })));
  });

  for (const { desk: deskId, month } of deskMonths) {
    const desk = configuredDesk(deps, deskId);
    const path = paths.monthArchive(deskId, month);
    const counts = (await daysOf(deskId, month)).map((d) => ({ day: d.day, count: d.live }));
    add(path, htmlObject(path, renderer.renderMonthArchivePage({ site, desk, month, days: counts })));
  }

  for (const month of [...new Set(deskMonths.map((c) => c.month))].sort()) {
    const sitemaps: Array<{ path: string; lastModified: string }> = [];
    for (const deskId of deps.desks.keys()) {
      for (const d of await daysOf(deskId, month)) {
        const chunks = chunksOfDay(d.lastSlot, INDEX_LIMITS.dayChunk);
        for (let k = 1; k <= chunks; k += 1) {
          sitemaps.push({ path: paths.sitemapShard(deskId, d.day, k), lastModified: d.updatedAt });
        }
      }
    }
    const path = paths.sitemapMonth(month);
    add(path, xmlObject(path, renderer.renderSitemapIndex({ site, sitemaps })));
  }
  return objects;
};

export const renderIndexes = async (
  deps: AppDeps,
  changes: DeskMonth[],
  archives: DeskMonth[],
  reads: RoundReads,
  days: DayChanges,
  daysOf: (desk: string, month: string) => Promise<ArchiveDay[]> = monthDays(deps),
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
    const latestDay = items[0] ? datePartsOfPath(items[0].path).day : undefined;
    add(
      paths.deskPage(deskId),
      htmlObject(
        paths.deskPage(deskId),
        renderer.renderDeskPage({ site, desk, items, months, ...(latestDay ? { latestDay } : {}) }),
      ),
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

  objects.push(...(await renderArchives(deps, renderer, days, changes, daysOf)));

  add(paths.newsSitemap, xmlObject(paths.newsSitemap, renderer.renderNewsSitemap({ site, items: reads.news.items })));

  // /sitemap.xml lists the month indexes: one entry a month, however many stories.
  const changedMonths = new Set(changes.map((c) => c.month));
  const sitemaps = [...new Set(archives.map((a) => a.month))]
    .sort()
    .reverse()
    .map((month) => ({
      path: paths.sitemapMonth(month),
      // Months not rebuilt now keep the end of the month as their last change; rebuilt ones get now.
      lastModified: changedMonths.has(month) ? now.toISOString() : endOfMonth(month),
    }));
  // Author and tag pages have their own shard, kept by the bylines rebuild.
  sitemaps.push({ path: renderer.TOPIC_PATHS.sitemap, lastModified: now.toISOString() });
  add(paths.sitemapIndex, xmlObject(paths.sitemapIndex, renderer.renderSitemapIndex({ site, sitemaps })));
  // Google reads an index of indexes no further: robots.txt names each month's index (one line a month).
  const months = [...new Set(archives.map((a) => a.month))];
  add('/robots.txt', xmlObject('/robots.txt', renderer.renderRobotsTxt({ site, months }), ROBOTS_CONTENT_TYPE));
  return objects;
};

/**
 * Writes every document of the given desk-days again from their day archive: the day's page, every chunk page and
 * sitemap shard, the month pages and month sitemap indexes (for `npm run rerender` after a template change, and after
 * an upgrade's backfill). Places nothing: a story gets its slot from its mark (record marks with
 * `siteIndexLock.addMarks`, oldest first, and run `rebuildSiteIndexes` until none is pending). Holds the site lease
 * while it writes; answers undefined, writing nothing, while another runner holds it (call again).
 */
export const rewriteArchiveDays =
  (deps: AppDeps) =>
  async (days: ReadonlyArray<{ desk: string; day: string }>): Promise<string[] | undefined> => {
    const lock = deps.siteIndexLock;
    const owner = deps.ids.next();
    if (!(await lock.acquire(owner, deps.clock.now().getTime(), SITE_LEASE_MS))) return undefined;
    try {
      const renderer = await deps.loadRenderer();
      const daysOf = monthDays(deps);
      const changes: DayChanges = new Map();
      for (const { desk, day } of days) {
        if (!deps.desks.has(desk)) continue;
        const counter = (await daysOf(desk, day.slice(0, 7))).find((d) => d.day === day);
        const chunks = chunksOfDay(counter?.lastSlot ?? 0, INDEX_LIMITS.dayChunk);
        changes.set(`${desk}|${day}`, { desk, day, chunks: new Set(Array.from({ length: chunks }, (_, i) => i + 1)) });
      }
      const deskMonths = [
        ...new Map(
          [...changes.values()].map((c) => [
            `${c.desk}|${c.day.slice(0, 7)}`,
            { desk: c.desk, month: c.day.slice(0, 7) },
          ]),
        ).values(),
      ];
      const objects = await renderArchives(deps, renderer, changes, deskMonths, daysOf);
      if (!(await lock.renew(owner, deps.clock.now().getTime(), SITE_LEASE_MS))) return undefined;
      await mapBounded(objects, INDEX_WRITES_IN_FLIGHT, ({ object }) => deps.site.put(object));
      await invalidateSitePaths(
        deps,
        objects.map((o) => o.path),
      );
      return objects.map((o) => o.object.key);
    } finally {
      await lock.release(owner);
      // A commit that found the lease taken left its mark to the holder: this runner is that holder.
      if ((await lock.pendingMarks(1)).length > 0) await rebuildSiteIndexes(deps)();
    }
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
