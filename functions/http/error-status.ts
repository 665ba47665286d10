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
  // Our own fault, transient: the work is queued and retried; the client may poll the article.
  publish_pending: 503,
  // A body whose bytes are not valid UTF-8: refused rather than stored with replacement characters.
  invalid_encoding: 400,
  // The draft's preview or parse ran out of its worker's memory or time: the text itself is the problem.
  preview_unavailable: 422,
};
