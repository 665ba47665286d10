import * as z from 'zod/mini';
import { DOMAIN_ERROR_CODES } from '../domain/errors.js';
import { HTTP_ERROR_CODES } from '../http/http-errors.js';

/**
 * Every code an API error response can carry: the domain's and the HTTP exchange's. The newsroom app must have a
 * sentence in each language for each one (tests/unit/web/i18n.test.ts), and functions/http/error-status.ts a status.
 */
export const API_ERROR_CODES = [...DOMAIN_ERROR_CODES, ...HTTP_ERROR_CODES] as const;

export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export const isApiErrorCode = (code: string): code is ApiErrorCode =>
  (API_ERROR_CODES as readonly string[]).includes(code);

/**
 * `{error: {code, message, details?}}`. The code is read as any string: a newer server may answer with a code this
 * app does not know yet, and the app still shows the server's message.
 */
export const errorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.optional(z.record(z.string(), z.unknown())),
  }),
});
export type ErrorResponse = z.infer<typeof errorResponse>;
