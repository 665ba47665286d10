import { storyBylines } from './bylines.js';
import type { ArticlePageInput, Correction, DeskInfo, PageImage, ParsedDraft, SiteConfig } from './render/types.js';

/** What a public page shows of a stored story besides its parsed text: data only, so it can cross to a worker. */
export interface StoryPageFacts {
  desk: DeskInfo;
  path: string;
  publishedAt: string;
  modifiedAt?: string;
  corrections: readonly Correction[];
  author: { sub: string; name: string };
}

/**
 * The renderer's input for a story's page, from its parsed text: the one place that says what a page contains, used
 * by the publishing job, previews and the batch re-render's worker threads alike.
 */
export const articlePageInputOf = (
  parsed: ParsedDraft,
  facts: StoryPageFacts,
  site: SiteConfig,
  slugOf: (name: string) => string,
  options: { preview?: boolean; previewOfLive?: boolean; images?: ReadonlyMap<string, PageImage> } = {},
): ArticlePageInput => ({
  draft: parsed,
  site,
  desk: facts.desk,
  path: facts.path,
  publishedAt: facts.publishedAt,
  ...(facts.modifiedAt ? { modifiedAt: facts.modifiedAt } : {}),
  corrections: facts.corrections,
  author: { name: facts.author.name },
  ...storyBylines(parsed, facts.author, slugOf),
  ...(options.preview ? { preview: true, mediaUrls: 'preview' as const } : {}),
  ...(options.previewOfLive ? { previewOfLive: true } : {}),
  ...(options.images ? { images: options.images } : {}),
});
