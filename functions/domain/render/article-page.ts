import { personsOf, renderBylineLine, renderTagLinks } from './byline-markup.js';
import { escapeHtml, serializeJsonForScript } from './escape.js';
import { decideLeadImage, placeBodyImages } from './figures.js';
import { mediaUrlOf } from './media-urls.js';
import { formatDateTime, LABELS, OG_LOCALE } from './labels.js';
import { renderDocument } from './layout.js';
import { renderMarkdownBody, sanitizeStoryHtml } from './render-markdown.js';
import { absoluteUrl, SITE_PATHS } from './site-paths.js';
import { parseInstant } from './slug.js';
import { typesetHtml, typesetText } from './typeset.js';
import type { ArticlePageInput, Lang } from './types.js';

/** The story's text after typography: plain strings (escape on use) and the sanitized body HTML. */
export interface TypesetStory {
  title: string;
  deck?: string;
  byline?: string;
  /** Lede, body and signature as one sanitized HTML fragment. */
  bodyHtml: string;
  corrections: { at: string; note: string }[];
}

/**
 * Typeset step: Markdown body → HTML; lede and signature (plain text) escaped into the same fragment so one
 * Typograf pass covers them (it is the expensive step); then the sanitizer, always last.
 */
export const typesetStory = (input: ArticlePageInput): TypesetStory => {
  const { draft } = input;
  const lang = draft.lang;
  const lede = draft.lede ? `<p class="lede">${escapeHtml(draft.lede)}</p>\n` : '';
  const signature = draft.signature ? `\n<p class="signature">${escapeHtml(draft.signature)}</p>` : '';
  const html = lede + renderMarkdownBody(draft.bodyMarkdown) + signature;
  return {
    title: typesetText(draft.title, lang),
    ...(draft.deck ? { deck: typesetText(draft.deck, lang) } : {}),
    ...(draft.byline ? { byline: typesetText(draft.byline, lang) } : {}),
    bodyHtml: placeBodyImages(sanitizeStoryHtml(typesetHtml(html, lang)), input.images, lang, mediaUrlOf(input)),
    corrections: input.corrections.map((c) => ({ at: c.at, note: typesetText(c.note, lang) })),
  };
};

/**
 * Who the story is by, for JSON-LD: a byline names a person; a signature that is the desk's name (or no
 * signature) credits the desk as an organization, as the paper signs such stories; another signature is a person.
 * The newsroom account that wrote the draft (`input.author`) is not published: structured data names only who the
 * page itself shows, and an unsigned story is the desk's.
 */
const decideAuthor = (input: ArticlePageInput, deskUrl: string): Record<string, string> => {
  const { draft, desk } = input;
  const person = draft.byline ?? draft.signature;
  const isDesk = !person || person.trim().toLowerCase() === desk.name.trim().toLowerCase();
  return isDesk ? { '@type': 'Organization', name: desk.name, url: deskUrl } : { '@type': 'Person', name: person };
};

const renderTime = (iso: string, lang: Lang, timeZone: string): string =>
  `<time datetime="${escapeHtml(parseInstant(iso).toISOString())}">${escapeHtml(formatDateTime(iso, lang, timeZone))}</time>`;

const meta = (property: string, content: string): string =>
  `<meta property="${property}" content="${escapeHtml(content)}">`;

/** Let search engines show the large lead picture in results and Discover (Google's robots directive). */
const ROBOTS = 'max-image-preview:large';

