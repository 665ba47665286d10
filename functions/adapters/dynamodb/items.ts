import * as z from 'zod/mini';
import {
  ARTICLE_STATUSES,
  EVENT_TYPES,
  UNPUBLISH_KINDS,
  type Article,
  type ArticleEvent,
  type Revision,
} from '../../domain/article.js';
import type { PublishedStory } from '../../ports/published-index.js';

/**
 * What comes back from DynamoDB is outside data: parsed here, never cast. zod/mini keeps cold starts small; a failure
 * here is a bug or a corrupt item, and the ZodError's issues (code, path, expected) say what is wrong.
 */
const person = z.object({ sub: z.string(), name: z.string() });
const fix = z.object({
  kind: z.enum(['hyphenation', 'paragraph-join']),
  before: z.string(),
  after: z.string(),
  paragraph: z.int(),
  part: z.optional(z.enum(['body', 'deck', 'lede', 'signature'])),
});
const lang = z.enum(['ru', 'en']);
const thumbnail = z.object({ url: z.string(), width: z.int(), height: z.int(), alt: z.string() });

export const articleItemSchema = z.object({
  id: z.string(),
  desk: z.string(),
  status: z.enum(ARTICLE_STATUSES),
  version: z.int(),
  revision: z.int(),
  title: z.string(),
  slug: z.string(),
  lang,
  deck: z.optional(z.string()),
  author: person,
  body: z.string(),
  contentHash: z.string(),
  fixes: z.array(fix),
  submittedRevision: z.optional(z.int()),
  approvedRevision: z.optional(z.int()),
  approvedHash: z.optional(z.string()),
  approvedBy: z.optional(person),
  publishAt: z.optional(z.string()),
  path: z.optional(z.string()),
  firstPublishedAt: z.optional(z.string()),
  modifiedAt: z.optional(z.string()),
  publishedRevision: z.optional(z.int()),
  corrections: z.array(z.object({ at: z.string(), note: z.string() })),
  unpublishedAt: z.optional(z.string()),
  unpublishReason: z.optional(z.string()),
  unpublishKind: z.optional(z.enum(UNPUBLISH_KINDS)),
  publishError: z.optional(
    z.object({ at: z.string(), message: z.string(), code: z.optional(z.enum(['failed', 'stalled'])) }),
  ),
  pendingSiteWork: z.optional(z.enum(['render-page', 'render-gone', 'remove-page'])),
  publishIntent: z.optional(z.object({ path: z.string(), revision: z.int(), publishedAt: z.string() })),
  leadImage: z.optional(thumbnail),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const parseArticleItem = (item: Record<string, unknown>): Article => articleItemSchema.parse(item);

/** Only the article's own fields go into the item (no stray attributes from a caller's object). */
export const articleAttributes = (a: Article): Record<string, unknown> => articleItemSchema.parse(a);

export const revisionItemSchema = z.object({
  articleId: z.string(),
  number: z.int(),
  body: z.string(),
  contentHash: z.string(),
  title: z.string(),
  author: person,
  createdAt: z.string(),
  autosave: z.optional(z.boolean()),
  restoredFrom: z.optional(z.int()),
});
export const parseRevisionItem = (item: Record<string, unknown>): Revision => revisionItemSchema.parse(item);

export const eventItemSchema = z.object({
  id: z.string(),
  articleId: z.string(),
  type: z.enum(EVENT_TYPES),
  at: z.string(),
  actor: person,
  from: z.optional(z.enum(ARTICLE_STATUSES)),
  to: z.optional(z.enum(ARTICLE_STATUSES)),
  revision: z.int(),
  comment: z.optional(z.string()),
  unpublishKind: z.optional(z.enum(UNPUBLISH_KINDS)),
  publishAt: z.optional(z.string()),
  autosave: z.optional(z.boolean()),
  restoredFrom: z.optional(z.int()),
});
export const parseEventItem = (item: Record<string, unknown>): ArticleEvent => eventItemSchema.parse(item);

/** A published article as the published-list indexes project it (LISTING_ATTRIBUTES): no body. */
const listingItemSchema = z.object({
  id: z.string(),
  status: z.enum(ARTICLE_STATUSES),
  title: z.string(),
  deck: z.optional(z.string()),
  path: z.string(),
  desk: z.string(),
  lang,
  firstPublishedAt: z.string(),
  modifiedAt: z.optional(z.string()),
  leadImage: z.optional(thumbnail),
});

/** undefined for anything not live (an index entry may briefly trail a take-down). */
export const parseListingItem = (item: Record<string, unknown>): PublishedStory | undefined => {
  const a = listingItemSchema.parse(item);
  if (a.status !== 'published') return undefined;
  return {
    id: a.id,
    title: a.title,
    ...(a.deck ? { deck: a.deck } : {}),
    path: a.path,
    desk: a.desk,
    lang: a.lang,
    publishedAt: a.firstPublishedAt,
    ...(a.modifiedAt ? { modifiedAt: a.modifiedAt } : {}),
    ...(a.leadImage ? { image: a.leadImage } : {}),
  };
};

/** The site-index record: archives as `desk|month` tokens, and what each desk page last listed. */
export const siteIndexItemSchema = z.object({
  archives: z.optional(z.set(z.string())),
  listed: z.optional(
    z.record(z.string(), z.array(z.object({ articleId: z.string(), month: z.string(), stamp: z.string() }))),
  ),
});

/** Pending desk-months as the record held them before marks (read once, to migrate them). */
export const legacySiteIndexSchema = z.object({ pending: z.optional(z.set(z.string())) });

/** One pending site-index mark (see siteIndexMarkKey). */
export const siteMarkItemSchema = z.object({
  sk: z.string(),
  articleId: z.string(),
  desk: z.string(),
  month: z.string(),
  createdAt: z.string(),
});
