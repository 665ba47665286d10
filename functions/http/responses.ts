import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export type ApiResult = APIGatewayProxyStructuredResultV2 & { statusCode: number; headers: Record<string, string> };

const API_HEADERS = {
  // API answers carry per-user data: never cached by the CDN or the browser.
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
} as const;

export const jsonResponse = (
  statusCode: number,
  payload: unknown,
  headers: Record<string, string> = {},
): ApiResult => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8', ...API_HEADERS, ...headers },
  body: JSON.stringify(payload),
});

export const errorResponse = (
  statusCode: number,
  code: string,
  message: string,
  details?: Record<string, unknown>,
  headers: Record<string, string> = {},
): ApiResult => jsonResponse(statusCode, { error: { code, message, ...(details ? { details } : {}) } }, headers);

/** Previews: private to the signed-in user, never indexed. */
export const previewResponse = (html: string): ApiResult => ({
  statusCode: 200,
  headers: {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'private, no-store',
    'x-robots-tag': 'noindex, nofollow',
    'x-content-type-options': 'nosniff',
    // The preview is shown in a sandboxed frame by the newsroom app; it runs no script of its own either.
    'content-security-policy':
      "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; frame-ancestors 'self'",
  },
  body: html,
});
