import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { Script, createContext } from 'node:vm';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { z } from 'zod';
import { PUBLIC_SITE_CSP, securityHeadersFor, toHttpHeaders } from '../edge/security-headers.js';
import { cloudFrontInvalidationPaths } from '../adapters/cloudfront/cloudfront-cdn.js';
import type { Cdn } from '../ports/cdn.js';
import type { SiteStore, StoredSiteObject } from '../ports/site-store.js';

/**
 * A CloudFront-like layer in front of the site bucket, for the local stack: the distribution's edge functions (the
 * same files CloudFront runs), its cache (TTL from Cache-Control, keyed by the URI the viewer-request function
 * produced), invalidations, conditional GETs, compression, the custom 404 page and the response headers policy.
 */

export interface LocalCdnOptions {
  store: SiteStore;
  /** Epoch milliseconds; tests pass their own clock instead of sleeping. */
  now?: () => number;
  /** Folder holding viewer-request.js and viewer-response.js. */
  edgeDir?: string;
  /** CloudFront's cache policy TTLs (CachingOptimized: 1 s, 1 day, 1 year). */
  minTtlSeconds?: number;
  defaultTtlSeconds?: number;
  maxTtlSeconds?: number;
  /** How long the custom error response (404 page) is cached; CloudFront's default is 10 s. */
  errorCachingTtlSeconds?: number;
  log?: (line: string) => void;
}

export interface CdnRequest {
  method: string;
  /** Path and query string, as in the request line. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  clientIp?: string;
}

export interface CdnResponse {
  status: number;
  headers: Record<string, string>;
  /** Empty for HEAD and 304. */
  body: Buffer;
}

export interface LocalCdn extends Cdn {
  /** Answers a request for the public site. */
  serve(request: CdnRequest): Promise<CdnResponse>;
  /** `serve` for a Node request/response pair. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Cache keys currently held (URIs after the viewer-request function), for tests and debugging. */
  cachedKeys(): string[];
  /** CloudFront's CreateInvalidation: paths matched against cache keys as CloudFront matches them. */
  createInvalidation(paths: readonly string[]): Promise<void>;
}

// ── edge functions ───────────────────────────────────────────────────────────────────────────────────────────────

type CfValue = { value: string; multiValue?: Array<{ value: string }> };
type CfMap = Record<string, CfValue>;

const cfValueSchema = z.object({ value: z.string() });
const cfMapSchema = z.record(z.string(), cfValueSchema).optional();
const functionResponseSchema = z.object({
  statusCode: z.number().int(),
  statusDescription: z.string().optional(),
  headers: cfMapSchema,
  body: z.union([z.string(), z.object({ data: z.string(), encoding: z.enum(['text', 'base64']) })]).optional(),
});
const functionRequestSchema = z.object({ uri: z.string(), querystring: cfMapSchema, headers: cfMapSchema });

type EdgeHandler = (event: unknown) => unknown;

// A script's function cannot be checked beyond being callable; what it returns is parsed (functionResponseSchema).
const isEdgeHandler = (value: unknown): value is EdgeHandler => typeof value === 'function';

/** Loads a CloudFront Function file as CloudFront does: a script whose top-level `handler` is called per event. */
const loadEdgeFunction = (file: string): EdgeHandler => {
  const context = createContext({ console });
  new Script(readFileSync(file, 'utf8'), { filename: file }).runInContext(context);
  const handler: unknown = context.handler;
  if (!isEdgeHandler(handler)) throw new Error(`${file} defines no top-level function handler(event)`);
  return (event) => handler(event);
};

const toCfMap = (entries: Iterable<[string, string]>): CfMap => {
  const map: CfMap = {};
  for (const [name, value] of entries) {
    const existing = map[name];
    if (existing) existing.multiValue = [...(existing.multiValue ?? [{ value: existing.value }]), { value }];
    else map[name] = { value };
  }
  return map;
};

const fromCfMap = (map: Record<string, { value: string }> | undefined): Record<string, string> =>
  Object.fromEntries(Object.entries(map ?? {}).map(([name, v]) => [name.toLowerCase(), v.value]));

const headerEntries = (headers: CdnRequest['headers']): Array<[string, string]> =>
  Object.entries(headers).flatMap(([name, value]) =>
    value === undefined
      ? []
      : (Array.isArray(value) ? value : [value]).map((v): [string, string] => [name.toLowerCase(), v]),
  );

