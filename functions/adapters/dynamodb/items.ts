import { z } from 'zod';
import { ARTICLE_STATUSES, EVENT_TYPES, type Article, type ArticleEvent, type Revision } from '../../domain/article.js';
import type { ListingItem } from '../../domain/render/types.js';

/** What comes back from DynamoDB is outside data: parsed here, never cast. */
const person = z.object({ sub: z.string(), name: z.string() });
const fix = z.object({
  kind: z.enum(['hyphenation', 'paragraph-join']),
  before: z.string(),
  after: z.string(),
  paragraph: z.number().int(),
});
const lang = z.enum(['ru', 'en']);

export const articleItemSchema = z.object({
  id: z.string(),
  desk: z.string(),
  status: z.enum(ARTICLE_STATUSES),
  version: z.number().int(),
  revision: z.number().int(),
  title: z.string(),
  slug: z.string(),
  lang,
  deck: z.string().optional(),
  author: person,
  body: z.string(),
  contentHash: z.string(),
  fixes: z.array(fix),
  submittedRevision: z.number().int().optional(),
  approvedRevision: z.number().int().optional(),
  approvedHash: z.string().optional(),
  approvedBy: person.optional(),
  publishAt: z.string().optional(),
  path: z.string().optional(),
  firstPublishedAt: z.string().optional(),
  modifiedAt: z.string().optional(),
  publishedRevision: z.number().int().optional(),
  corrections: z.array(z.object({ at: z.string(), note: z.string() })),
  unpublishedAt: z.string().optional(),
  unpublishReason: z.string().optional(),
  publishError: z.object({ at: z.string(), message: z.string() }).optional(),
  pendingSiteWork: z.enum(['render-page', 'render-gone']).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const parseArticleItem = (item: Record<string, unknown>): Article => articleItemSchema.parse(item);

/** Only the article's own fields go into the item (no stray attributes from a caller's object). */
export const articleAttributes = (a: Article): Record<string, unknown> => articleItemSchema.parse(a);

export const revisionItemSchema = z.object({
  articleId: z.string(),
  number: z.number().int(),
  body: z.string(),
  contentHash: z.string(),
  title: z.string(),
  author: person,
  createdAt: z.string(),
});
export const parseRevisionItem = (item: Record<string, unknown>): Revision => revisionItemSchema.parse(item);

export const eventItemSchema = z.object({
  id: z.string(),
  articleId: z.string(),
  type: z.enum(EVENT_TYPES),
  at: z.string(),
  actor: person,
  from: z.enum(ARTICLE_STATUSES).optional(),
  to: z.enum(ARTICLE_STATUSES).optional(),
  revision: z.number().int(),
  comment: z.string().optional(),
});
export const parseEventItem = (item: Record<string, unknown>): ArticleEvent => eventItemSchema.parse(item);

export const listingItemOf = (a: Article): ListingItem => {
  if (!a.path || !a.firstPublishedAt) throw new Error(`article ${a.id} is not published`);
  return {
    title: a.title,
    ...(a.deck ? { deck: a.deck } : {}),
    path: a.path,
    desk: a.desk,
    lang: a.lang,
    publishedAt: a.firstPublishedAt,
    ...(a.modifiedAt ? { modifiedAt: a.modifiedAt } : {}),
  };
};

export const siteIndexItemSchema = z.object({
  pending: z.set(z.string()).optional(),
  archives: z.set(z.string()).optional(),
});
