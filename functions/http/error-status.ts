import type { ApiErrorCode } from '../contract/error-codes.js';

/**
 * The one table from error codes to HTTP statuses, for every code a response can carry (the domain's and the HTTP
 * exchange's, listed by the contract): a new code without a status fails to compile.
 */
export const STATUS_OF: Record<ApiErrorCode, number> = {
  invalid_input: 400,
  invalid_path: 400,
  invalid_cursor: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  stale_version: 409,
  invalid_transition: 409,
  conflict: 409,
  payload_too_large: 413,
  article_too_large: 413,
  unsupported_media_type: 415,
  internal_error: 500,
  // The request was well-formed, but the draft is over a bound (DRAFT_LIMITS) or its front matter is unusable.
  draft_too_complex: 422,
  front_matter_invalid: 422,
  // Our own fault, transient: the work is queued and retried; the client may poll the article.
  publish_pending: 503,
  // A body whose bytes are not valid UTF-8: refused rather than stored with replacement characters.
  invalid_encoding: 400,
  // The draft's preview or parse ran out of its worker's memory or time: the text itself is the problem.
  preview_unavailable: 422,
  // Photo desk: an upload of a type or size the newsroom does not take, and drafts naming images that cannot be used.
  media_type_unsupported: 415,
  media_too_large: 413,
  media_unknown: 422,
  media_not_ready: 422,
  media_missing_alt: 422,
};
