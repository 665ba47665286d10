import type { Article } from '../domain/article.js';
import type { AppDeps } from './deps.js';
import { performSiteWork, type SiteWorkOutcome } from './perform-site-work.js';
import { rebuildSiteIndexes } from './rebuild-site-indexes.js';
import { reconcileSiteIndexes } from './reconcile-site-indexes.js';

const BATCH = 25;
/** Work due longer than this, that a run found held by someone else, is flagged to the desk as stalled. */
export const STALL_AFTER_MS = 60_000;

export interface TickOutcome {
  articles: Array<{ id: string; outcome: SiteWorkOutcome | 'failed' }>;
  indexesRebuilt: boolean;
}

export interface TickInput {
  /** Articles known to have become due (a change stream names them), worked first: the due index may trail them. */
  ids?: readonly string[];
}

/** When the work became due: the schedule's time, or the commit that left site work pending. */
const dueSince = (a: Article): number =>
  Date.parse(a.status === 'scheduled' && a.publishAt ? a.publishAt : a.updatedAt);

/**
 * The publishing job (run by the tick every minute in AWS and every 15 s locally, and right after a commit made
 * work due): publishes what is due, retries site work that failed, and finishes index rebuilds a crash left
 * pending. A failure on one article never stops the others; it is recorded on the article for the desk to see.
 * Work overdue by more than STALL_AFTER_MS that another holder still has is flagged `stalled` for the desk.
 */
export const runPublishingTick =
  (deps: AppDeps) =>
  async (input: TickInput = {}): Promise<TickOutcome> => {
    const due = await deps.articles.listDue(deps.clock.now().toISOString(), BATCH);
    const ids = [...new Set([...(input.ids ?? []), ...due.map((a) => a.id)])];
    const articles: TickOutcome['articles'] = [];
    for (const id of ids) {
      try {
        articles.push({ id, outcome: await performSiteWork(deps)(id) });
      } catch {
        articles.push({ id, outcome: 'failed' });
      }
    }
    const nowMs = deps.clock.now().getTime();
    for (const a of due) {
      const overdueMs = nowMs - dueSince(a);
      const busy = articles.some((x) => x.id === a.id && x.outcome === 'busy');
      if (busy && overdueMs > STALL_AFTER_MS && !a.publishError) {
        await deps.articles
          .flagStalled(a.id, a.version, {
            at: new Date(nowMs).toISOString(),
            message: `the site work is ${Math.round(overdueMs / 1000)} s overdue and still held by another run; it is retried automatically`,
          })
          .catch((error: unknown) => deps.log.error('could not flag stalled work', { id: a.id, error: String(error) }));
      }
    }
    let indexesRebuilt = false;
    try {
      indexesRebuilt = (await rebuildSiteIndexes(deps)()).rebuilt;
      indexesRebuilt = (await reconcileSiteIndexes(deps)()).rebuilt || indexesRebuilt;
    } catch (error) {
      deps.log.error('site index rebuild failed', { error: String(error) });
    }
    return { articles, indexesRebuilt };
  };
