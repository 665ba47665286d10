import type { DomainErrorCode } from '../domain/errors.js';

/** The one table from domain errors to HTTP statuses: a new code without a status fails to compile. */
export const STATUS_OF: Record<DomainErrorCode, number> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  stale_version: 409,
  invalid_transition: 409,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  // The request was well-formed, but the draft is over a bound (DRAFT_LIMITS) or its front matter is unusable.
  draft_too_complex: 422,
  front_matter_invalid: 422,
  // Our own fault, transient: the work is queued and retried; the client may poll the article.
  publish_pending: 503,
};
