import { datePartsOfPath } from '../domain/site-path.js';
import type { PendingMark } from '../ports/site-index-lock.js';
import type { AppDeps } from './deps.js';
import { INDEX_LIMITS, rebuildSiteIndexes } from './rebuild-site-indexes.js';

export interface ReconcileOutcome {
  /** Marks recorded because a desk's newest stories differ from what its page last listed. */
  enqueued: number;
  rebuilt: boolean;
}

/**
 * The tick's safety net: a story must never stay unlisted because a mark was lost (a bug, a mark given up on, a table
 * from before marks existed). For each desk, compares its newest stories (one bounded query, as many as the desk
 * page lists) with what the last rebuild listed on that page, records a mark for every story that is new, changed or
 * gone, and rebuilds. Bounded: one query per desk and at most twice the desk page's length of marks per desk. Runs
 * only when no marks are pending, since the lists are meant to differ until a rebuild in hand is done; a redundant
 * mark costs one rebuild and nothing else.
 */
export const reconcileSiteIndexes = (deps: AppDeps) => async (): Promise<ReconcileOutcome> => {
  const lock = deps.siteIndexLock;
  if ((await lock.pendingMarks(1)).length > 0) return { enqueued: 0, rebuilt: false };
  const { listed } = await lock.read();
  const marks: Array<Omit<PendingMark, 'createdAt'>> = [];
  for (const desk of deps.desks.keys()) {
    const latest = await deps.publishedIndex.latestOfDesk(desk, INDEX_LIMITS.deskPage);
    const recorded = new Map((listed[desk] ?? []).map((s) => [s.articleId, s]));
    const current = new Set(latest.map((s) => s.id));
    for (const story of latest) {
      if (recorded.get(story.id)?.stamp !== (story.modifiedAt ?? story.publishedAt)) {
        marks.push({ id: deps.ids.next(), articleId: story.id, desk, month: datePartsOfPath(story.path).month });
      }
    }
    for (const gone of recorded.values()) {
      if (!current.has(gone.articleId)) {
        marks.push({ id: deps.ids.next(), articleId: gone.articleId, desk, month: gone.month });
      }
    }
  }
  if (marks.length === 0) return { enqueued: 0, rebuilt: false };
  deps.log.info('site index reconcile: lists differ from the published stories; rebuilding', {
    marks: marks.map((m) => `${m.desk}/${m.month}/${m.articleId}`),
  });
  await lock.addMarks(marks, deps.clock.now().getTime());
  return { enqueued: marks.length, rebuilt: (await rebuildSiteIndexes(deps)()).rebuilt };
};
