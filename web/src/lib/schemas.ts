import * as z from 'zod/mini';

/** The API's JSON as the app reads it (architecture.md §3). zod/mini keeps the parsers small in the bundle. */
import { ARTICLE_STATUSES } from '../../../functions/domain/article-status.js';

export { ARTICLE_STATUSES, type ArticleStatus } from '../../../functions/domain/article-status.js';

const person = z.object({ sub: z.string(), name: z.string() });

export const fixSchema = z.object({
  kind: z.string(),
  before: z.string(),
  after: z.string(),
  paragraph: z.number(),
});
export type Fix = z.infer<typeof fixSchema>;

export const articleSchema = z.object({
  id: z.string(),
  desk: z.string(),
  status: z.enum(ARTICLE_STATUSES),
  version: z.number(),
  revision: z.number(),
  title: z.string(),
  slug: z.optional(z.string()),
  lang: z.optional(z.string()),
  deck: z.optional(z.nullable(z.string())),
  author: person,
  body: z.string(),
  fixes: z._default(z.array(fixSchema), []),
  url: z.optional(z.nullable(z.string())),
  publishAt: z.optional(z.nullable(z.string())),
  submittedRevision: z.optional(z.nullable(z.number())),
  approvedRevision: z.optional(z.nullable(z.number())),
  corrections: z._default(z.array(z.object({ at: z.string(), note: z.string() })), []),
  publishError: z.optional(
    z.nullable(
      z.object({ at: z.optional(z.string()), message: z.string(), code: z.optional(z.enum(['failed', 'stalled'])) }),
    ),
  ),
  unpublishReason: z.optional(z.nullable(z.string())),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Article = z.infer<typeof articleSchema>;

/** List items may leave out the body; everything a queue row shows is required. */
export const articleSummarySchema = z.object({
  id: z.string(),
  desk: z.string(),
  status: z.enum(ARTICLE_STATUSES),
  version: z.number(),
  title: z.string(),
  author: person,
  url: z.optional(z.nullable(z.string())),
  publishAt: z.optional(z.nullable(z.string())),
  publishError: z.optional(z.nullable(z.object({ at: z.optional(z.string()), message: z.string() }))),
  updatedAt: z.string(),
});
export type ArticleSummary = z.infer<typeof articleSummarySchema>;

export const articleListSchema = z.object({
  items: z.array(articleSummarySchema),
  nextCursor: z.optional(z.nullable(z.string())),
});

export const eventSchema = z.object({
  id: z.optional(z.string()),
  type: z.string(),
  at: z.string(),
  actor: person,
  from: z.optional(z.nullable(z.string())),
  to: z.optional(z.nullable(z.string())),
  revision: z.number(),
  comment: z.optional(z.nullable(z.string())),
});
export type ArticleEvent = z.infer<typeof eventSchema>;

/** `GET …/history` answers a bare array or `{items}`; both are accepted. */
export const historySchema = z.union([z.array(eventSchema), z.object({ items: z.array(eventSchema) })]);

export const revisionSchema = z.object({ body: z.string() });

export const deskSchema = z.object({ id: z.string(), name: z.string(), lang: z.string(), timeZone: z.string() });
export type Desk = z.infer<typeof deskSchema>;
export const desksSchema = z.union([z.array(deskSchema), z.object({ items: z.array(deskSchema) })]);

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.optional(z.record(z.string(), z.unknown())),
  }),
});

export const demoUserSchema = z.object({
  sub: z.string(),
  name: z.string(),
  groups: z.array(z.string()),
  role: z.optional(z.string()),
});
export type DemoUser = z.infer<typeof demoUserSchema>;

export const appConfigSchema = z.discriminatedUnion('auth', [
  z.object({ auth: z.literal('local'), demoUsers: z.array(demoUserSchema) }),
  z.object({
    auth: z.literal('cognito'),
    cognitoDomain: z.string(),
    clientId: z.string(),
    redirectUri: z.string(),
    region: z.optional(z.string()),
    scopes: z.optional(z.string()),
  }),
]);
export type AppConfig = z.infer<typeof appConfigSchema>;

export const devTokenSchema = z.object({ token: z.string() });

export const tokenResponseSchema = z.object({
  id_token: z.string(),
  access_token: z.optional(z.string()),
  refresh_token: z.optional(z.string()),
  expires_in: z.optional(z.number()),
});
