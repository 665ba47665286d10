import { readFileSync } from 'node:fs';
import vm from 'node:vm';
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
