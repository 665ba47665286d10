import type { DomainErrorCode } from '../domain/errors.js';

/** The one table from domain errors to HTTP statuses: a new code without a status fails to compile. */
export const STATUS_OF: Record<DomainErrorCode, number> = {
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
  // Our own fault, transient: the work is queued and retried; the client may poll the article.
  publish_pending: 503,
};
