import { createHash } from 'node:crypto';
import { stringify } from 'yaml';

/** One story of an archive being imported, whatever its source (a Markdown file or a WordPress post). */
export interface ImportItem {
  /** Stable id of the source item (`md:<relative path>`, `wxr:<guid>`): the same item always maps to one article. */
  sourceKey: string;
  /** Where it came from, for people reading a failure: the file, or the export and the post's guid. */
  source: string;
  desk: string;
  title: string;
  /** Original publication time, ISO 8601 with an offset. */
  date: string;
  /** The original URL's last segment; derived from the title when the source has none. */
  slug?: string;
  author?: string;
  tags: string[];
  standfirst?: string;
  /** The story's Markdown, as the draft parser takes it (no front matter). */
  bodyMarkdown: string;
}

/** Why one item could not be read from its source (the import goes on with the next one). */
export class ImportItemError extends Error {
  constructor(
    readonly source: string,
    message: string,
  ) {
    super(message);
    this.name = 'ImportItemError';
  }
}

/**
 * The article id of a source item: a hash of its source key, so a second run finds the article it made the first
 * time with one read, and a conditional put refuses a duplicate even when two runs overlap.
 */
export const importedArticleId = (sourceKey: string): string =>
  `imp-${createHash('sha256').update(sourceKey, 'utf8').digest('hex').slice(0, 32)}`;

/**
 * The draft text the newsroom stores for an imported story: the front matter the draft parser knows (title, deck,
 * desk, byline, tags) above the body, so the story parses, repairs and renders exactly as a new draft does and can be
 * corrected in the app like any other.
 */
export const composeImportedDraft = (item: ImportItem): string => {
  const frontMatter: Record<string, unknown> = { title: item.title, desk: item.desk };
  if (item.standfirst) frontMatter.deck = item.standfirst;
  if (item.author) frontMatter.byline = item.author;
  if (item.tags.length > 0) frontMatter.tags = item.tags;
  return `---\n${stringify(frontMatter, { lineWidth: 0 }).trimEnd()}\n---\n\n${item.bodyMarkdown.trim()}\n`;
};
