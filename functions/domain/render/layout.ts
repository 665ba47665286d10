import { escapeHtml } from './escape.js';
import { LABELS } from './labels.js';
import { absoluteUrl, SITE_PATHS } from './site-paths.js';
import { SITE_CSS } from './styles.js';
import type { Lang, SiteConfig } from './types.js';

export interface DocumentInput {
  site: SiteConfig;
  lang: Lang;
  /** Text of <title>, already typeset; escaped here. */
  title: string;
  description?: string;
  /** Site path of the page, for the canonical link; omitted on error pages (they have no canonical URL). */
  canonicalPath?: string;
  noindex?: boolean;
  /** Robots directives for an indexable page (e.g. `max-image-preview:large`); `noindex` replaces them. */
  robots?: string;
  preview?: boolean;
  previewOfLive?: boolean;
  /** Extra <head> markup (OpenGraph, JSON-LD), already safe. */
  head?: string;
  /** Masthead links: desks or the current desk. */
  sections?: readonly { name: string; path: string }[];
  /** Atom feed to advertise (`<link rel="alternate">`). */
  feed?: { title: string; path: string };
  /** The page's main content, already safe HTML. */
  main: string;
}

/**
 * The HTML shell every public page shares: metadata, the inline stylesheet, a skip link, masthead and footer.
 * No script, no web font, no external request: `<link rel="icon" href="data:,">` stops browsers asking for
 * /favicon.ico (a 404 and a console error otherwise).
 */
export const renderDocument = (input: DocumentInput): string => {
  const { site, lang } = input;
  const labels = LABELS[lang];
  const meta = [
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width,initial-scale=1">',
    `<title>${escapeHtml(input.title)}</title>`,
    input.description ? `<meta name="description" content="${escapeHtml(input.description)}">` : '',
    input.canonicalPath
      ? `<link rel="canonical" href="${escapeHtml(absoluteUrl(site.baseUrl, input.canonicalPath))}">`
      : '',
    input.noindex
      ? '<meta name="robots" content="noindex">'
      : input.robots
        ? `<meta name="robots" content="${escapeHtml(input.robots)}">`
        : '',
    '<meta name="color-scheme" content="light dark">',
    '<link rel="icon" href="data:,">',
    input.feed
      ? `<link rel="alternate" type="application/atom+xml" title="${escapeHtml(input.feed.title)}" href="${escapeHtml(input.feed.path)}">`
      : '',
    input.head ?? '',
    `<style>${SITE_CSS}</style>`,
  ].join('');
  const sections = input.sections?.length
    ? `<nav aria-label="${escapeHtml(labels.sections)}"><ul class="sections">${input.sections
        .map((s) => `<li><a href="${escapeHtml(s.path)}">${escapeHtml(s.name)}</a></li>`)
        .join('')}</ul></nav>`
    : '';
  return (
    `<!doctype html><html lang="${lang}"><head>${meta}</head><body>` +
    `<a class="skip" href="#main">${escapeHtml(labels.skipToContent)}</a>` +
    // A landmark of its own, so assistive tech and audits find every piece of content inside one.
    (input.preview
      ? `<aside class="preview">${escapeHtml(input.previewOfLive ? labels.previewBannerLive : labels.previewBanner)}</aside>`
      : '') +
    `<header class="masthead"><div class="wrap"><p class="brand"><a href="${SITE_PATHS.front}">${escapeHtml(site.name)}</a></p>${sections}</div></header>` +
    `<main id="main" class="wrap">${input.main}</main>` +
    `<footer class="site-foot"><div class="wrap"><p>${escapeHtml(site.name)} · <a href="${SITE_PATHS.feed}">${escapeHtml(labels.feed)}</a></p></div></footer>` +
    '</body></html>'
  );
};