const queryEntries = (query: string): Array<[string, string]> =>
  [...new URLSearchParams(query)].map(([k, v]): [string, string] => [k, v]);

// ── caching rules ────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * The TTL CloudFront gives an object: `s-maxage`, else `max-age`, else the default, clamped to the policy's range;
 * 0 (not cached) for no-store, no-cache and private. Hand-rolled: the directives we read are a dozen lines.
 */
export const decideTtlSeconds = (
  cacheControl: string | undefined,
  policy: { minTtlSeconds: number; defaultTtlSeconds: number; maxTtlSeconds: number },
): number => {
  const directives = new Map<string, string | undefined>();
  for (const part of (cacheControl ?? '').split(',')) {
    const [name, value] = part.trim().split('=', 2);
    if (name) directives.set(name.toLowerCase(), value?.replace(/^"|"$/g, ''));
  }
  if (directives.has('no-store') || directives.has('private') || directives.has('no-cache')) return 0;
  const seconds = (name: string): number | undefined => {
    const n = Number(directives.get(name));
    return directives.has(name) && Number.isFinite(n) && n >= 0 ? Math.floor(n) : undefined;
  };
  const ttl = seconds('s-maxage') ?? seconds('max-age') ?? policy.defaultTtlSeconds;
  return Math.min(Math.max(ttl, policy.minTtlSeconds), policy.maxTtlSeconds);
};

/** `/politics/*` matches every key under /politics/; anything else matches one key exactly. */
export const matchesInvalidationPath = (pattern: string, key: string): boolean =>
  pattern.endsWith('*') ? key.startsWith(pattern.slice(0, -1)) : key === pattern;

const normalizePath = (path: string): string => {
  const withSlash = path.startsWith('/') ? path : `/${path}`;
  try {
    return decodeURI(withSlash);
  } catch {
    return withSlash;
  }
};

// CloudFront compresses these types when they are between 1,000 and 10,000,000 bytes.
const COMPRESSIBLE =
  /^(text\/|application\/(json|xml|javascript|x-javascript|ecmascript|rss\+xml|atom\+xml|xhtml\+xml|ld\+json|manifest\+json|vnd\.ms-fontobject|x-font-ttf|x-web-app-manifest\+json)|image\/(svg\+xml|x-icon|vnd\.microsoft\.icon)|font\/)/i;
const MIN_COMPRESS_BYTES = 1_000;
const MAX_COMPRESS_BYTES = 10_000_000;

type Encoding = 'br' | 'gzip';

const chooseEncoding = (acceptEncoding: string | undefined): Encoding | undefined => {
  const accepted = new Set(
    (acceptEncoding ?? '')
      .split(',')
      .map((part) => part.trim().toLowerCase())
      .filter((part) => !/;\s*q=0(\.0*)?$/.test(part))
      .map((part) => part.split(';')[0]),
  );
  // CloudFront prefers Brotli when the viewer accepts both.
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return undefined;
};

const compress = (body: Buffer, encoding: Encoding): Buffer =>
  encoding === 'br'
    ? brotliCompressSync(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } })
    : gzipSync(body);

