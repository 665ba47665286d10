/**
 * Typed domain errors. Every failure the core can report has a code here; the HTTP layer maps each code to a
 * status in one table (functions/http/error-status.ts), so adding a code without a status fails to compile.
 * Failures of the HTTP exchange itself (body too large, wrong method) are in functions/http/http-errors.ts.
 * No imports: the API contract (functions/contract) lists these codes for the newsroom app too.
 */
export const DOMAIN_ERROR_CODES = [
  'invalid_input',
  'unauthenticated',
  'forbidden',
  'not_found',
  'stale_version',
  'invalid_transition',
  'conflict',
  'publish_pending',
  'invalid_cursor',
  'article_too_large',
  'preview_unavailable',
  'draft_too_complex',
  'front_matter_invalid',
  // Photo desk (issue 11).
  'media_type_unsupported',
  'media_too_large',
  'media_unknown',
  'media_not_ready',
  'media_missing_alt',
] as const;

export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** Extra, client-safe facts (e.g. the current version on a stale write). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const isDomainError = (error: unknown): error is DomainError => error instanceof DomainError;
