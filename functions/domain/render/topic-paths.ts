import type { TopicKind } from '../bylines.js';
import { DomainError } from '../errors.js';
import { DESK_ID } from './slug.js';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const slug = (value: string): string => {
  if (!SLUG.test(value)) throw new DomainError('invalid_input', `"${value}" is not a slug such as "anna-smirnova"`);
  return value;
};

const desk = (id: string): string => {
  if (!DESK_ID.test(id)) throw new DomainError('invalid_input', `"${id}" is not a desk id such as "politics"`);
  return id;
};

const FOLDER: Record<TopicKind, string> = { author: 'authors', tag: 'tags' };

/**
 * Paths of the bylines' documents (architecture.md §4, second round), kept apart from SITE_PATHS so the archive's
 * restructuring of those does not collide with these.
 */
export const TOPIC_PATHS = {
  page: (kind: TopicKind, value: string): string => `/${FOLDER[kind]}/${slug(value)}/`,
  feed: (kind: TopicKind, value: string): string => `/${FOLDER[kind]}/${slug(value)}/feed.xml`,
  /** One sitemap shard for every author and tag page. */
  sitemap: '/sitemaps/topics.xml',
  dzen: (deskId: string): string => `/${desk(deskId)}/dzen.xml`,
  ninjs: '/partners/ninjs.json',
} as const;
