/** One desk's month of the URL: the unit of site-index work (a desk's month page and the month's sitemap index). */
export interface DeskMonth {
  desk: string;
  month: string;
}

/**
 * Work recorded by one commit (or by the tick's reconcile): rebuild the indexes of `desk`/`month` and see that
 * `articleId` is shown there as it now is. Every commit records its own mark, so a rebuild can remove exactly the
 * marks it covered and never one that arrived after it read.
 */
export interface PendingMark extends DeskMonth {
  /** Opaque and unique per commit. */
  id: string;
  articleId: string;
  /** ISO time the mark was recorded. */
  createdAt: string;
}

/** A story as the last rebuild listed it on its desk page (what the reconcile compares against). */
export interface ListedStory {
  articleId: string;
  month: string;
  /** modifiedAt, or publishedAt when never corrected: changes whenever the listing must change. */
  stamp: string;
}

export interface SiteIndexState {
  /** Every desk-month that ever had a publication, for the desk pages' month links and /sitemap.xml. */
  archives: DeskMonth[];
  /** Per desk, the stories its page listed when the last rebuild wrote it. */
  listed: Record<string, ListedStory[]>;
}

export interface MarksDone {
  /** Ids of the marks the rebuild covered. */
  done: string[];
  /** Desk-months to add to the archives. */
  archives: DeskMonth[];
  /** Desk pages written in this round: what they listed. */
  listed: Record<string, ListedStory[]>;
}

/**
 * Coalesces site-index rebuilds: writers record marks; one lease holder at a time rebuilds and removes the marks it
 * covered. Lease conditions fail as DomainError `conflict` (the lease was lost to another runner).
 */
export interface SiteIndexLock {
  /** Takes the rebuild lease; undefined when another runner holds a live one. */
  acquire(owner: string, nowMs: number, ttlMs: number): Promise<SiteIndexState | undefined>;
  /** Extends a held lease; false when it was lost. */
  renew(owner: string, nowMs: number, ttlMs: number): Promise<boolean>;
  /** The oldest pending marks, at most `limit` (a consistent read). */
  pendingMarks(limit: number): Promise<PendingMark[]>;
  /** Records marks outside a commit (the reconcile); `id` must be unique. */
  addMarks(marks: ReadonlyArray<Omit<PendingMark, 'createdAt'>>, nowMs: number): Promise<void>;
  /** Removes the covered marks and records archives and listings, atomically and only while the lease is held. */
  markDone(owner: string, work: MarksDone, nowMs: number, ttlMs: number): Promise<void>;
  /** Lets go of the lease; false when it was no longer held by `owner`. */
  release(owner: string): Promise<boolean>;
  /** The current state without taking the lease (a consistent read). */
  read(): Promise<SiteIndexState>;
}
