import type { ArticleStatus, Revision } from '../domain/article.js';

/** Whose stories to count: a desk's (in the statuses its queue shows) or one author's (every status). */
export type CountScope =
  { kind: 'desk'; desk: string; statuses: readonly ArticleStatus[] } | { kind: 'author'; sub: string };

export interface StatusCounts {
  counts: Partial<Record<ArticleStatus, number>>;
  /** Statuses whose count stopped at the read bound: "at least" that many. */
  capped: ArticleStatus[];
  /** Index items read to answer: the counts' cost. */
  itemsRead: number;
}

/** A revision without its text (the history list). */
export type RevisionSummary = Omit<Revision, 'body' | 'contentHash'>;

/** Read-only views for the dashboards and the revision history, over the existing indexes. */
export interface ArticleOverview {
  /** Stories per status, reading at most `cap` index items per status (desk) or in all (author). */
  countByStatus(scope: CountScope, cap: number): Promise<StatusCounts>;
  /** Revisions numbered below `before` (all when absent), newest first, at most `limit`. */
  listRevisions(articleId: string, before: number | undefined, limit: number): Promise<RevisionSummary[]>;
}
