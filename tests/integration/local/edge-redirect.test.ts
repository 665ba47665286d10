import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3SiteStore } from '../../../functions/adapters/s3/s3-site-store.js';
import { createLocalCdn } from '../../../functions/local/local-cdn.js';
import { startLocalServer, type LocalServer } from '../../../functions/local/server.js';
import { createTestBucket, testEnvironment } from '../support/emulators.js';

/**
 * The open redirect of issue 8, over HTTP through the local origin and its CDN layer, which runs the same
 * viewer-request function as CloudFront: no Location ever leaves the site.
 */

let server: LocalServer;

beforeAll(async () => {
  const store = createS3SiteStore({ client: testEnvironment().s3Client, bucket: await createTestBucket('edge') });
  await store.put({
    key: 'politics/index.html',
    body: '<!doctype html><title>Отдел политики</title>',
    contentType: 'text/html; charset=utf-8',
    cacheControl: 'public, max-age=60, s-maxage=600',
  });
  server = await startLocalServer({
    port: 0,
    api: () => Promise.resolve({ statusCode: 404, headers: {}, body: '' }),
    cdn: createLocalCdn({ store, log: () => undefined }),
    webAppConfig: { auth: 'local' },
    log: () => undefined,
  });
});
afterAll(async () => {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when beforeAll failed
  await server?.close();
});

/** node:http sends the request target exactly as written (fetch and URL would resolve `//host` first). */
const get = (path: string): Promise<{ status: number; location: string | undefined }> =>
  new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: server.port, path, method: 'GET' }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location }));
    });
    req.on('error', reject);
    req.end();
  });

const SITE = 'http://news.example.test';

describe('the local CDN never redirects off-site', () => {
  it.each([
    ['//evil.example/login', '/evil.example/login/'],
    ['/\\evil.example/login', '/evil.example/login/'],
    ['///evil.example/login', '/evil.example/login/'],
    ['/%2F%2Fevil.example/login', '/evil.example/login/'],
    ['/%2f/evil.example/login', '/evil.example/login/'],
    ['/%5Cevil.example/login', '/evil.example/login/'],
    ['/%5c%5cevil.example/login?next=x', '/evil.example/login/?next=x'],
  ])('GET %s → 301 %s', async (path, location) => {
    const res = await get(path);

    expect(res.status).toBe(301);
    expect(res.location).toBe(location);
    expect(new URL(res.location!, `${SITE}/`).origin).toBe(SITE);
  });

  it('still redirects /politics to /politics/ and serves the page', async () => {
    expect(await get('/politics')).toEqual({ status: 301, location: '/politics/' });
    expect((await get('/politics/')).status).toBe(200);
  });
});
