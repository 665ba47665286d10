import type { Article, ArticleEvent, ArticleStatus, PublishIntent, Revision } from '../domain/article.js';
import type { DeskMonth } from './site-index-lock.js';

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

export type ArticleQuery =
  { kind: 'desk'; desk: string; status: ArticleStatus } | { kind: 'author'; sub: string; status?: ArticleStatus };

/** One atomic write of an article's new state, refused (stale_version / conflict) if it moved meanwhile. */
export interface ArticleCommit {
  article: Article;
  /** The version the change was decided on; undefined for a brand-new article. */
  expectedVersion?: number;
  revision?: Revision;
  events: ArticleEvent[];
  /** Site indexes that must be rebuilt because of this change ({desk, month} of the URL): one pending mark each. */
  dirtyIndexes?: DeskMonth[];
  /**
   * The publishing job's lease on this article: its commit must still hold it. Without one (an editor's commit), the
   * commit wins over any site-work lease and ends it: it bumps the version, and the job, whose writes are conditional
   * on the version it read and on its lease, starts over. A dead holder's lease never blocks the desk.
   */
  leaseOwner?: string;
  /** Epoch ms of the change. */
  nowMs: number;
}

export interface ArticleStore {
  get(id: string): Promise<Article | undefined>;
  /** Up to 100 articles in one request (consistent reads), keyed by id; missing ids are absent. */
  getMany(ids: readonly string[]): Promise<Map<string, Article>>;
  commit(change: ArticleCommit): Promise<void>;
  addEvent(event: ArticleEvent): Promise<void>;
  getRevision(id: string, n: number): Promise<Revision | undefined>;
  listEvents(id: string): Promise<ArticleEvent[]>;
  list(query: ArticleQuery, page: { limit: number; cursor?: string }): Promise<Page<Article>>;
  /** Articles with publishing or site work due at or before `nowIso`, oldest first. */
  listDue(nowIso: string, limit: number): Promise<Article[]>;
  /** Claims a site path for an article; true if it is (now or already) this article's. */
  reservePath(path: string, articleId: string, at: string): Promise<boolean>;
  /** Short exclusive lease on one article's site work; false when someone else holds a live one. */
  acquireArticleLease(id: string, owner: string, nowMs: number, ttlMs: number): Promise<boolean>;
  /** Extends the caller's lease (the heartbeat); false when it is no longer the caller's (taken over or ended). */
  renewArticleLease(id: string, owner: string, nowMs: number, ttlMs: number): Promise<boolean>;
  /** Frees the caller's lease, if it is still the caller's. */
  releaseArticleLease(id: string, owner: string): Promise<void>;
  /**
   * Records the publishing intent on a scheduled article (no version bump: it is the job's own bookkeeping); false
   * unless the article is still at `version` and the caller still holds the lease.
   */
  recordPublishIntent(id: string, owner: string, version: number, intent: PublishIntent): Promise<boolean>;
  /**
   * Ends site work owed by `article` (as read at its version): clears the pending marker, the error and any intent,
   * frees the lease. False, with nothing changed, if the article moved on or the lease is no longer the caller's.
   */
  completeSiteWork(owner: string, article: Article): Promise<boolean>;
  /** Records a failure of site work for the desk to see, and frees the lease (only if the caller still holds it). */
  recordSiteWorkFailure(id: string, owner: string, error: { at: string; message: string }): Promise<void>;
  /** Flags an article whose work is overdue with no failure recorded (if still at `version` and unflagged). */
  flagStalled(id: string, version: number, error: { at: string; message: string }): Promise<void>;
}
