import { readFileSync, statSync } from 'node:fs';
import vm from 'node:vm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EDGE_FUNCTION_FILES } from '../../infra/constructs/newsroom-distribution.js';

/**
 * Runs the exact files that the distribution deploys as CloudFront Functions (and the local stack runs), in a bare
 * V8 context like CloudFront's: no require, no process, just `handler(event)`.
 */
const loadHandler = (file: string): ((event: unknown) => unknown) => {
  const context = vm.createContext({});
  vm.runInContext(`${readFileSync(file, 'utf8')}\nglobalThis.__handler = handler;`, context, { filename: file });
  const handler: unknown = context.__handler;
  if (typeof handler !== 'function') throw new Error(`${file} defines no handler function`);
  return (event) => JSON.parse(JSON.stringify(handler(event)));
};

const viewerRequest = loadHandler(EDGE_FUNCTION_FILES.viewerRequest);
const viewerResponse = loadHandler(EDGE_FUNCTION_FILES.viewerResponse);

const requestEvent = (uri: string, querystring: Record<string, { value: string }> = {}) => ({
  version: '1.0',
  context: { eventType: 'viewer-request' },
  viewer: { ip: '192.0.2.1' },
  request: { method: 'GET', uri, querystring, headers: {}, cookies: {} },
});

describe('viewer-request (pretty URLs)', () => {
  it('serves a directory URL from its index.html', () => {
    const out = viewerRequest(requestEvent('/politics/2026/11/20/strany-otg/'));
    expect(out).toMatchObject({ uri: '/politics/2026/11/20/strany-otg/index.html' });
  });

  it('serves the front page from /index.html', () => {
    expect(viewerRequest(requestEvent('/'))).toMatchObject({ uri: '/index.html' });
  });

  it('redirects a path without a trailing slash to the slash form, keeping the query', () => {
    const out = viewerRequest(requestEvent('/politics', { page: { value: '2' } }));
    expect(out).toEqual({
      statusCode: 301,
      statusDescription: 'Moved Permanently',
      headers: {
        location: { value: '/politics/?page=2' },
        'cache-control': { value: 'public, max-age=3600' },
      },
    });
  });

  it('passes files with an extension through unchanged', () => {
    expect(viewerRequest(requestEvent('/feed.xml'))).toMatchObject({ uri: '/feed.xml' });
    expect(viewerRequest(requestEvent('/newsroom/app.3f2a.js'))).toMatchObject({ uri: '/newsroom/app.3f2a.js' });
  });
});

const SITE = 'https://news.example.test';
const locationOf = (out: unknown): string | undefined => {
  const value = (out as { headers?: { location?: { value?: unknown } } }).headers?.location?.value;
  return typeof value === 'string' ? value : undefined;
};
/** Where a browser on the site would go for this Location (the URL parser strips tabs and reads `\` as `/`). */
const resolvedOrigin = (location: string): string => new URL(location, `${SITE}/politics/`).origin;

describe('viewer-request (never redirects off-site)', () => {
  // Each is a URI a viewer can send; the function must answer with a same-site path or pass the request on.
  const HOSTILE: Array<[uri: string, location: string]> = [
    ['//evil.example/login', '/evil.example/login/'],
    ['/\\evil.example/login', '/evil.example/login/'],
    ['\\evil.example/login', '/evil.example/login/'],
    ['\\\\evil.example', '/evil.example'],
    ['///evil.example/login', '/evil.example/login/'],
    ['/\\/evil.example/', '/evil.example/'],
    ['/%2F%2Fevil.example/login', '/evil.example/login/'],
    ['/%2f/evil.example/login', '/evil.example/login/'],
    ['/%5Cevil.example/login', '/evil.example/login/'],
    ['/%5c%5cevil.example', '/evil.example'],
    ['/\t/evil.example/login', '/%09/evil.example/login/'],
    ['/\n//evil.example/login', '/%0A//evil.example/login/'],
    ['//evil.example/app.js', '/evil.example/app.js'],
    ['//', '/'],
    ['//evil.example/login/', '/evil.example/login/'],
  ];

  it.each(HOSTILE)('%j → 301 to the same-site path %j', (uri, location) => {
    const out = viewerRequest(requestEvent(uri));
    expect(out).toMatchObject({ statusCode: 301 });
    expect(locationOf(out)).toBe(location);
    expect(resolvedOrigin(location)).toBe(SITE);
  });

  it('keeps the query string on a normalised redirect, encoded', () => {
    const out = viewerRequest(requestEvent('//evil.example/login', { next: { value: '//evil.example' } }));
    expect(locationOf(out)).toBe('/evil.example/login/?next=%2F%2Fevil.example');
  });

  it('for any URI, a redirect goes to a same-site absolute path', () => {
    const piece = fc.constantFrom(
      '/',
      '\\',
      '%2F',
      '%2f',
      '%5C',
      '%5c',
      '%09',
      '\t',
      '\n',
      '\r',
      ' ',
      '.',
      '..',
      ':',
      '@',
      'evil.example',
      'x',
      '%',
      '?',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const uri = pieces.join('');
        const out = viewerRequest(requestEvent(uri));
        const location = locationOf(out);
        if (location === undefined) return;
        expect(location).toMatch(/^\/(?![/\\])/);
        // eslint-disable-next-line no-control-regex -- the property is that no control character reaches Location
        expect(location).not.toMatch(/[\x00-\x20\x7f\\]/);
        expect(resolvedOrigin(location)).toBe(SITE);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('CloudFront Functions limits', () => {
  it.each(Object.values(EDGE_FUNCTION_FILES))('%s fits the 10 KB function code limit', (file) => {
    expect(statSync(file).size).toBeLessThanOrEqual(10 * 1024);
  });
});

describe('viewer-response (taken-down pages)', () => {
  const responseEvent = (status: number, headers: Record<string, { value: string }>) => ({
    version: '1.0',
    context: { eventType: 'viewer-response' },
    request: { method: 'GET', uri: '/politics/2026/11/20/strany-otg/index.html', headers: {} },
    response: { statusCode: status, statusDescription: 'OK', headers },
  });

  it('turns the S3 marker newsroom-status: 410 into 410 Gone and hides the marker', () => {
    const out = viewerResponse(
      responseEvent(200, {
        'content-type': { value: 'text/html; charset=utf-8' },
        'x-amz-meta-newsroom-status': { value: '410' },
      }),
    );
    expect(out).toEqual({
      statusCode: 410,
      statusDescription: 'Gone',
      headers: { 'content-type': { value: 'text/html; charset=utf-8' } },
    });
  });

  it('leaves a live page at 200', () => {
    const out = viewerResponse(responseEvent(200, { 'content-type': { value: 'text/html; charset=utf-8' } }));
    expect(out).toMatchObject({ statusCode: 200, statusDescription: 'OK' });
  });
});
