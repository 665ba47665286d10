/**
 * Typed domain errors. Every failure the core can report has a code here; the HTTP layer maps each code to a
 * status in one table (functions/http/error-status.ts), so adding a code without a status fails to compile.
 */
export const DOMAIN_ERROR_CODES = [
  'invalid_input',
  'unauthenticated',
  'forbidden',
  'not_found',
  'stale_version',
  'invalid_transition',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'method_not_allowed',
  'publish_pending',
  'draft_too_complex',
  'front_matter_invalid',
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
