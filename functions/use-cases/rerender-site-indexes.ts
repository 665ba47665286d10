import { chunksOfDay } from '../domain/day-archive.js';
import { isDomainError } from '../domain/errors.js';
import { datePartsOfPath } from '../domain/site-path.js';
import type { DeskMonth } from '../ports/site-index-lock.js';
import type { SiteObject } from '../ports/site-store.js';
import type { AppDeps } from './deps.js';
import { BUSY_WAIT_MS, MAX_BUSY_WAITS, drainSiteIndexes } from './drain-site-indexes.js';
import { mapBounded } from './map-bounded.js';
import { BYLINE_INDEX_LIMITS, renderPartnerFeeds, topicDocuments } from './rebuild-bylines-and-feeds.js';
import {
  INDEX_LIMITS,
  READS_IN_FLIGHT,
  SITE_LEASE_MS,
  monthDays,
  readListings,
  renderIndexes,
  type DayChanges,
} from './rebuild-site-indexes.js';
import { markEveryIndex } from './rerender-site.js';
import { xmlObject } from './site-pages.js';

export interface IndexRerenderOutcome {
  /** Index documents written once each. */
  written: number;
  /** Stories that had no place in their day's archive yet, placed through marks (the upgrade's backfill). */
  backfilled: number;
  /** Whether some work is left to the newsroom's tick (the site lease stayed taken, or was lost midway). */
  pending: boolean;
  /** Where the time went, in ms: placing unplaced stories, reading and rendering, writing. */
  phases: { backfill: number; render: number; write: number };
}

const deskMonthId = (d: DeskMonth): string => `${d.desk}|${d.month}`;

/**
 * Every index document of the site rendered again once and replaced in place, for `npm run rerender` after a template
 * change: every day page, chunk page and sitemap shard, month page and month sitemap index, the desk and front pages
 * and feeds, the sitemap index, robots.txt, the news sitemap, every author and tag page and feed, the topics sitemap
 * and the partner feeds, through the same renderer functions the per-publication rebuild uses. The stories' places
 * in their day archives are what they are: only a day whose counter does not account for every published story on it
 * has its stories marked and placed by the usual rebuild first. Reads and writes run with bounded concurrency under
 * the site lease (renewed as the writes go), so a publication meanwhile waits for it and is rebuilt after.
 */
