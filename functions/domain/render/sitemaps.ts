import { escapeXml } from './escape.js';
import { absoluteUrl, SITE_PATHS } from './site-paths.js';
import { parseInstant } from './slug.js';
import type { ListingItem, SiteConfig } from './types.js';

/*
 * Sitemaps are written here rather than with the `sitemap` package: its writers are Node streams whose closing
 * tag arrives asynchronously (checked with 9.0.1: SitemapStream.end() then read() gives the document without
 * </urlset>), and its XML helpers are not exported, while these renderers must be synchronous and pure. Every
 * value goes through escapeXml; the tests read the output back with the package's own parser.
 */

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9';
/** Google's limits: 50,000 URLs per sitemap, 1,000 per news sitemap. */
const MAX_URLS = 50_000;
const MAX_NEWS_URLS = 1_000;

const w3cDate = (iso: string): string => parseInstant(iso).toISOString();
const element = (name: string, value: string): string => `<${name}>${escapeXml(value)}</${name}>`;

/**
 * A sitemap index: /sitemap.xml lists the month indexes (newest first), /sitemaps/{yyyy}-{mm}.xml lists that month's
 * day shards. Either stays far below Google's 50,000 entries (a month has at most 31 days × desks × chunks), and
 * writing one never reads more than a month of day counters. `lastModified` is left out where unknown.
 */
export const renderSitemapIndex = (input: {
  site: SiteConfig;
  sitemaps: ReadonlyArray<{ path: string; lastModified?: string }>;
}): string =>
  `${XML_DECLARATION}<sitemapindex xmlns="${SITEMAP_NS}">\n${input.sitemaps
    .slice(0, MAX_URLS)
    .map(
      (entry) =>
        `<sitemap>${element('loc', absoluteUrl(input.site.baseUrl, entry.path))}${
          entry.lastModified ? element('lastmod', w3cDate(entry.lastModified)) : ''
        }</sitemap>\n`,
    )
    .join('')}</sitemapindex>\n`;

/** A sitemap shard (one chunk of a desk's day, at most DAY_CHUNK stories): lastmod = last correction or publication. */
export const renderSitemapShard = (input: { site: SiteConfig; items: ListingItem[] }): string =>
  `${XML_DECLARATION}<urlset xmlns="${SITEMAP_NS}">\n${input.items
    .slice(0, MAX_URLS)
    .map(
      (item) =>
        `<url>${element('loc', absoluteUrl(input.site.baseUrl, item.path))}${element('lastmod', w3cDate(item.modifiedAt ?? item.publishedAt))}</url>\n`,
    )
    .join('')}</urlset>\n`;

/**
 * /news-sitemap.xml: Google News wants stories from the last 48 hours only; the caller's query bounds that (the
 * renderer has no clock), this caps the count at Google's 1,000.
 */
export const renderNewsSitemap = (input: { site: SiteConfig; items: ListingItem[] }): string => {
  const { site } = input;
  return `${XML_DECLARATION}<urlset xmlns="${SITEMAP_NS}" xmlns:news="${NEWS_NS}">\n${input.items
    .slice(0, MAX_NEWS_URLS)
    .map(
      (item) =>
        `<url>${element('loc', absoluteUrl(site.baseUrl, item.path))}<news:news><news:publication>${element('news:name', site.name)}${element('news:language', item.lang)}</news:publication>${element('news:publication_date', w3cDate(item.publishedAt))}${element('news:title', item.title)}</news:news></url>\n`,
    )
    .join('')}</urlset>\n`;
};

/**
 * robots.txt pointing crawlers at the sitemaps (the site allows everything else): the index, the news sitemap, and
 * each month's index of day shards by name, newest first, because Google does not follow an index listed in an index.
 */
export const renderRobotsTxt = (input: { site: SiteConfig; months?: readonly string[] }): string => {
  const line = (path: string) => `Sitemap: ${absoluteUrl(input.site.baseUrl, path)}\n`;
  const months = [...(input.months ?? [])].sort().reverse();
  return `User-agent: *\nAllow: /\n${line(SITE_PATHS.sitemapIndex)}${line(SITE_PATHS.newsSitemap)}${months
    .map((month) => line(SITE_PATHS.sitemapMonth(month)))
    .join('')}`;
};