const weakEtag = (etag: string): string => (etag.startsWith('W/') ? etag : `W/${etag}`);
const opaqueTag = (etag: string): string => etag.replace(/^W\//, '');

const etagMatches = (ifNoneMatch: string, etag: string): boolean =>
  ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((tag) => opaqueTag(tag.trim()) === opaqueTag(etag));

// ── the distribution ─────────────────────────────────────────────────────────────────────────────────────────────

interface CacheEntry {
  key: string;
  /** 200, or 404 for the custom error page. */
  status: number;
  originHeaders: Record<string, string>;
  body: Buffer;
  storedAt: number;
  ttlMs: number;
  compressed: Map<Encoding, Buffer>;
}

const DEFAULT_EDGE_DIR = fileURLToPath(new URL('../edge/', import.meta.url));
const ERROR_PAGE_KEY = '404.html';
const SITE_HEADERS = toHttpHeaders(securityHeadersFor(PUBLIC_SITE_CSP));

const originHeadersOf = (object: StoredSiteObject): Record<string, string> => {
  const headers: Record<string, string> = {};
  headers['content-type'] = object.contentType ?? 'application/octet-stream';
  if (object.cacheControl) headers['cache-control'] = object.cacheControl;
  if (object.etag) headers.etag = object.etag;
  if (object.lastModified) headers['last-modified'] = object.lastModified.toUTCString();
  for (const [name, value] of Object.entries(object.metadata)) headers[`x-amz-meta-${name}`] = value;
  return headers;
};

const firstHeader = (headers: CdnRequest['headers'], name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  304: 'Not Modified',
  400: 'Bad Request',
  404: 'Not Found',
  410: 'Gone',
};

/** S3's limit on a key; a longer one gets 400 KeyTooLongError from S3 (s3rver answers 404). */
const S3_MAX_KEY_BYTES = 1024;
/** s3rver keeps each key segment as a file name: longer segments, or a NUL, make it fail with a 500. */
const S3RVER_MAX_SEGMENT_BYTES = 255;

/**
 * Keys S3 accepts but s3rver cannot store on disk. Nothing we write has one (slugs are short), so in S3 they are
 * simply missing: answered here as missing instead of asking s3rver, whose 500 would otherwise surface.
 */
const unstorableInEmulator = (objectKey: string): boolean =>
  objectKey.includes('\0') ||
  objectKey.split('/').some((segment) => Buffer.byteLength(segment) > S3RVER_MAX_SEGMENT_BYTES);

/** The HTTP status the origin answered with, when it answered at all (none means it could not be reached). */
const originStatusOf = (error: unknown): number | undefined => {
  if (typeof error !== 'object' || error === null || !('$metadata' in error)) return undefined;
  const meta = error.$metadata;
  if (typeof meta !== 'object' || meta === null || !('httpStatusCode' in meta)) return undefined;
  return typeof meta.httpStatusCode === 'number' ? meta.httpStatusCode : undefined;
};

const s3ErrorXml = (code: string, message: string): Buffer =>
  Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`,
  );

export const createLocalCdn = (options: LocalCdnOptions): LocalCdn => {
  const now = options.now ?? Date.now;
  const log = options.log ?? ((line: string) => console.error(line));
  const edgeDir = options.edgeDir ?? DEFAULT_EDGE_DIR;
  const viewerRequest = loadEdgeFunction(`${edgeDir.replace(/\/$/, '')}/viewer-request.js`);
  const viewerResponse = loadEdgeFunction(`${edgeDir.replace(/\/$/, '')}/viewer-response.js`);
  const policy = {
    minTtlSeconds: options.minTtlSeconds ?? 1,
    defaultTtlSeconds: options.defaultTtlSeconds ?? 86_400,
    maxTtlSeconds: options.maxTtlSeconds ?? 31_536_000,
  };
  const errorTtlMs = (options.errorCachingTtlSeconds ?? 10) * 1000;
  const cache = new Map<string, CacheEntry>();

  const fresh = (key: string): CacheEntry | undefined => {
    const entry = cache.get(key);
    if (entry && now() < entry.storedAt + entry.ttlMs) return entry;
    if (entry) cache.delete(key);
    return undefined;
  };

  const errorEntry = (key: string, status: number, body: Buffer): CacheEntry => ({
    key,
    status,
    originHeaders: { 'content-type': 'application/xml' },
    body,
    storedAt: now(),
    ttlMs: errorTtlMs,
    compressed: new Map(),
  });

  /**
   * Fetches from the bucket; a missing key becomes the custom error response (404.html with status 404), as does
   * S3's 403 for a missing key (the distribution's origin group falls back on both). A key S3 refuses is S3's 400.
   */
  const fetchFromOrigin = async (key: string): Promise<CacheEntry> => {
    const objectKey = key.replace(/^\/+/, '');
    if (Buffer.byteLength(objectKey) > S3_MAX_KEY_BYTES) {
      return errorEntry(key, 400, s3ErrorXml('KeyTooLongError', 'Your key is too long'));
    }
    let object: StoredSiteObject | undefined;
    if (!unstorableInEmulator(objectKey)) {
      try {
        object = await options.store.get(objectKey);
      } catch (error) {
        if (originStatusOf(error) !== 403) throw error;
      }
    }
    if (object) {
      const originHeaders = originHeadersOf(object);
      const ttlSeconds = decideTtlSeconds(object.cacheControl, policy);
      return {
        key,
        status: 200,
        originHeaders,
        body: Buffer.from(object.body),
        storedAt: now(),
        ttlMs: ttlSeconds * 1000,
        compressed: new Map(),
      };
    }
    const page = objectKey === ERROR_PAGE_KEY ? undefined : await options.store.get(ERROR_PAGE_KEY);
    const originHeaders = page ? originHeadersOf(page) : { 'content-type': 'text/plain; charset=utf-8' };
    const body = page ? Buffer.from(page.body) : Buffer.from('Not Found\n');
    return { key, status: 404, originHeaders, body, storedAt: now(), ttlMs: errorTtlMs, compressed: new Map() };
  };

  const functionResponse = (raw: unknown): CdnResponse => {
    const parsed = functionResponseSchema.parse(raw);
    const body =
      parsed.body === undefined
        ? Buffer.alloc(0)
        : typeof parsed.body === 'string'
          ? Buffer.from(parsed.body)
          : Buffer.from(parsed.body.data, parsed.body.encoding === 'base64' ? 'base64' : 'utf8');
    return { status: parsed.statusCode, headers: fromCfMap(parsed.headers), body };
  };

  const finish = (request: CdnRequest, response: CdnResponse, xCache: string | undefined): CdnResponse => {
    const headers: Record<string, string> = { ...response.headers, ...SITE_HEADERS, via: '1.1 local (CloudFront)' };
    if (xCache) headers['x-cache'] = xCache;
    const body = request.method === 'HEAD' ? Buffer.alloc(0) : response.body;
    headers['content-length'] = String(response.status === 304 ? 0 : response.body.length);
    return { status: response.status, headers, body };
  };

  const serve = async (request: CdnRequest): Promise<CdnResponse> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return finish(
        request,
        {
          status: 403,
          headers: { 'content-type': 'text/plain; charset=utf-8' },
          body: Buffer.from(
            'This distribution is not configured to allow the HTTP request method that was used for this request.\n',
          ),
        },
        'Error from cloudfront',
      );
    }
    const queryAt = request.url.indexOf('?');
    const uri = queryAt === -1 ? request.url : request.url.slice(0, queryAt);
    const query = queryAt === -1 ? '' : request.url.slice(queryAt + 1);
    const requestHeaders = toCfMap(headerEntries(request.headers));
    const viewer = { ip: request.clientIp ?? '127.0.0.1' };
    const context = { distributionDomainName: 'local.cloudfront.net', distributionId: 'LOCAL', requestId: `${now()}` };

    const requestResult: unknown = await viewerRequest({
      version: '1.0',
      context: { ...context, eventType: 'viewer-request' },
      viewer,
      request: {
        method: request.method,
        uri,
        querystring: toCfMap(queryEntries(query)),
        headers: requestHeaders,
        cookies: {},
      },
    });
    if (typeof requestResult === 'object' && requestResult !== null && 'statusCode' in requestResult) {
      // A response made by the viewer-request function goes straight back: no cache, no viewer-response function.
      return finish(request, functionResponse(requestResult), 'FunctionGeneratedResponse from cloudfront');
    }
    const forwarded = functionRequestSchema.parse(requestResult);
    const key = normalizePath(forwarded.uri);

    let entry = fresh(key);
    const hit = entry !== undefined;
    if (!entry) {
      try {
        entry = await fetchFromOrigin(key);
      } catch (error) {
        log(`cdn: origin error for ${key}: ${error instanceof Error ? error.message : String(error)}`);
        // CloudFront passes on an error the origin answered with; 502 is for an origin it could not reach.
        const originStatus = originStatusOf(error);
        return finish(
          request,
          originStatus === undefined
            ? {
                status: 502,
                headers: { 'content-type': 'text/plain; charset=utf-8' },
                body: Buffer.from('Bad Gateway\n'),
              }
            : {
                status: originStatus,
                headers: { 'content-type': 'application/xml' },
                body: s3ErrorXml('InternalError', 'We encountered an internal error. Please try again.'),
              },
          'Error from cloudfront',
        );
      }
      if (entry.ttlMs > 0) cache.set(key, entry);
    }

    const responseResult: unknown = await viewerResponse({
      version: '1.0',
      context: { ...context, eventType: 'viewer-response' },
      viewer,
      request: {
        method: request.method,
        uri: forwarded.uri,
        querystring: forwarded.querystring ?? {},
        headers: requestHeaders,
        cookies: {},
      },
      response: {
        statusCode: entry.status,
        statusDescription: STATUS_TEXT[entry.status] ?? '',
        headers: toCfMap(Object.entries(entry.originHeaders)),
        cookies: {},
      },
    });
    const edited = functionResponseSchema.parse(responseResult);
    let status = edited.statusCode;
    let headers = fromCfMap(edited.headers);
    let body = entry.body;

    if (status === 200 && headers.etag) {
      const ifNoneMatch = firstHeader(request.headers, 'if-none-match');
      const ifModifiedSince = firstHeader(request.headers, 'if-modified-since');
      const notModified = ifNoneMatch
        ? etagMatches(ifNoneMatch, headers.etag)
        : ifModifiedSince !== undefined &&
          headers['last-modified'] !== undefined &&
          Date.parse(headers['last-modified']) <= Date.parse(ifModifiedSince);
      if (notModified) {
        status = 304;
        body = Buffer.alloc(0);
        delete headers['content-type'];
      }
    }

    const encoding = chooseEncoding(firstHeader(request.headers, 'accept-encoding'));
    if (
      status !== 304 &&
      encoding &&
      COMPRESSIBLE.test(headers['content-type'] ?? '') &&
      body.length >= MIN_COMPRESS_BYTES &&
      body.length <= MAX_COMPRESS_BYTES
    ) {
      let compressed = entry.compressed.get(encoding);
      if (!compressed) {
        compressed = compress(entry.body, encoding);
        entry.compressed.set(encoding, compressed);
      }
      body = compressed;
      headers['content-encoding'] = encoding;
      headers.vary = 'Accept-Encoding';
      // CloudFront weakens a strong ETag when it serves a compressed copy.
      if (headers.etag) headers.etag = weakEtag(headers.etag);
    }
    if (hit) headers = { ...headers, age: String(Math.max(0, Math.floor((now() - entry.storedAt) / 1000))) };
    const xCache =
      entry.status !== 200 ? 'Error from cloudfront' : hit ? 'Hit from cloudfront' : 'Miss from cloudfront';
    return finish(request, { status, headers, body }, xCache);
  };

  return {
    serve,

    async handle(req, res) {
      let response: CdnResponse;
      try {
        response = await serve({
          method: req.method ?? 'GET',
          url: req.url ?? '/',
          headers: req.headers,
          clientIp: req.socket.remoteAddress?.replace(/^::ffff:/, ''),
        });
      } catch (error) {
        // What CloudFront answers when an edge function throws or returns something it cannot use.
        log(`cdn: ${req.method} ${req.url} failed: ${error instanceof Error ? error.message : String(error)}`);
        response = {
          status: 503,
          headers: { 'content-type': 'text/plain; charset=utf-8' },
          body: Buffer.from('Service Unavailable\n'),
        };
      }
      res.writeHead(response.status, response.headers);
      res.end(response.body);
    },

    // The Cdn port takes site paths; the CloudFront adapter's rule turns them into cache keys, as in AWS.
    invalidate(paths) {
      return this.createInvalidation(cloudFrontInvalidationPaths(paths));
    },

    createInvalidation(paths) {
      for (const raw of paths) {
        const pattern = normalizePath(raw);
        let removed = 0;
        for (const key of [...cache.keys()]) {
          if (matchesInvalidationPath(pattern, key)) {
            cache.delete(key);
            removed += 1;
          }
        }
        // CloudFront keys its cache by the URI after the viewer-request function, so `/x/` does not purge the
        // cached `/x/index.html`: say so here rather than let the stale page puzzle someone.
        if (removed === 0 && pattern.endsWith('/') && cache.has(`${pattern}index.html`)) {
          log(
            `cdn: invalidation ${pattern} matched nothing, but ${pattern}index.html is cached (CloudFront caches the rewritten URI): invalidate both paths`,
          );
        }
      }
      return Promise.resolve();
    },

    cachedKeys: () => [...cache.keys()].filter((key) => fresh(key) !== undefined).sort(),
  };
};
