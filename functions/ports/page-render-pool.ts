import type { ArticlePageInput } from '../domain/render/types.js';

/**
 * Article pages rendered off the calling thread (typography and templates are CPU work), several at a time: the batch
 * re-render hands every page to it and keeps its own thread for I/O. The input must be structured-cloneable.
 */
export interface PageRenderPool {
  renderArticlePage(input: ArticlePageInput): Promise<string>;
  /** How many pages it renders at once (its threads). */
  readonly size: number;
  close(): Promise<void>;
}
