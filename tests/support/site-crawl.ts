/**
 * Reads a running newsroom's public site the way a reader and a search engine's crawler would, over HTTP through its
 * CDN: from the front page to each desk's page, its month pages, their day pages and every older chunk of a day,
 * collecting the story links those archive pages give; and from /sitemap.xml through every month index to every
 * shard, counting in how many shards each story's <loc> appears. Used by the archive bench and the import tests to
 * prove that every imported story is reachable from the archive pages and listed in exactly one sitemap shard.
 */
import { XMLParser } from 'fast-xml-parser';
import { DomUtils, parseDocument } from 'htmlparser2';
import pLimit from 'p-limit';
import { z } from 'zod';

/** Desk page, month page, day page (its newest chunk) or an older chunk of a day: the archive's pages. */
const ARCHIVE_PAGE = /^\/[a-z0-9-]+\/(?:\d{4}\/\d{2}\/(?:\d{2}\/(?:\d+\/)?)?)?$/;
/** A story: /{desk}/{yyyy}/{mm}/{dd}/{slug}/ (a slug of digits only would be a chunk, and slugs never are). */
const STORY_PAGE = /^\/[a-z0-9-]+\/\d{4}\/\d{2}\/\d{2}\/(?!\d+\/$)[^/]+\/$/;

export interface SiteCrawl {
  /** Story paths linked from the archive pages (desk → month → day → chunk), each once. */
  archiveStories: Set<string>;
  /** Story path → how many sitemap shards list it. */
  shardListings: Map<string, number>;
  archivePages: number;
  /** The archive pages read (desk, month, day and chunk pages), in the order they answered. */
  pages: string[];
  sitemaps: number;
  /** The sitemap documents read: the index, the month indexes, the shards. */
  sitemapPaths: string[];
  /** Every document fetched (archive pages, sitemap indexes, shards). */
  fetched: number;
  /** Documents linked from the site that did not answer 200 ("404 /politics/2024/01/"). */
  broken: string[];
}

const xml = new XMLParser({ ignoreAttributes: true, isArray: (name) => name === 'sitemap' || name === 'url' });
const locs = z.array(z.object({ loc: z.string() }));
// An index or urlset with no entry parses to an empty string.
const sitemapIndexSchema = z.object({ sitemapindex: z.union([z.object({ sitemap: locs }), z.literal('')]) });
const urlsetSchema = z.object({ urlset: z.union([z.object({ url: locs }), z.literal('')]) });

const documentOf = (html: string) => parseDocument(html);

const hrefsOf = (root: ReturnType<typeof documentOf> | DomElement): string[] =>
  DomUtils.getElementsByTagName('a', root, true).flatMap((a) => (a.attribs.href === undefined ? [] : [a.attribs.href]));
type DomElement = ReturnType<typeof DomUtils.getElementsByTagName>[number];

/** The path of a link or <loc> on this site (absolute URLs carry the configured base URL, not the origin's). */
const pathOf = (link: string): string => new URL(link, 'http://site.invalid').pathname;

/**
 * Crawls `origin` (e.g. http://127.0.0.1:3000) with at most `concurrency` requests in flight. Archive pages are
 * followed only through archive links (desk, month, day, chunk), never through stories: what is found is what the
 * archive itself lists.
 */
