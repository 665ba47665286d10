export interface SiteIndexState {
  pending: string[];
  /** Every desk-month that ever had a publication ("desk|yyyy-mm"), for archive links and sitemap shards. */
  archives: string[];
}

/**
 * Coalesces site index rebuilds: writers add work; one lease holder at a time rebuilds, and may only let go when no
 * work is left, so no change is lost and no stale rebuild can overwrite a newer one.
 */
export interface SiteIndexLock {
  acquire(owner: string, nowMs: number, ttlMs: number): Promise<SiteIndexState | undefined>;
  /** Removes done work; returns the state after it (the lease is kept). */
  markDone(owner: string, done: string[], nowMs: number, ttlMs: number): Promise<SiteIndexState>;
  /** Lets go of the lease if no work is pending; false when new work arrived (keep going). */
  release(owner: string): Promise<boolean>;
}
