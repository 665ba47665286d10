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
}

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
}
