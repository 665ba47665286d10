import { escapeHtml } from './escape.js';
import { LABELS } from './labels.js';
import { renderDocument } from './layout.js';
import { SITE_PATHS } from './site-paths.js';
import { typesetText } from './typeset.js';
import type { Lang, SiteConfig } from './types.js';

/**
 * The page left at an unpublished article's URL (served with status 410): says the story was taken down, names
 * it and gives the reason when the desk gave one. Not indexed, no canonical link.
 */
export const renderGonePage = (input: {
  site: SiteConfig;
  lang: Lang;
  title?: string;
  reason?: string;
  path: string;
}): string => {
  const { site, lang } = input;
  const labels = LABELS[lang];
  const title = input.title ? typesetText(input.title, lang) : undefined;
  const reason = input.reason?.trim() ? typesetText(input.reason.trim(), lang) : undefined;
  const main =
    `<h1>${escapeHtml(labels.goneTitle)}</h1>` +
    (title ? `<p class="notice">${escapeHtml(title)}</p>` : '') +
    `<p>${escapeHtml(labels.goneText)}</p>` +
    (reason ? `<p><strong>${escapeHtml(labels.goneReason)}:</strong> ${escapeHtml(reason)}</p>` : '') +
    `<p><a href="${SITE_PATHS.front}">${escapeHtml(labels.toFront)}</a></p>`;
  return renderDocument({
    site,
    lang,
    title: `${labels.goneTitle} — ${site.name}`,
    description: labels.goneText,
    noindex: true,
    main,
  });
};

/** /404.html, in the site's language. Not indexed. */
export const renderNotFoundPage = (input: { site: SiteConfig }): string => {
  const { site } = input;
  const labels = LABELS[site.lang];
  return renderDocument({
    site,
    lang: site.lang,
    title: `${labels.notFoundTitle} — ${site.name}`,
    description: labels.notFoundText,
    noindex: true,
    main:
      `<h1>${escapeHtml(labels.notFoundTitle)}</h1><p class="notice">${escapeHtml(labels.notFoundText)}</p>` +
      `<p><a href="${SITE_PATHS.front}">${escapeHtml(labels.toFront)}</a></p>`,
  });
};
