import { DomainError } from '../errors.js';
import { DESK_ID } from './slug.js';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

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

/** Paths of the public site's documents (architecture.md §4); one place, so links and object keys agree. */
export const SITE_PATHS = {
  front: '/',
  deskPage: (deskId: string): string => `/${desk(deskId)}/`,
  monthArchive: (deskId: string, month: string): string => {
    const { yyyy, mm } = parseMonth(month);
    return `/${desk(deskId)}/${yyyy}/${mm}/`;
  },
  feed: '/feed.xml',
  deskFeed: (deskId: string): string => `/${desk(deskId)}/feed.xml`,
  sitemapIndex: '/sitemap.xml',
  sitemapShard: (month: string): string => {
    parseMonth(month);
    return `/sitemaps/${month}.xml`;
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
