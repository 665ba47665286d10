import type { AppDeps } from './deps.js';
import { performSiteWork, type SiteWorkOutcome } from './perform-site-work.js';
import { rebuildSiteIndexes } from './rebuild-site-indexes.js';
import { reconcileSiteIndexes } from './reconcile-site-indexes.js';

const BATCH = 25;

export interface TickOutcome {
  articles: Array<{ id: string; outcome: SiteWorkOutcome | 'failed' }>;
  indexesRebuilt: boolean;
}

/**
 * The periodic tick (EventBridge every minute in AWS, a timer locally): publishes what is due, retries site work
 * that failed, and finishes index rebuilds a crash left pending. A failure on one article never stops the others;
 * it is recorded on the article for the desk to see.
 */
export const runPublishingTick = (deps: AppDeps) => async (): Promise<TickOutcome> => {
  const due = await deps.articles.listDue(deps.clock.now().toISOString(), BATCH);
  const articles: TickOutcome['articles'] = [];
  for (const a of due) {
    try {
      articles.push({ id: a.id, outcome: await performSiteWork(deps)(a.id) });
    } catch {
      articles.push({ id: a.id, outcome: 'failed' });
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
