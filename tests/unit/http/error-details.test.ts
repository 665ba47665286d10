import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { isDomainError } from '../../../functions/domain/errors.js';
import { HttpError } from '../../../functions/http/http-errors.js';
import { MAX_BODY_BYTES, parseWith, readJsonBody } from '../../../functions/http/request.js';

/** What an error carries for the app's sentence (issue 12: the facts come in `details`, never only in English). */
const detailsOf = (fn: () => unknown): Record<string, unknown> | undefined => {
  try {
    fn();
  } catch (error) {
    if (isDomainError(error) || error instanceof HttpError) return error.details;
    throw error;
  }
  throw new Error('expected a refusal');
};

const eventWith = (body: string): APIGatewayProxyEventV2 => ({
  version: '2.0',
  routeKey: '$default',
  rawPath: '/api/articles',
  rawQueryString: '',
  headers: { 'content-type': 'application/json' },
  isBase64Encoded: false,
  body,
  requestContext: {
    accountId: '1',
    apiId: 'a',
    domainName: 'localhost',
    domainPrefix: 'localhost',
    http: { method: 'POST', path: '/api/articles', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
    requestId: 'r',
    routeKey: '$default',
    stage: '$default',
    time: '',
    timeEpoch: 0,
  },
});

describe('error details for the app', () => {
  it('a body over the limit says the limit in bytes and in characters of Russian text', () => {
    const body = JSON.stringify({ body: 'я'.repeat(MAX_BODY_BYTES / 2 + 10) });
    expect(detailsOf(() => readJsonBody(eventWith(body)))).toEqual({
      limitBytes: MAX_BODY_BYTES,
      actualBytes: Buffer.byteLength(body),
      maxCharacters: 98_304,
      actualCharacters: Math.floor(Buffer.byteLength(body) / 2),
    });
  });

  it('a request that fails its schema names the first offending field and every issue’s path', () => {
    const schema = z.object({ version: z.number(), comment: z.string() });
    expect(detailsOf(() => parseWith(schema, { version: 'x', comment: 1 }, 'request body'))).toEqual({
      field: 'version',
      issues: [
        { path: 'version', code: 'invalid_type' },
        { path: 'comment', code: 'invalid_type' },
      ],
    });
    expect(detailsOf(() => parseWith(schema, 'text', 'request body'))).toEqual({
      issues: [{ path: '', code: 'invalid_type' }],
    });
  });
});
