import { z } from 'zod';
import { ARTICLE_STATUSES } from '../domain/article.js';

/** Request shapes of the HTTP API (architecture.md §3). Unknown fields are refused, not ignored. */
const text = (max: number) => z.string().max(max, `at most ${max} characters`);
const body = z.string().min(1, 'the draft is empty').max(150_000, 'at most 150,000 characters');
const version = z.number().int().min(1);

export const idParam = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'not an article id');

export const createArticleBody = z.strictObject({ desk: z.string().min(1).max(40), body });
export const saveArticleBody = z.strictObject({ body, version });
export const commentBody = z.strictObject({ text: text(5_000).trim().min(1, 'a comment cannot be empty') });
export const previewBody = z.strictObject({ desk: z.string().min(1).max(40), body });

export const ACTIONS = [
  'submit',
  'withdraw',
  'request-changes',
  'approve',
  'publish',
  'cancel-schedule',
  'correct',
  'unpublish',
] as const;
export const actionParam = z.enum(ACTIONS);

export const actionBody = z.strictObject({
  version,
  comment: text(5_000).optional(),
  at: z.iso.datetime({ offset: true }).optional(),
  reason: text(2_000).optional(),
  note: text(2_000).optional(),
  body: body.optional(),
});

export const listQuery = z.strictObject({
  desk: z.string().max(40).optional(),
  status: z.enum(ARTICLE_STATUSES).optional(),
  mine: z.enum(['true', 'false']).optional(),
  cursor: z.string().max(2_000).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

export const revisionParam = z.coerce.number().int().min(1).max(1_000_000);

const groupName = z.string().regex(/^(reporters|chief-editors|desk-[a-z][a-z0-9-]{0,30})$/, 'not a newsroom group');
export const devTokenBody = z.strictObject({
  sub: z.string().regex(/^[A-Za-z0-9._@-]{1,128}$/),
  name: z.string().trim().min(1).max(100),
  groups: z.array(groupName).max(10),
});