export const rerenderEveryIndex =
  (deps: AppDeps, options: { writesInFlight: number }) =>
  async (
    published: ReadonlyArray<{ id: string; desk: string; path: string; publishedAt: string }>,
  ): Promise<IndexRerenderOutcome> => {
    const nowMs = (): number => deps.clock.now().getTime();
    const phases = { backfill: 0, render: 0, write: 0 };
    let phaseStart = nowMs();
    const endPhase = (phase: keyof typeof phases): void => {
      const t = nowMs();
      phases[phase] += t - phaseStart;
      phaseStart = t;
    };
    const stories = published.filter((p) => deps.desks.has(p.desk));
    const byDay = new Map<string, typeof stories>();
    for (const s of stories) {
      const { desk, day } = datePartsOfPath(s.path);
      const key = `${desk}|${day}`;
      const onDay = byDay.get(key);
      if (onDay) onDay.push(s);
      else byDay.set(key, [s]);
    }
    const deskMonthsOf = (ids: Iterable<string>): DeskMonth[] =>
      [...new Set([...ids].map((k) => k.slice(0, k.lastIndexOf('-'))))].map((k) => {
        const [desk = '', month = ''] = k.split('|');
        return { desk, month };
      });
    const listedMonths = deskMonthsOf(byDay.keys());

    // A day whose counter counts fewer live stories than the list shows has stories without a place: backfill those.
    const counted = monthDays(deps);
    await mapBounded(listedMonths, READS_IN_FLIGHT, (m) => counted(m.desk, m.month));
    const unplaced: typeof stories = [];
    for (const [key, onDay] of byDay) {
      const [desk = '', day = ''] = key.split('|');
      const counter = (await counted(desk, day.slice(0, 7))).find((d) => d.day === day);
      if ((counter?.live ?? 0) !== onDay.length) unplaced.push(...onDay);
    }
    if (unplaced.length > 0) {
      await markEveryIndex(deps)(unplaced);
      await drainSiteIndexes(deps)();
    }
    endPhase('backfill');

    const lock = deps.siteIndexLock;
    const owner = deps.ids.next();
    let state = await lock.acquire(owner, nowMs(), SITE_LEASE_MS);
    for (let waits = 0; !state && waits < MAX_BUSY_WAITS; waits += 1) {
      await new Promise((resolve) => setTimeout(resolve, BUSY_WAIT_MS));
      state = await lock.acquire(owner, nowMs(), SITE_LEASE_MS);
    }
    if (!state) return { written: 0, backfilled: unplaced.length, pending: true, phases };
    let written = 0;
    let lost = false;
    try {
      const renderer = await deps.loadRenderer();
      const reads = await readListings(deps);
      const deskMonths = [
        ...new Map([...state.archives, ...listedMonths].map((m) => [deskMonthId(m), m])).values(),
      ].filter((m) => deps.desks.has(m.desk));
      const daysOf = monthDays(deps);
      const counters = await mapBounded(deskMonths, READS_IN_FLIGHT, (m) => daysOf(m.desk, m.month));
      const days: DayChanges = new Map();
      deskMonths.forEach(({ desk }, i) => {
        for (const d of counters[i] ?? []) {
          const chunks = chunksOfDay(d.lastSlot, INDEX_LIMITS.dayChunk);
          if (chunks === 0) continue;
          days.set(`${desk}|${d.day}`, {
            desk,
            day: d.day,
            chunks: new Set(Array.from({ length: chunks }, (_, k) => k + 1)),
          });
        }
      });
      const objects: Array<{ path: string; object: SiteObject }> = await renderIndexes(
        deps,
        deskMonths,
        deskMonths,
        reads,
        days,
        daysOf,
      );

      // Every author and tag page and feed, the topics sitemap, the partner feeds.
      const topics = await deps.topics.listTopics(BYLINE_INDEX_LIMITS.topicsSitemap);
      const latest = await mapBounded(topics, READS_IN_FLIGHT, (t) =>
        deps.topics.latest(t.kind, t.slug, BYLINE_INDEX_LIMITS.topicPage),
      );
      topics.forEach((t, i) => {
        const l = latest[i];
        if (l && l.items.length > 0) objects.push(...topicDocuments(deps, renderer, t, l));
      });
      const topicsSitemap = renderer.TOPIC_PATHS.sitemap;
      objects.push({
        path: topicsSitemap,
        object: xmlObject(topicsSitemap, renderer.renderTopicsSitemap({ site: deps.siteConfig, topics })),
      });
      objects.push(
        ...(await renderPartnerFeeds(deps, renderer, {
          articles: [],
          desks: [...deps.desks.keys()],
          latestByDesk: reads.latestByDesk,
        })),
      );

      // Written only while the lease is ours (stale lists over a newer holder's would undo its work): renewed as the
      // writes go, well inside its term.
      let renewedAt = nowMs();
      let renewing: Promise<boolean> | undefined;
      const stillOurs = async (): Promise<boolean> => {
        if (nowMs() - renewedAt < SITE_LEASE_MS / 4) return !lost;
        renewing ??= lock.renew(owner, nowMs(), SITE_LEASE_MS).finally(() => {
          renewedAt = nowMs();
          renewing = undefined;
        });
        if (!(await renewing)) lost = true;
        return !lost;
      };
      endPhase('render');
      if (!(await lock.renew(owner, nowMs(), SITE_LEASE_MS))) lost = true;
      await mapBounded(objects, options.writesInFlight, async ({ object }) => {
        if (!(await stillOurs())) return;
        await deps.site.put(object);
        written += 1;
      });
      endPhase('write');
    } catch (error) {
      if (!(isDomainError(error) && error.code === 'conflict')) throw error;
      lost = true;
    } finally {
      if (!lost) await lock.release(owner);
    }
    // A publication meanwhile left its mark to the lease holder (this run): rebuilt now, with fresh lists.
    const drained = (await lock.pendingMarks(1)).length > 0 ? await drainSiteIndexes(deps)() : { pending: false };
    return { written, backfilled: unplaced.length, pending: lost || drained.pending, phases };
  };
