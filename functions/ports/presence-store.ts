import type { Person } from '../domain/article.js';

/** One person's lease on "has this story open in the editor", renewed while the screen is open. */
export interface PresenceLease extends Person {
  /** When this stretch of presence began (ISO): renewals keep it, a lapsed lease starts a new one. */
  since: string;
  /** Epoch ms after which the lease is over, renewed or not. */
  untilMs: number;
}

/** Short leases that say who is editing a story now: a hint before a conflict, never a lock (409 still decides). */
export interface PresenceStore {
  /** Starts or renews `person`'s lease on the article until `nowMs + ttlMs`. */
  touch(articleId: string, person: Person, nowMs: number, ttlMs: number): Promise<void>;
  /** Live leases on the article at `nowMs` (expired ones are left out even before TTL deletes them). */
  list(articleId: string, nowMs: number): Promise<PresenceLease[]>;
  /** Ends `sub`'s lease on the article (leaving the screen). */
  leave(articleId: string, sub: string): Promise<void>;
}
