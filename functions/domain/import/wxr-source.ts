import { XMLParser } from 'fast-xml-parser';
import * as z from 'zod/mini';
import { buildSlug } from '../render/slug.js';
import { htmlToMarkdown } from './html-to-markdown.js';
import { ImportItemError, type ImportItem } from './import-item.js';

/** Largest export read whole into memory (a WXR of ~10,000 posts is 50–100 MB); larger exports: split them. */
export const MAX_WXR_BYTES = 256 * 1024 * 1024;

/**
 * WXR never needs a DOCTYPE; one can only declare entities (billion laughs, external files). It is refused before
 * parsing, and the parser is told to expand no declared entities either way: only XML's own five and numeric
 * references are decoded.
 */
const DOCTYPE = /<!DOCTYPE/i;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  cdataPropName: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: {
    enabled: true,
    maxEntityCount: 1,
    maxEntitySize: 1,
    maxExpansionDepth: 1,
    maxTotalExpansions: 1,
    maxExpandedLength: MAX_WXR_BYTES,
  },
  isArray: (name) => name === 'item' || name === 'category',
});

const text = z.pipe(
  z.optional(z.union([z.string(), z.number(), z.object({ '#text': z.optional(z.string()) })])),
  z.transform((v) => (v === undefined ? '' : typeof v === 'object' ? (v['#text'] ?? '') : String(v))),
);
const categorySchema = z.union([
  z.string(),
  z.object({ '#text': z.optional(z.string()), '@domain': z.optional(z.string()), '@nicename': z.optional(z.string()) }),
]);
const itemSchema = z.object({
  title: text,
  guid: text,
  link: text,
  pubDate: text,
  'dc:creator': text,
  'content:encoded': text,
  'excerpt:encoded': text,
  'wp:post_id': text,
  'wp:post_date_gmt': text,
  'wp:post_name': text,
  'wp:status': text,
  'wp:post_type': text,
  category: z.optional(z.array(categorySchema)),
});
const wxrSchema = z.object({
  rss: z.object({ channel: z.object({ item: z.optional(z.array(z.unknown())) }) }),
});

export interface WxrOptions {
  /** Name of the export file, for failure messages and the source keys. */
  fileName: string;
  /** Desk ids the newsroom has: a post's category whose slug is one of them picks the desk. */
  deskIds: readonly string[];
  /** Desk of posts with no such category; without it they fail. */
  defaultDesk?: string;
}

/** One item of the export: a story to import, a failure to report, or not a story (pages, drafts, attachments). */
export type WxrEntry =
  { kind: 'item'; item: ImportItem } | { kind: 'failed'; error: ImportItemError } | { kind: 'skipped' };

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The post's publication instant: the GMT column when WordPress filled it, else the RSS date (with its zone). */
const dateOf = (post: z.infer<typeof itemSchema>): string | undefined => {
  const gmt = post['wp:post_date_gmt'];
  if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(gmt) && !gmt.startsWith('0000')) return `${gmt.replace(' ', 'T')}Z`;
  const parsed = Date.parse(post.pubDate);
  return Number.isNaN(parsed) ? undefined : new Date(parsed).toISOString();
};

const slugOf = (post: z.infer<typeof itemSchema>): string => {
  let name = post['wp:post_name'];
  try {
    name = decodeURIComponent(name);
  } catch {
    // a malformed escape: keep the raw name
  }
  if (SLUG.test(name)) return name;
  return buildSlug(name || post.title);
};

const mapPost = (raw: unknown, index: number, options: WxrOptions): WxrEntry => {
  const parsed = itemSchema.safeParse(raw);
  const where = `${options.fileName} item ${index + 1}`;
  if (!parsed.success) return { kind: 'failed', error: new ImportItemError(where, 'not a WXR item') };
  const post = parsed.data;
  if (post['wp:post_type'] !== 'post' || post['wp:status'] !== 'publish') return { kind: 'skipped' };
  const guid = post.guid || post.link || post['wp:post_id'];
  const source = `${options.fileName} item ${index + 1} (${guid || 'no guid'})`;
  const fail = (reason: string): WxrEntry => ({ kind: 'failed', error: new ImportItemError(source, reason) });
  if (!guid) return fail('no guid, link or post id to identify it by');
  const categories = (post.category ?? []).map((c) =>
    typeof c === 'string'
      ? { domain: 'category', slug: '', name: c }
      : { domain: c['@domain'] ?? 'category', slug: c['@nicename'] ?? '', name: c['#text'] ?? '' },
  );
  const desk =
    categories.find((c) => c.domain === 'category' && options.deskIds.includes(c.slug))?.slug ?? options.defaultDesk;
  if (!desk) return fail(`no category names a desk (${options.deskIds.join(', ')}) and no --desk was given`);
  const title = post.title.trim();
  if (!title) return fail('the post has no title');
  const date = dateOf(post);
  if (!date)
    return fail(`no publication date (wp:post_date_gmt "${post['wp:post_date_gmt']}", pubDate "${post.pubDate}")`);
  const bodyMarkdown = htmlToMarkdown(post['content:encoded']);
  if (!bodyMarkdown.trim()) return fail('the post has no text');
  const standfirst = htmlToMarkdown(post['excerpt:encoded']).replace(/\s+/g, ' ').trim();
  const tags = [
    ...new Set(
      categories
        .filter((c) => c.domain === 'post_tag')
        .map((c) => c.name.trim())
        .filter(Boolean),
    ),
  ];
  const author = post['dc:creator'].trim();
  return {
    kind: 'item',
    item: {
      sourceKey: `wxr:${guid}`,
      source,
      desk,
      title,
      date,
      slug: slugOf(post),
      ...(author ? { author } : {}),
      tags,
      ...(standfirst ? { standfirst } : {}),
      bodyMarkdown,
    },
  };
};

/**
 * A WordPress export (WXR) → one entry per item: published posts become import items, a post that cannot be mapped is
 * a failure naming its item, and everything else (pages, drafts, attachments, menu items) is skipped. A file that is
 * not a WXR export at all throws an ImportItemError naming the file.
 */
export const readWxr = (xml: string, options: WxrOptions): WxrEntry[] => {
  if (xml.length > MAX_WXR_BYTES) {
    throw new ImportItemError(options.fileName, `larger than ${MAX_WXR_BYTES / 1024 / 1024} MB; split the export`);
  }
  if (DOCTYPE.test(xml)) throw new ImportItemError(options.fileName, 'has a DOCTYPE (entity declarations are refused)');
  let data: unknown;
  try {
    data = parser.parse(xml);
  } catch (error) {
    const detail =
      typeof error === 'object' && error !== null && 'err' in error ? JSON.stringify(error.err) : String(error);
    throw new ImportItemError(options.fileName, `not well-formed XML: ${detail}`);
  }
  const wxr = wxrSchema.safeParse(data);
  if (!wxr.success) throw new ImportItemError(options.fileName, 'not a WordPress export (no rss/channel)');
  return (wxr.data.rss.channel.item ?? []).map((raw, index) => mapPost(raw, index, options));
};