/** The article page (architecture.md §5): the full pipeline's last step, the template. */
export const renderArticlePage = (input: ArticlePageInput): string => {
  const { draft, site, desk } = input;
  const lang = draft.lang;
  const labels = LABELS[lang];
  const story = typesetStory(input);
  const url = absoluteUrl(site.baseUrl, input.path);
  const deskPath = SITE_PATHS.deskPage(desk.id);
  // Search engines and link previews want a description on every page: the deck, else the lede.
  const description = story.deck ?? draft.lede;
  const published = parseInstant(input.publishedAt, 'publication time').toISOString();
  const modified = input.modifiedAt ? parseInstant(input.modifiedAt, 'correction time').toISOString() : undefined;
  const lead = decideLeadImage(input);

  const jsonLd = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: story.title,
    ...(story.deck ? { description: story.deck } : {}),
    datePublished: published,
    dateModified: modified ?? published,
    articleSection: desk.name,
    inLanguage: lang,
    ...(draft.tags.length ? { keywords: (input.topics?.map((t) => t.name) ?? draft.tags).join(', ') } : {}),
    ...(lead?.structured.length ? { image: lead.structured } : {}),
    mainEntityOfPage: url,
    url,
    author: input.authors?.length
      ? personsOf(input.authors, site.baseUrl)
      : decideAuthor(input, absoluteUrl(site.baseUrl, deskPath)),
    publisher: { '@type': 'Organization', name: site.name, url: absoluteUrl(site.baseUrl, SITE_PATHS.front) },
  };
  const head = [
    meta('og:type', 'article'),
    meta('og:title', story.title),
    description ? meta('og:description', description) : '',
    meta('og:url', url),
    meta('og:site_name', site.name),
    meta('og:locale', OG_LOCALE[lang]),
    meta('article:published_time', published),
    modified ? meta('article:modified_time', modified) : '',
    meta('article:section', desk.name),
    ...draft.tags.map((tag) => meta('article:tag', tag)),
    lead?.card
      ? meta('og:image', lead.card.url) +
        meta('og:image:width', String(lead.card.width)) +
        meta('og:image:height', String(lead.card.height)) +
        (lead.card.alt ? meta('og:image:alt', lead.card.alt) : '') +
        '<meta name="twitter:card" content="summary_large_image">'
      : '',
    `<script type="application/ld+json">${serializeJsonForScript(jsonLd)}</script>`,
  ].join('');

  const dates =
    renderTime(input.publishedAt, lang, desk.timeZone) +
    (input.modifiedAt ? ` · ${escapeHtml(labels.updated)} ${renderTime(input.modifiedAt, lang, desk.timeZone)}` : '');
  const corrections = story.corrections.length
    ? `<section class="corrections" id="corrections" aria-labelledby="corrections-title"><h2 id="corrections-title">${escapeHtml(labels.corrections)}</h2><ul>${story.corrections
        .map(
          (c) =>
            `<li><strong>${escapeHtml(labels.correctionAt)} ${renderTime(c.at, lang, desk.timeZone)}.</strong> ${escapeHtml(c.note)}</li>`,
        )
        .join('')}</ul></section>`
    : '';
  const main =
    '<article>' +
    '<header class="article-head">' +
    `<p class="kicker"><a href="${escapeHtml(deskPath)}">${escapeHtml(desk.name)}</a></p>` +
    `<h1>${escapeHtml(story.title)}</h1>` +
    (story.deck ? `<p class="deck">${escapeHtml(story.deck)}</p>` : '') +
    (input.authors?.length
      ? renderBylineLine(input.authors, lang)
      : story.byline
        ? `<p class="meta byline">${escapeHtml(story.byline)}</p>`
        : '') +
    `<p class="meta">${dates}</p>` +
    '</header>' +
    (lead?.figure ?? '') +
    `<div class="body">${story.bodyHtml}</div>` +
    renderTagLinks(input.topics ?? [], lang) +
    corrections +
    '</article>';

  return renderDocument({
    site,
    lang,
    title: `${story.title} — ${site.name}`,
    ...(description ? { description } : {}),
    canonicalPath: input.path,
    noindex: input.preview === true,
    robots: ROBOTS,
    preview: input.preview === true,
    previewOfLive: input.previewOfLive === true,
    head,
    sections: [{ name: desk.name, path: deskPath }],
    feed: { title: `${desk.name} — ${site.name}`, path: SITE_PATHS.deskFeed(desk.id) },
    main,
  });
};
