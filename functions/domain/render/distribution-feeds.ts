import type { Byline, Topic } from '../bylines.js';
import { escapeXml, stripInvalidXml } from './escape.js';
import { absoluteUrl } from './site-paths.js';
import { parseInstant } from './slug.js';
import { TOPIC_PATHS } from './topic-paths.js';
import type { DeskInfo, Lang, SiteConfig } from './types.js';

/** One live story with what partners take: the typeset, sanitized body HTML and its credits. */
export interface DistributedStory {
  id: string;
  title: string;
  deck?: string;
  path: string;
  desk: string;
  lang: Lang;
  publishedAt: string;
  modifiedAt?: string;
  /** Corrections made since first publication: ninjs counts versions with them. */
  corrections: number;
  bodyHtml: string;
  authors: readonly Byline[];
  topics: readonly Topic[];
  /** The lead image's largest rendition, absolute URL (filled once stories carry images, issue 11). */
  enclosure?: { url: string; contentType: string; width: number; height: number };
}

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
const element = (name: string, value: string): string => `<${name}>${escapeXml(stripInvalidXml(value))}</${name}>`;
/** CDATA cannot hold "]]>": split it across two sections. */
const cdata = (html: string): string => `<![CDATA[${stripInvalidXml(html).replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
const rfc822 = (iso: string): string => parseInstant(iso).toUTCString();

/**
 * Dzen's RSS 2.0 for one desk (`/{desk}/dzen.xml`), in the widely used Yandex Zen layout: the `content`, `dc`,
 * `media` and `atom` namespaces; per item `title`, `link`, `pdalink` (the same page: ours are responsive), a stable
 * `guid` (Dzen updates an item it has seen by guid), `pubDate`, `media:rating` (`nonadult`), the format, indexing
 * and comment categories plus the desk's name, `author`s, `description` and the full text in `content:encoded`.
 * `enclosure` (the lead image; RSS requires a length, and `0` is the usual "unknown") when the story has one. Items
 * newest first.
 */
export const renderDzenFeed = (input: {
  site: SiteConfig;
  desk: DeskInfo;
  items: readonly DistributedStory[];
}): string => {
  const { site, desk } = input;
  const feedUrl = absoluteUrl(site.baseUrl, TOPIC_PATHS.dzen(desk.id));
  const items = [...input.items].sort((a, b) => b.publishedAt.localeCompare(a.publishedAt));
  const body = items
    .map((item) => {
      const url = absoluteUrl(site.baseUrl, item.path);
      return (
        '<item>' +
        element('title', item.title) +
        element('link', url) +
        element('pdalink', url) +
        `<guid isPermaLink="false">${escapeXml(item.id)}</guid>` +
        element('pubDate', rfc822(item.publishedAt)) +
        '<media:rating scheme="urn:simple">nonadult</media:rating>' +
        ['format-article', 'index', 'comment-all', desk.name].map((c) => element('category', c)).join('') +
        item.authors.map((a) => element('author', a.name)).join('') +
        item.authors.map((a) => element('dc:creator', a.name)).join('') +
        (item.enclosure
          ? `<enclosure url="${escapeXml(item.enclosure.url)}" type="${escapeXml(item.enclosure.contentType)}" length="0"/>`
          : '') +
        (item.deck ? element('description', item.deck) : '') +
        `<content:encoded>${cdata(item.bodyHtml)}</content:encoded>` +
        '</item>\n'
      );
    })
    .join('');
  return (
    XML_DECLARATION +
    '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/" xmlns:atom="http://www.w3.org/2005/Atom">\n<channel>' +
    element('title', `${desk.name} — ${site.name}`) +
    element('link', absoluteUrl(site.baseUrl, `/${desk.id}/`)) +
    element('description', site.description) +
    element('language', desk.lang) +
    `<atom:link href="${escapeXml(feedUrl)}" rel="self" type="application/rss+xml"/>\n` +
    body +
    '</channel>\n</rss>\n'
  );
};

/** A story taken down for editorial reasons: partners get its URI as `canceled`, nothing more. */
export interface CanceledStory {
  uri: string;
  version: string;
  at: string;
  firstPublishedAt: string;
  lang: string;
}

/** The IPTC ninjs 2.0 news item of one story (validated against the IPTC schema in the tests). */
export interface NinjsItem {
  uri: string;
  type: 'text';
  version: string;
  versioncreated: string;
  firstcreated: string;
  pubstatus: 'usable' | 'withheld' | 'canceled';
  language: string;
  headlines?: { role: string; value: string }[];
  descriptions?: { role: string; contenttype: string; value: string }[];
  bodies?: { role: string; contenttype: string; value: string }[];
  by?: string;
  people?: { name: string; rel: string; uri: string }[];
  subjects?: { name: string; uri: string }[];
  renditions?: { name: string; href: string; contenttype: string }[];
  copyrightholder: string;
}

/**
 * `/partners/ninjs.json`: the latest stories as IPTC ninjs 2.0 items. A story's `uri` is stable (its page), and a
 * correction is a new `version` (1 + corrections) with a new `versioncreated`, so a partner replaces the item.
 * Live stories are `usable`; a story taken down for editorial reasons stays listed a while as `canceled` (its URI
 * and a new version only), so partners withdraw it too. A legal take-down leaves no trace, not even the URI. A public
 * file never holds a scheduled story, so there is no `embargoed` (and no `withheld`): see the README.
 */
export const renderNinjsFeed = (input: {
  site: SiteConfig;
  items: readonly DistributedStory[];
  canceled?: readonly CanceledStory[];
}): string => {
  const { site } = input;
  const items = [...input.items]
    .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt))
    .map((item): NinjsItem => {
      const url = absoluteUrl(site.baseUrl, item.path);
      const iso = (t: string) => parseInstant(t).toISOString();
      return {
        uri: url,
        type: 'text',
        version: String(1 + item.corrections),
        versioncreated: iso(item.modifiedAt ?? item.publishedAt),
        firstcreated: iso(item.publishedAt),
        pubstatus: 'usable',
        language: item.lang,
        headlines: [{ role: 'main', value: item.title }],
        ...(item.deck ? { descriptions: [{ role: 'summary', contenttype: 'text/plain', value: item.deck }] } : {}),
        bodies: [{ role: 'main', contenttype: 'text/html', value: item.bodyHtml }],
        ...(item.authors.length
          ? {
              by: item.authors.map((a) => a.name).join(', '),
              people: item.authors.map((a) => ({
                name: a.name,
                rel: 'author',
                uri: absoluteUrl(site.baseUrl, TOPIC_PATHS.page('author', a.slug)),
              })),
            }
          : {}),
        ...(item.topics.length
          ? {
              subjects: item.topics.map((t) => ({
                name: t.name,
                uri: absoluteUrl(site.baseUrl, TOPIC_PATHS.page('tag', t.slug)),
              })),
            }
          : {}),
        renditions: [{ name: 'web', href: url, contenttype: 'text/html' }],
        copyrightholder: site.name,
      };
    });
  const canceled = (input.canceled ?? []).map((c): NinjsItem => ({
    uri: c.uri,
    type: 'text',
    version: c.version,
    versioncreated: parseInstant(c.at).toISOString(),
    firstcreated: parseInstant(c.firstPublishedAt).toISOString(),
    pubstatus: 'canceled',
    language: c.lang,
    copyrightholder: site.name,
  }));
  return `${JSON.stringify({ items: [...items, ...canceled] }, null, 1)}\n`;
};
