import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalServerError, startLocalServer, type LocalServer } from '../../../functions/local/server.js';

/** The one origin's routing, with a recording API and a stand-in CDN (both tested on their own elsewhere). */
const webAppDir = mkdtempSync(join(tmpdir(), 'newsroom-web-'));
const apiPaths: string[] = [];
let server: LocalServer;
let unbuilt: LocalServer;

beforeAll(async () => {
  writeFileSync(join(webAppDir, 'index.html'), '<!doctype html><title>Редакция</title>');
  writeFileSync(join(webAppDir, 'app.ZRBWWGUL.js'), 'console.log(1)');
  mkdirSync(join(webAppDir, 'sub'));
  const common = {
    port: 0,
    api: (event: { rawPath: string }) => {
      apiPaths.push(event.rawPath);
      return Promise.resolve({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' });
    },
    cdn: {
      handle: (_req: unknown, res: import('node:http').ServerResponse) => {
        res.writeHead(200, { 'x-from': 'cdn' });
        res.end('site');
        return Promise.resolve();
      },
    },
    webAppConfig: { auth: 'local' },
    log: () => undefined,
  };
  server = await startLocalServer({ ...common, webAppDir });
  unbuilt = await startLocalServer({ ...common, webAppDir: join(webAppDir, 'missing') });
});
afterAll(async () => {
  await Promise.all([server.close(), unbuilt.close()]);
  rmSync(webAppDir, { recursive: true, force: true });
});

interface Received {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** node:http, so that the path is sent as written (fetch would normalise `..`). */
const get = (target: LocalServer, path: string, method = 'GET'): Promise<Received> =>
  new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: target.port, path, method }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }),
      );
    });
    req.on('error', reject);
    req.end();
  });

describe('the local origin', () => {
  it('sends /api and /api/* to the API, everything outside /api and /newsroom to the CDN', async () => {
    const api = await get(server, '/api/articles?desk=politics');
    const apiRoot = await get(server, '/api');
    const site = await get(server, '/politics/');
    const lookalike = await get(server, '/apiary/');

    expect(api.body).toBe('{"ok":true}');
    expect(apiRoot.status).toBe(200);
    expect(apiPaths).toEqual(['/api/articles', '/api']);
    expect(site.headers['x-from']).toBe('cdn');
    expect(lookalike.headers['x-from']).toBe('cdn');
  });

  it('redirects /newsroom to /newsroom/ and serves config.json uncached', async () => {
    const redirect = await get(server, '/newsroom?x=1');
    const config = await get(server, '/newsroom/config.json');

    expect(redirect.status).toBe(301);
    expect(redirect.headers.location).toBe('/newsroom/?x=1');
    expect(JSON.parse(config.body)).toEqual({ auth: 'local' });
    expect(config.headers['cache-control']).toBe('no-store');
  });

  it('serves the app: index.html for app routes, hashed assets immutable, the app security headers', async () => {
    const index = await get(server, '/newsroom/');
    const route = await get(server, '/newsroom/review/a1');
    const asset = await get(server, '/newsroom/app.ZRBWWGUL.js');
    const head = await get(server, '/newsroom/app.ZRBWWGUL.js', 'HEAD');
    const missingAsset = await get(server, '/newsroom/app.OLDHASH1.js');

    expect(index.body).toBe('<!doctype html><title>Редакция</title>');
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    expect(index.headers['x-frame-options']).toBe('DENY');
    expect(route.body).toBe(index.body);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(head.body).toBe('');
    expect(head.headers['content-length']).toBe(String('console.log(1)'.length));
    expect(missingAsset.status).toBe(404);
  });

  it('never serves files outside the app folder', async () => {
    const res = await get(server, '/newsroom/../../../etc/passwd');
    const encoded = await get(server, '/newsroom/%2e%2e/%2e%2e/etc/passwd');

    expect(res.body).not.toContain('root:');
    expect(encoded.status).toBe(404);
  });

  it('explains how to build the app when it is not built', async () => {
    const res = await get(unbuilt, '/newsroom/');

    expect(res.status).toBe(200);
    expect(res.body).toContain('npm run build:web');
  });

  it('says in one line that the port is taken', async () => {
    const taken = startLocalServer({
      port: server.port,
      api: () => Promise.resolve({}),
      cdn: { handle: () => Promise.resolve() },
      webAppConfig: {},
    });

    await expect(taken).rejects.toBeInstanceOf(LocalServerError);
    await expect(taken).rejects.toThrow(`port ${server.port} is in use; set PORT=… or stop the other process`);
  });
});
