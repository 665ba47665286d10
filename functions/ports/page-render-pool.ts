import type { StoryPageFacts } from '../domain/article-page.js';
import type { ArticlePageInput, PageImage, SiteConfig } from '../domain/render/types.js';

/** A batch of stored stories to render, parsed and rendered on one render thread. */
export interface StoryPageBatch {
  site: SiteConfig;
  /** The configured desks' names (the parser reads a desk signature by them). */
  deskNames: readonly string[];
  stories: ReadonlyArray<{ body: string; facts: StoryPageFacts }>;
}

/** One story's page, or why it could not be rendered (one bad story never fails its batch). */
export type StoryPageResult = { html: string } | { error: string };

/**
 * Article pages rendered off the calling thread (typography and templates are CPU work), several at a time: the batch
 * re-render hands every page to it and keeps its own thread for I/O. The input must be structured-cloneable.
 */
export interface PageRenderPool {
  renderArticlePage(input: ArticlePageInput): Promise<string>;
  /**
   * Parses and renders a batch of stories on one thread: only the stories' text crosses to it and only the pages come
   * back (the parsed drafts stay there). Between the two, `imagesOf` is asked once for every photograph the batch
   * names (one lookup per batch, not per page).
   */
  renderStoryPages(
    batch: StoryPageBatch,
    imagesOf: (mediaIds: readonly string[]) => Promise<ReadonlyMap<string, PageImage>>,
  ): Promise<StoryPageResult[]>;
  /** How many pages it renders at once (its threads). */
  readonly size: number;
  close(): Promise<void>;
}
