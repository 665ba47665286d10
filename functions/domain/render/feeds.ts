import { Feed } from 'feed';
import { escapeHtml, stripInvalidXml } from './escape.js';
import { absoluteUrl } from './site-paths.js';
import { parseInstant } from './slug.js';
import type { Lang, ListingItem, SiteConfig } from './types.js';

/**
 * A tag as an Atom category attribute. The package escapes & and " in attributes but not < (which XML forbids
 * there); a tag has no use for angle brackets, so they go.
 */
const categoryOf = (tag: string): string => stripInvalidXml(tag).replace(/[<>]/g, '');

/** When a listed story last changed: its correction time, else its publication. */
const updatedOf = (item: ListingItem): Date => parseInstant(item.modifiedAt ?? item.publishedAt);

/**
 * Atom 1.0 feed of listed stories (the `feed` package). Atom rather than RSS 2.0: it has both `published` and
 * `updated` per entry (RSS has only pubDate), a required stable id per entry, and a defined language attribute.
 * The feed's own `updated` is its newest entry's; an empty feed says 1970-01-01 rather than read the clock
 * (the package would otherwise stamp "now" and make the output differ on every render).
 */
export const renderFeed = (input: {
  site: SiteConfig;
  title: string;
  path: string;
  pagePath: string;
  lang: Lang;
  items: ListingItem[];
}): string => {
  const { site } = input;
  const items = [...input.items].sort((a, b) => updatedOf(b).getTime() - updatedOf(a).getTime());
  const newest = items[0];
  const feedUrl = absoluteUrl(site.baseUrl, input.path);
  const feed = new Feed({
    id: feedUrl,
    title: stripInvalidXml(input.title),
    description: stripInvalidXml(site.description),
    link: absoluteUrl(site.baseUrl, input.pagePath),
    feedLinks: { atom: feedUrl },
    language: input.lang,
    updated: newest ? updatedOf(newest) : new Date(0),
    generator: false,
    author: { name: stripInvalidXml(site.name), link: absoluteUrl(site.baseUrl, '/') },
    copyright: stripInvalidXml(site.name),
  });
  for (const item of items) {
    const url = absoluteUrl(site.baseUrl, item.path);
    feed.addItem({
      id: url,
      link: url,
      // The package writes entry titles and summaries as type="html": plain text must be escaped to mean itself.
      title: escapeHtml(stripInvalidXml(item.title)),
      ...(item.deck ? { description: escapeHtml(stripInvalidXml(item.deck)) } : {}),
      date: updatedOf(item),
      published: parseInstant(item.publishedAt),
      ...(item.tags?.length
        ? { category: item.tags.map((tag) => ({ name: categoryOf(tag), term: categoryOf(tag) })) }
        : {}),
    });
  }
  // The package has no option for the feed's language in Atom; xml:lang on the root element is where it goes.
  return feed
    .atom1()
    .replace(
      '<feed xmlns="http://www.w3.org/2005/Atom">',
      `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${input.lang}">`,
    );
};
