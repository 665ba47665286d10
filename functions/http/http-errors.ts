/**
 * Failures of the HTTP exchange itself, which the domain never sees: a body too large, not JSON or not UTF-8, a
 * malformed percent-escape in the path, a method the route does not take, our own unexpected fault. The domain's codes are in functions/domain/errors.ts; the contract
 * (functions/contract/error-codes.ts) lists both, and functions/http/error-status.ts gives each its status.
 */
export const HTTP_ERROR_CODES = [
  'payload_too_large',
  'unsupported_media_type',
  'method_not_allowed',
  'internal_error',
  'invalid_path',
  'invalid_encoding',
] as const;

export type HttpErrorCode = (typeof HTTP_ERROR_CODES)[number];

/** Thrown by request parsing; the API handler answers it with its code and the status of that code. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  readonly code: HttpErrorCode;
  /** Client-safe facts for the app's sentence (the limit, in bytes and in characters). */
  readonly details?: Record<string, unknown>;
  constructor(code: HttpErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.code = code;
    this.details = details;
  }
}
