import * as z from 'zod/mini';
import { ARTICLE_STATUSES, UNPUBLISH_KINDS } from '../domain/article.js';

/**
 * Request shapes of the HTTP API (architecture.md §3). Unknown fields are refused, not ignored. zod/mini (functional
 * checks) keeps the API Lambda's cold start small; `parseWith` gives unmessaged issues zod's English messages.
 * Import it as a namespace (`import * as z`): with `import { z }` esbuild keeps every zod locale in the bundle.
 */
const text = (max: number) => z.string().check(z.maxLength(max, `at most ${max} characters`));
const body = z.string().check(z.minLength(1, 'the draft is empty'), z.maxLength(150_000, 'at most 150,000 characters'));
const version = z.int().check(z.minimum(1));
const deskId = z.string().check(z.minLength(1), z.maxLength(40));

export const idParam = z.string().check(z.regex(/^[A-Za-z0-9-]{1,64}$/, 'not an article id'));

export const createArticleBody = z.strictObject({ desk: deskId, body });
export const saveArticleBody = z.strictObject({ body, version });
export const commentBody = z.strictObject({
  text: text(5_000).check(z.trim(), z.minLength(1, 'a comment cannot be empty')),
});
export const previewBody = z.strictObject({ desk: deskId, body });

export const ACTIONS = [
  'submit',
  'withdraw',
  'request-changes',
  'approve',
  'publish',
  'cancel-schedule',
  'correct',
  'unpublish',
  'restore',
] as const;
export const actionParam = z.enum(ACTIONS);

export const actionBody = z.strictObject({
  version,
  comment: z.optional(text(5_000)),
  at: z.optional(z.iso.datetime({ offset: true })),
  reason: z.optional(text(2_000)),
  kind: z.optional(z.enum(UNPUBLISH_KINDS)),
  note: z.optional(text(2_000)),
  body: z.optional(body),
});

export const listQuery = z.strictObject({
  desk: z.optional(z.string().check(z.maxLength(40))),
  status: z.optional(z.enum(ARTICLE_STATUSES)),
  mine: z.optional(z.enum(['true', 'false'])),
  cursor: z.optional(z.string().check(z.maxLength(2_000))),
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100))),
});

export const revisionParam = z.coerce.number().check(z.int(), z.minimum(1), z.maximum(1_000_000));

const groupName = z
  .string()
  .check(z.regex(/^(reporters|chief-editors|desk-[a-z][a-z0-9-]{0,30})$/, 'not a newsroom group'));
export const devTokenBody = z.strictObject({
  sub: z.string().check(z.regex(/^[A-Za-z0-9._@-]{1,128}$/)),
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  groups: z.array(groupName).check(z.maxLength(10)),
});
