import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { NOT_FOUND_BUCKET_ENV } from './not-found-env.js';

/**
 * The distribution's fallback origin for the public site: when the site bucket has no object for a path (S3 answers
 * 403 to CloudFront, which may not list the bucket), CloudFront asks this function, which answers with the site's
 * own `/404.html` and status 404.
 *
 * Why a function and not a CloudFront custom error response: custom error responses apply to the whole
 * distribution, so they would also replace the API's JSON 403 and 404 errors under `/api/*`. An origin-group
 * fallback applies to the site behaviour only. Infrastructure glue, so it lives in infra/ beside the stack.
 */
// One string to check: a plain test instead of zod, whose 450 KB of minified code would double this function's
// cold start (see `npm run bench`).
const siteBucket = process.env[NOT_FOUND_BUCKET_ENV];
if (!siteBucket) throw new Error(`Lambda environment is incomplete: ${NOT_FOUND_BUCKET_ENV} is not set`);
const s3 = new S3Client({});

const NOT_FOUND_KEY = '404.html';
// Served when the site has not published its 404 page yet, so a reader never sees S3's XML error.
const FALLBACK_PAGE =
  '<!doctype html><html><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>404</title></head><body><h1>404</h1><p><a href="/">/</a></p></body></html>';
const CACHE_MS = 5 * 60 * 1000;

let cached: { body: string; until: number } | undefined;

const readNotFoundPage = async (now: number): Promise<string> => {
  if (cached && cached.until > now) return cached.body;
  let body = FALLBACK_PAGE;
  try {
    const out = await s3.send(new GetObjectCommand({ Bucket: siteBucket, Key: NOT_FOUND_KEY }));
    if (out.Body) body = await out.Body.transformToString('utf-8');
  } catch (error) {
    console.warn(JSON.stringify({ message: '404 page unavailable; serving the built-in one', error: String(error) }));
  }
  cached = { body, until: now + CACHE_MS };
  return body;
};

export const handler = async (): Promise<{ statusCode: number; headers: Record<string, string>; body: string }> => ({
  statusCode: 404,
  headers: {
    'content-type': 'text/html; charset=utf-8',
    // Short: a page published a minute later must not stay "not found" at the edge for long.
    'cache-control': 'public, max-age=60',
  },
  body: await readNotFoundPage(Date.now()),
});