export const crawlSite = async (origin: string, options: { concurrency?: number } = {}): Promise<SiteCrawl> => {
  const limit = pLimit(options.concurrency ?? 8);
  const base = origin.replace(/\/+$/, '');
  const crawl: SiteCrawl = {
    archiveStories: new Set(),
    shardListings: new Map(),
    archivePages: 0,
    pages: [],
    sitemaps: 0,
    sitemapPaths: [],
    fetched: 0,
    broken: [],
  };
  const get = (path: string): Promise<string | undefined> =>
    limit(async () => {
      const res = await fetch(`${base}${path}`);
      crawl.fetched += 1;
      if (res.status !== 200) {
        crawl.broken.push(`${res.status} ${path}`);
        await res.body?.cancel();
        return undefined;
      }
      return res.text();
    });

  const seen = new Set<string>();
  const visitArchive = async (path: string): Promise<void> => {
    if (seen.has(path)) return;
    seen.add(path);
    const html = await get(path);
    if (html === undefined) return;
    crawl.archivePages += 1;
    crawl.pages.push(path);
    const next: string[] = [];
    for (const link of hrefsOf(documentOf(html)).map(pathOf)) {
      if (STORY_PAGE.test(link)) crawl.archiveStories.add(link);
      else if (ARCHIVE_PAGE.test(link) && link.split('/').length > 3) next.push(link);
    }
    await Promise.all(next.map(visitArchive));
  };
  // The desks: the sections named in the front page's navigation.
  const front = await get('/');
  const nav = front === undefined ? [] : DomUtils.getElementsByTagName('nav', documentOf(front), true);
  const desks = [...new Set(nav.flatMap((n) => hrefsOf(n)).map(pathOf))];
  await Promise.all(
    desks.map(async (desk) => {
      seen.add(desk);
      const html = await get(desk);
      if (html === undefined) return;
      crawl.archivePages += 1;
      crawl.pages.push(desk);
      // From the desk page only its month pages (and its newest day): its latest stories are not the archive.
      const months = hrefsOf(documentOf(html))
        .map(pathOf)
        .filter((p) => p.startsWith(desk) && p !== desk && ARCHIVE_PAGE.test(p));
      await Promise.all(months.map(visitArchive));
    }),
  );

  // /sitemap.xml lists the month indexes, each of which lists its day shards (and the authors' and tags' urlset).
  const visitSitemap = async (path: string, depth: number): Promise<void> => {
    const text = await get(path);
    if (text === undefined) return;
    const doc: unknown = xml.parse(text);
    const index = sitemapIndexSchema.safeParse(doc);
    const urlset = urlsetSchema.safeParse(doc);
    if (index.success && depth < 2) {
      crawl.sitemaps += 1;
      crawl.sitemapPaths.push(path);
      const entries = index.data.sitemapindex === '' ? [] : index.data.sitemapindex.sitemap;
      await Promise.all(entries.map((e) => visitSitemap(pathOf(e.loc), depth + 1)));
    } else if (urlset.success) {
      crawl.sitemaps += 1;
      crawl.sitemapPaths.push(path);
      for (const entry of urlset.data.urlset === '' ? [] : urlset.data.urlset.url) {
        const loc = pathOf(entry.loc);
        crawl.shardListings.set(loc, (crawl.shardListings.get(loc) ?? 0) + 1);
      }
    } else {
      crawl.broken.push(`not a sitemap ${path}`);
    }
  };
  await visitSitemap('/sitemap.xml', 0);
  return crawl;
};

export interface Reachability {
  stories: number;
  /** Linked from the archive pages. */
  reached: number;
  inOneShard: number;
  inNoShard: number;
  inSeveralShards: number;
  /** A few of the stories that fail either property, for the message. */
  missing: string[];
}

/** How the expected story paths fare in a crawl: reached from the archive, and in how many shards. */
export const checkReachability = (crawl: SiteCrawl, storyPaths: Iterable<string>): Reachability => {
  const result: Reachability = { stories: 0, reached: 0, inOneShard: 0, inNoShard: 0, inSeveralShards: 0, missing: [] };
  for (const path of storyPaths) {
    result.stories += 1;
    const reached = crawl.archiveStories.has(path);
    const shards = crawl.shardListings.get(path) ?? 0;
    if (reached) result.reached += 1;
    if (shards === 0) result.inNoShard += 1;
    else if (shards === 1) result.inOneShard += 1;
    else result.inSeveralShards += 1;
    if ((!reached || shards !== 1) && result.missing.length < 5) {
      result.missing.push(`${path} (${reached ? 'reached' : 'not reached'}, ${shards} shards)`);
    }
  }
  return result;
};
