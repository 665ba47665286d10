import * as z from 'zod/mini';

/**
 * Requests of the desk's working tools (issue 12 §3, §4, §7, §8): presence, counts, the revision list and restoring
 * a revision. Unknown fields are refused, as everywhere in the contract.
 */
const version = z.int().check(z.minimum(1));

/** `GET /api/articles/counts?desk=` (the desk's statuses) or `?mine=true` (the caller's own stories). */
export const countsQuery = z.strictObject({
  desk: z.optional(z.string().check(z.minLength(1), z.maxLength(40))),
  mine: z.optional(z.enum(['true', 'false'])),
});
export type CountsQuery = z.input<typeof countsQuery>;

/** `GET /api/articles/{id}/revisions?before=n`: a page of revisions older than `before`, newest first. */
export const revisionListQuery = z.strictObject({
  before: z.optional(z.coerce.number().check(z.int(), z.minimum(2), z.maximum(1_000_001))),
});
export type RevisionListQuery = z.input<typeof revisionListQuery>;

/** `POST /api/articles/{id}/revisions/{n}/restore`: the version the restore is decided on (stale → 409). */
export const restoreRevisionRequest = z.strictObject({ version });
export type RestoreRevisionRequest = z.input<typeof restoreRevisionRequest>;
