import type { TopicKind, TopicRef } from '../bylines.js';
import { BYLINE_LABELS } from './byline-markup.js';
import { escapeHtml, escapeXml } from './escape.js';
import { formatDateTime, LABELS } from './labels.js';
import { renderDocument } from './layout.js';
import { absoluteUrl, requireSitePath, SITE_PATHS } from './site-paths.js';
import { parseInstant } from './slug.js';
import { TOPIC_PATHS } from './topic-paths.js';
import { typesetText } from './typeset.js';
import type { DeskInfo, ListingItem, SiteConfig } from './types.js';

export interface TopicPageInput {
  site: SiteConfig;
  kind: TopicKind;
  slug: string;
  /** The author's name or the tag as the newest story spells it. */
  name: string;
  /** The newest stories, at most the page's bound; older ones stay reachable from the desks' day archives. */
  items: readonly ListingItem[];
  desks: ReadonlyMap<string, DeskInfo>;
}

/*
 * The story list is written here rather than shared with listing-pages.ts: that module is being restructured for
 * day archives on another branch, and a topic page also labels each story with its desk (stories come from any).
 */
const renderStory = (item: ListingItem, input: TopicPageInput): string => {
  const desk = input.desks.get(item.desk);
  const langAttr = item.lang === input.site.lang ? '' : ` lang="${item.lang}"`;
  const path = requireSitePath(item.path);
  const title = typesetText(item.title, item.lang).trim() || path;
  const deck = item.deck ? typesetText(item.deck, item.lang).trim() : '';
  const kicker = desk
    ? `<p class="kicker"><a href="${escapeHtml(SITE_PATHS.deskPage(desk.id))}">${escapeHtml(desk.name)}</a></p>`
    : '';
  return (
    `<li${langAttr}>${kicker}<h2><a href="${escapeHtml(path)}">${escapeHtml(title)}</a></h2>` +
    (deck ? `<p>${escapeHtml(deck)}</p>` : '') +
    `<p class="meta"><time datetime="${parseInstant(item.publishedAt).toISOString()}">${escapeHtml(
      formatDateTime(item.publishedAt, item.lang, desk?.timeZone ?? 'UTC'),
    )}</time></p></li>`
  );
};

/** `/authors/{slug}/` or `/tags/{slug}/`: the newest stories by this author or on this topic, with an Atom feed. */
export const renderTopicPage = (input: TopicPageInput): string => {
  const { site, kind, slug } = input;
  const lang = site.lang;
  const labels = BYLINE_LABELS[lang];
  const name = typesetText(input.name, lang);
  const heading = `${kind === 'author' ? labels.author : labels.tag}: ${name}`;
  const items = [...input.items].sort((a, b) => b.publishedAt.localeCompare(a.publishedAt));
  const list = items.length
    ? `<ol class="stories">${items.map((item) => renderStory(item, input)).join('')}</ol>`
    : `<p>${escapeHtml(LABELS[lang].nothingYet)}</p>`;
  return renderDocument({
    site,
    lang,
    title: `${heading} — ${site.name}`,
    description: `${labels.latest}. ${heading}`,
    canonicalPath: TOPIC_PATHS.page(kind, slug),
    sections: [...input.desks.values()].map((d) => ({ name: d.name, path: SITE_PATHS.deskPage(d.id) })),
    feed: { title: `${name} — ${site.name}`, path: TOPIC_PATHS.feed(kind, slug) },
    main: `<h1>${escapeHtml(heading)}</h1>${list}<p class="meta">${escapeHtml(labels.olderInArchive)}</p>`,
  });
};

/** `/sitemaps/topics.xml`: every author and tag page (Google's limit: 50,000 URLs per file). */
export const renderTopicsSitemap = (input: { site: SiteConfig; topics: readonly TopicRef[] }): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${input.topics
    .slice(0, 50_000)
    .map(
      (t) => `<url><loc>${escapeXml(absoluteUrl(input.site.baseUrl, TOPIC_PATHS.page(t.kind, t.slug)))}</loc></url>\n`,
    )
    .join('')}</urlset>\n`;
