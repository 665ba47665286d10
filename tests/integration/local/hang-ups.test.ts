import { request as httpRequest, type ServerResponse } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalServer, type LocalServer } from '../../../functions/local/server.js';

/**
 * Clients that hang up mid-request or mid-response (ECONNRESET, EPIPE) must never take the local server down
 * (issue 8 §4: "the process dies on an unhandled EPIPE"). An unhandled 'error' event here would fail the run.
 */
let server: LocalServer;
const logs: string[] = [];
const CHUNK = Buffer.alloc(64 * 1024, 'а');

beforeAll(async () => {
  server = await startLocalServer({
    port: 0,
    api: (event) =>
      Promise.resolve({ statusCode: 200, headers: { 'content-type': 'text/plain' }, body: event.body ?? '' }),
    cdn: {
      // A large page written in pieces, so the client can hang up while it is still being sent.
      handle: async (_req: unknown, res: ServerResponse) => {
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
        for (let i = 0; i < 200; i += 1) {
          if (!res.write(CHUNK)) await new Promise((r) => setTimeout(r, 5));
        }
        res.end();
      },
    },
    webAppDir: '/nonexistent',
    webAppConfig: {},
    log: (line) => logs.push(line),
  });
});
afterAll(() => server.close());

const status = (path: string): Promise<number> =>
  new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: server.port, path }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });

const hangUpAfter = (raw: string, afterMs: number): Promise<void> =>
  new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port: server.port }, () => {
      socket.write(raw);
      setTimeout(() => {
        socket.resetAndDestroy();
        resolve();
      }, afterMs);
    });
    socket.on('error', () => resolve());
  });

describe('clients that hang up', () => {
  it('survives a client that resets the connection in the middle of a request body', async () => {
    await hangUpAfter(
      `POST /api/preview HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{"body":"${'a'.repeat(50_000)}`,
      50,
    );
    await new Promise((r) => setTimeout(r, 100));

    expect(await status('/api/ping')).toBe(200);
  });

  it('survives a client that resets the connection in the middle of a large response', async () => {
    for (let i = 0; i < 5; i += 1) await hangUpAfter('GET /big HTTP/1.1\r\nHost: x\r\n\r\n', 10);
    await new Promise((r) => setTimeout(r, 200));

    expect(await status('/api/ping')).toBe(200);
    expect(await status('/big')).toBe(200);
  });

  it('survives garbage instead of HTTP', async () => {
    await hangUpAfter('\u0000\u0001 not http at all\r\n\r\n', 20);

    expect(await status('/api/ping')).toBe(200);
  });
});
