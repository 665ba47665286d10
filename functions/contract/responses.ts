import * as z from 'zod/mini';
import { ARTICLE_STATUSES, UNPUBLISH_KINDS } from '../domain/article-status.js';
import { FIX_PARTS } from './vocabulary.js';

/**
 * Response shapes of the HTTP API (architecture.md §3), as the newsroom app parses them. Objects are not strict:
 * answers may grow (new fields are ignored by an older app), but a field the app relies on never goes away.
 * tests/unit/contract checks that what the handler presents parses with these schemas.
 */
const person = z.object({ sub: z.string(), name: z.string() });
export { ARTICLE_STATUSES, type ArticleStatus } from '../domain/article-status.js';

const status = z.enum(ARTICLE_STATUSES);

/** One repair made to a draft's text. `kind` is open: the app shows a kind it does not know by its name. */
export const fix = z.object({
  kind: z.string(),
  before: z.string(),
  after: z.string(),
  /** 1-based body paragraph; 0 when the repair is in the standfirst, lede or signature (see `part`). */
  paragraph: z.number(),
  /** Absent means the body. */
  part: z.optional(z.enum(FIX_PARTS)),
});
export type Fix = z.infer<typeof fix>;

const publishError = z.object({
  at: z.string(),
  message: z.string(),
  /** `stalled`: overdue and still held by another run; retried automatically. */
  code: z.optional(z.enum(['failed', 'stalled'])),
});

/** A list entry: everything but the text and its repairs. */
export const articleSummaryResponse = z.object({
  id: z.string(),
  desk: z.string(),
  status,
  version: z.number(),
  revision: z.number(),
  title: z.string(),
  slug: z.string(),
  lang: z.string(),
  deck: z.optional(z.string()),
  author: person,
  /** The public URL, once published. */
  url: z.optional(z.string()),
  publishAt: z.optional(z.string()),
  submittedRevision: z.optional(z.number()),
  approvedRevision: z.optional(z.number()),
  corrections: z.array(z.object({ at: z.string(), note: z.string() })),
  /** The last failure of site work, shown to the desk until it succeeds. */
  publishError: z.optional(publishError),
  unpublishReason: z.optional(z.string()),
  unpublishKind: z.optional(z.enum(UNPUBLISH_KINDS)),
  /** Site work (a page, a take-down) is still owed after the state was committed. */
  sitePending: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ArticleSummary = z.infer<typeof articleSummaryResponse>;

/** `GET /api/articles/{id}` and every write to an article. */
export const articleResponse = z.extend(articleSummaryResponse, {
  body: z.string(),
  fixes: z.array(fix),
});
export type Article = z.infer<typeof articleResponse>;

/** `GET /api/articles?…` */
export const articleListResponse = z.object({
  items: z.array(articleSummaryResponse),
  nextCursor: z.nullable(z.string()),
});
export type ArticleList = z.infer<typeof articleListResponse>;

/** One entry of an article's history; `type` is open (new kinds of events may appear). */
export const articleEvent = z.object({
  id: z.string(),
  type: z.string(),
  at: z.string(),
  actor: person,
  from: z.optional(status),
  to: z.optional(status),
  revision: z.number(),
  comment: z.optional(z.string()),
  /** On `scheduled` events: when the page is due (the event's own time for "publish now"). */
  publishAt: z.optional(z.string()),
  /** On `edited` events: the first autosave of a burst (its later revisions carry no event of their own). */
  autosave: z.optional(z.boolean()),
  /** On `edited` events: the text restored is that of this earlier revision. */
  restoredFrom: z.optional(z.number()),
});
export type ArticleEvent = z.infer<typeof articleEvent>;

/** `GET /api/articles/{id}/history`, oldest first. */
export const historyResponse = z.array(articleEvent);

/** `POST /api/articles/{id}/comments` (201): the comment as an event. */
export const commentResponse = articleEvent;

/** `GET /api/articles/{id}/revisions/{n}` */
export const revisionResponse = z.object({
  number: z.number(),
  body: z.string(),
  title: z.string(),
  author: person,
  createdAt: z.string(),
  autosave: z.optional(z.boolean()),
  restoredFrom: z.optional(z.number()),
});
export type Revision = z.infer<typeof revisionResponse>;

export const desk = z.object({ id: z.string(), name: z.string(), lang: z.string(), timeZone: z.string() });
export type Desk = z.infer<typeof desk>;

/** `GET /api/desks` */
export const desksResponse = z.array(desk);

/** `POST /api/dev/token`, local stack only. */
export const devTokenResponse = z.object({ token: z.string() });
