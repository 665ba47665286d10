import * as z from 'zod/mini';

/** Responses of the desk's working tools (see desk-requests.ts). Objects are open: answers may grow. */
const person = z.object({ sub: z.string(), name: z.string() });

/** `PUT|GET /api/articles/{id}/presence`: who else has the story open in the editor now. */
export const presenceResponse = z.object({
  others: z.array(z.extend(person, { since: z.string() })),
  /** Seconds a lease lasts without a renewal; the app renews well within it. */
  ttlSeconds: z.number(),
});
export type PresenceResponse = z.infer<typeof presenceResponse>;

/**
 * `GET /api/articles/counts`: stories per status. `capped` names statuses whose count stopped at the read bound (the
 * app shows "1000+"); `itemsRead` is what the counts cost, in index items read.
 */
export const countsResponse = z.object({
  counts: z.record(z.string(), z.number()),
  capped: z.array(z.string()),
  itemsRead: z.number(),
});
export type CountsResponse = z.infer<typeof countsResponse>;

/** One entry of `GET /api/articles/{id}/revisions`: a revision without its text. */
export const revisionSummary = z.object({
  number: z.number(),
  title: z.string(),
  author: person,
  createdAt: z.string(),
  autosave: z.optional(z.boolean()),
  restoredFrom: z.optional(z.number()),
});
export type RevisionSummary = z.infer<typeof revisionSummary>;

export const revisionListResponse = z.object({
  items: z.array(revisionSummary),
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: z.nullable(z.number()),
});
export type RevisionList = z.infer<typeof revisionListResponse>;
