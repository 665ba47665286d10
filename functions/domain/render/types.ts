import type { Byline, Topic } from '../bylines.js';
import type { MediaRecord } from '../media.js';

/**
 * The renderer's public types. The workflow core stores `ParsedDraft.fixes`, `title` and `lang` on every save and
 * renders pages from the same model at publish and preview time.
 */
export type Lang = 'ru' | 'en';

/** One repair made to a draft's text, shown to the reporter and the desk (never silent). */
export interface Fix {
  /** `hyphenation`: a word split across a break was joined; `paragraph-join`: a paragraph cut mid-sentence was joined. */
  kind: 'hyphenation' | 'paragraph-join';
  /** The text around the break as the reporter wrote it (short excerpt). */
  before: string;
  /** The same excerpt after the repair. */
  after: string;
  /**
   * 1-based index of the body paragraph (after repairs) that holds the repaired text. Body paragraphs are the
   * body's top-level Markdown blocks (paragraphs, headings, lists, quotes, code); 0 when the repair landed in the
   * standfirst, lede or signature instead (see `part`).
   */
  paragraph: number;
  /** Which part of the story holds the repaired text (absent means `body`). */
  part?: 'body' | 'deck' | 'lede' | 'signature';
}

export interface ParsedDraft {
  title: string;
  /** Standfirst (front matter `deck`, or the plain paragraph right after the title). */
  deck?: string;
  /** Wholly bold first paragraph, without its `**` markers. */
  lede?: string;
  /** Desk signature or byline line at the end (e.g. "Отдел политики"). */
  signature?: string;
  byline?: string;
  /** Front matter `authors` (names); absent when the draft names none, empty for an unsigned story. */
  authors?: string[];
  tags: string[];
  lang: Lang;
  /** Desk id from front matter, if given. */
  desk?: string;
  /** The body after repairs, as Markdown blocks (title, deck, lede and signature removed). */
  bodyMarkdown: string;
  fixes: Fix[];
  /** Media id of the lead image (front matter `image`). */
  leadImage?: string;
  /** Every media id the draft names: the lead image first, then each `![alt](media:<id>)` in order, no repeats. */
  mediaIds?: string[];
}

export interface ParseDraftOptions {
  /** Names of the configured desks, used to recognise a desk signature. */
  deskNames: readonly string[];
  /** Language when known (front matter wins over this; detection is the fallback). */
  lang?: Lang;
}

export interface SiteConfig {
  name: string;
  /** Absolute origin of the public site, no trailing slash (e.g. https://news.example.org). */
  baseUrl: string;
  lang: Lang;
  description: string;
}

export interface DeskInfo {
  id: string;
  name: string;
  lang: Lang;
  timeZone: string;
  /** The desk's public Telegram channel (`@name` or a numeric chat id): publishes are posted there (issue 13 §3). */
  telegramChannel?: string;
}

export interface Correction {
  at: string;
  note: string;
}

export interface ArticlePageInput {
  draft: ParsedDraft;
  site: SiteConfig;
  desk: DeskInfo;
  /** Site path of the page, e.g. /politics/2026/11/20/strany-otg/ */
  path: string;
  /** ISO time of first publication. */
  publishedAt: string;
  /** ISO time of the last correction, if any. */
  modifiedAt?: string;
  corrections: readonly Correction[];
  author: { name: string };
  /** Preview pages carry `noindex` and a visible preview banner. */
  preview?: boolean;
  /** The story's authors with their pages (`storyBylines`); absent or empty: the byline text or desk signature. */
  authors?: readonly Byline[];
  /** The story's tags with their pages; absent: the draft's tags, unlinked. */
  topics?: readonly Topic[];
  /**
   * The draft's photographs by media id (`ParsedDraft.mediaIds`), as far as they are ready. An image whose record
   * is missing renders nothing (validation refuses such drafts earlier; the page must still not break).
   */
  images?: ReadonlyMap<string, PageImage>;
  /**
   * Where renditions are served: `public` (default) is the site's `/${key}` (made absolute where a full URL is needed,
   * e.g. og:image); `preview` is the newsroom's authenticated `/api/media/<id>/renditions/<file>`. Data, not a
   * function, because previews render in a worker thread and the input crosses it by structured clone.
   */
  mediaUrls?: 'public' | 'preview';
  /** A preview of a story that is live: the banner says the page shows the current edit, not that it is unpublished. */
  previewOfLive?: boolean;
}

/** What a page needs of a media record. */
export type PageImage = Pick<
  MediaRecord,
  'id' | 'width' | 'height' | 'alt' | 'caption' | 'credit' | 'focalPoint' | 'renditions'
>;

/** One published article as listed on front, desk and archive pages, feeds and sitemaps. */
export interface ListingItem {
  title: string;
  deck?: string;
  path: string;
  desk: string;
  lang: Lang;
  publishedAt: string;
  modifiedAt?: string;
  tags?: string[];
  /** The lead image's thumbnail: one small rendition, its URL as the page should use it. */
  image?: { url: string; width: number; height: number; alt: string };
}
