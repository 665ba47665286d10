import type { AppDeps } from './deps.js';
import { rebuildSiteIndexes } from './rebuild-site-indexes.js';

/** Rebuild runs one batch may take (each is at most a few bounded rounds); what is left, the tick finishes. */
const MAX_RUNS = 500;
/** A batch that finds the site lease taken waits for its holder (the stack's tick): this often, this many times. */
export const MAX_BUSY_WAITS = 60;
export const BUSY_WAIT_MS = 500;

export interface DrainOutcome {
  runs: number;
  written: number;
  /** Whether marks are still pending (another runner holds the lease, or the run limit was reached). */
  pending: boolean;
}

/**
 * After a batch (an import, a re-render): rebuilds the site indexes until no mark is pending, through the same
 * rebuild as every publication (bounded rounds under the site lease). Many marks on one desk-month coalesce into one
 * rebuild of it per round, so a batch costs rounds in proportion to its marks / 90, not one rebuild per story.
 */
export const drainSiteIndexes =
  (deps: AppDeps) =>
  async (onRun?: (runs: number) => void): Promise<DrainOutcome> => {
    let runs = 0;
    let written = 0;
    let busy = 0;
    while (runs < MAX_RUNS) {
      const outcome = await rebuildSiteIndexes(deps)();
      runs += 1;
      written += outcome.written.length;
      onRun?.(runs);
      if (!outcome.rebuilt) {
        // Another runner (the stack's tick) holds the lease: wait for it rather than leave our marks to its pace.
        if ((busy += 1) > MAX_BUSY_WAITS) return { runs, written, pending: true };
        await new Promise((resolve) => setTimeout(resolve, BUSY_WAIT_MS));
        continue;
      }
      if ((await deps.siteIndexLock.pendingMarks(1)).length === 0) return { runs, written, pending: false };
      if (outcome.written.length === 0 && outcome.deferred.length > 0) return { runs, written, pending: true };
    }
    return { runs, written, pending: true };
  };
