import { escapeHtml } from './escape.js';
import { LABELS } from './labels.js';
import { renderDocument } from './layout.js';
import { SITE_PATHS } from './site-paths.js';
import { typesetText } from './typeset.js';
import type { UnpublishKind } from '../article.js';
import type { Lang, SiteConfig } from './types.js';

/**
 * What a legal take-down's notice says instead of anything about the story: a fixed sentence, in the site's
 * language. Kept here rather than among the page labels so that nothing story-specific can reach this variant.
 */
const LEGAL_TAKEDOWN_TEXT: Record<Lang, string> = {
  ru: 'Материал недоступен по юридическим основаниям.',
  en: 'This article is unavailable for legal reasons.',
};

/**
 * The page left at an unpublished article's URL (served with status 410): says the story was taken down, names
 * it and gives the reason when the desk gave one. A legal take-down (`kind: 'legal'`) shows neither: no headline,
 * no reason, nothing derived from the story, in the site's language rather than the story's. Not indexed, no
 * canonical link.
 */
export const renderGonePage = (input: {
  site: SiteConfig;
  lang: Lang;
  title?: string;
  reason?: string;
  kind?: UnpublishKind;
  path: string;
}): string => {
  const { site } = input;
  const legal = input.kind === 'legal';
  const lang = legal ? site.lang : input.lang;
  const labels = LABELS[lang];
  const title = !legal && input.title ? typesetText(input.title, lang) : undefined;
  const reason = !legal && input.reason?.trim() ? typesetText(input.reason.trim(), lang) : undefined;
  const text = legal ? LEGAL_TAKEDOWN_TEXT[lang] : labels.goneText;
  const main =
    `<h1>${escapeHtml(labels.goneTitle)}</h1>` +
    (title ? `<p class="notice">${escapeHtml(title)}</p>` : '') +
    `<p>${escapeHtml(text)}</p>` +
    (reason ? `<p><strong>${escapeHtml(labels.goneReason)}:</strong> ${escapeHtml(reason)}</p>` : '') +
    `<p><a href="${SITE_PATHS.front}">${escapeHtml(labels.toFront)}</a></p>`;
  return renderDocument({
    site,
    lang,
    title: `${labels.goneTitle} — ${site.name}`,
    description: text,
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
