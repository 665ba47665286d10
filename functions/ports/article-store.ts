import type { Article, ArticleEvent, ArticleStatus, Revision } from '../domain/article.js';
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
  /** A lease held by the caller on this article (the publishing job); other writers must wait for it. */
  leaseOwner?: string;
  /** Epoch ms used to tell a live lease from an expired one. */
  nowMs: number;
}

export interface ArticleStore {
  get(id: string): Promise<Article | undefined>;
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
  /** Ends site work: clears the pending marker and error if the article is still at `version`, frees the lease. */
  completeSiteWork(id: string, owner: string, version: number): Promise<void>;
  /** Records a failure of site work for the desk to see, and frees the lease. */
  recordSiteWorkFailure(id: string, owner: string, error: { at: string; message: string }): Promise<void>;
}
