import { DomainError } from '../errors.js';
import { DESK_ID } from './slug.js';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DAY = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

const desk = (id: string): string => {
  if (!DESK_ID.test(id)) throw new DomainError('invalid_input', `"${id}" is not a desk id such as "politics"`);
  return id;
};

/** Split a 'yyyy-mm' month, refusing anything else. */
export const parseMonth = (month: string): { yyyy: string; mm: string } => {
  const match = MONTH.exec(month);
  if (!match) throw new DomainError('invalid_input', `"${month}" is not a month in the form yyyy-mm`);
  return { yyyy: match[1] ?? '', mm: match[2] ?? '' };
};

/** Split a 'yyyy-mm-dd' day, refusing anything else. */
export const parseDay = (day: string): { yyyy: string; mm: string; dd: string } => {
  const match = DAY.exec(day);
  if (!match) throw new DomainError('invalid_input', `"${day}" is not a day in the form yyyy-mm-dd`);
  return { yyyy: match[1] ?? '', mm: match[2] ?? '', dd: match[3] ?? '' };
};

const chunkNumber = (chunk: number): number => {
  if (!Number.isInteger(chunk) || chunk < 1) throw new DomainError('invalid_input', `${chunk} is not a chunk number`);
  return chunk;
};

/** Paths of the public site's documents (architecture.md §4); one place, so links and object keys agree. */
export const SITE_PATHS = {
  front: '/',
  deskPage: (deskId: string): string => `/${desk(deskId)}/`,
  monthArchive: (deskId: string, month: string): string => {
    const { yyyy, mm } = parseMonth(month);
    return `/${desk(deskId)}/${yyyy}/${mm}/`;
  },
  /** A desk's day: its newest chunk of stories. */
  dayArchive: (deskId: string, day: string): string => {
    const { yyyy, mm, dd } = parseDay(day);
    return `/${desk(deskId)}/${yyyy}/${mm}/${dd}/`;
  },
  /** One chunk of a desk's day, numbered from the day's first story (its contents never shift). */
  dayArchiveChunk: (deskId: string, day: string, chunk: number): string => {
    const { yyyy, mm, dd } = parseDay(day);
    return `/${desk(deskId)}/${yyyy}/${mm}/${dd}/${chunkNumber(chunk)}/`;
  },
  feed: '/feed.xml',
  deskFeed: (deskId: string): string => `/${desk(deskId)}/feed.xml`,
  sitemapIndex: '/sitemap.xml',
  /** A month's sitemap index: the shards of every desk's days that month. */
  sitemapMonth: (month: string): string => {
    parseMonth(month);
    return `/sitemaps/${month}.xml`;
  },
  /** One sitemap shard: the stories of one chunk of a desk's day. */
  sitemapShard: (deskId: string, day: string, chunk: number): string => {
    parseDay(day);
    return `/sitemaps/${day.slice(0, 7)}/${desk(deskId)}-${day}-${chunkNumber(chunk)}.xml`;
  },
  newsSitemap: '/news-sitemap.xml',
  notFound: '/404.html',
} as const;

/** Content types of those documents, for the site store. */
export const SITE_CONTENT_TYPES = {
  html: 'text/html; charset=utf-8',
  /** The feeds are Atom 1.0 (see feeds.ts). */
  feed: 'application/atom+xml; charset=utf-8',
  sitemap: 'application/xml; charset=utf-8',
  robots: 'text/plain; charset=utf-8',
} as const;

/** A site path as stored for a listed article: starts with one "/" (never a scheme or "//host"). */
export const requireSitePath = (path: string): string => {
  if (!/^\/(?![/\\])[^\s]*$/.test(path)) {
    throw new DomainError('invalid_input', `"${path}" is not a site path such as /politics/2026/11/20/slug/`);
  }
  return path;
};

/** Absolute URL of a site path. */
export const absoluteUrl = (baseUrl: string, path: string): string =>
  `${baseUrl.replace(/\/+$/, '')}${requireSitePath(path)}`;
