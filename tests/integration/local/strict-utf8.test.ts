import { createServer, request as httpRequest, type Server } from 'node:http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApiGateway } from '../../../functions/local/gateway.js';
import { startTestNewsroom, type TestNewsroom } from '../support/test-newsroom.js';

/**
 * Strict UTF-8 at the gateway (issue 8 §6), over HTTP: the local gateway hands the handler the bytes the client sent
 * (base64 when they are not valid UTF-8, as API Gateway must for a body it cannot pass as text), and the API refuses
 * them with 400 invalid_encoding instead of storing replacement characters.
 */

let newsroom: TestNewsroom;
let server: Server;
let port = 0;
const events: APIGatewayProxyEventV2[] = [];

beforeAll(async () => {
  newsroom = await startTestNewsroom();
  const gateway = createApiGateway({
    api: (event) => {
      events.push(event);
      return newsroom.handler(event);
    },
    log: () => undefined,
  });
  server = createServer((req, res) => void gateway(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
});
afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
);

const send = (
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: Buffer,
): Promise<{ status: number; body: string }> =>
  new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });

const reporterToken = async (): Promise<string> => {
  const res = await send(
    'POST',
    '/api/dev/token',
    { 'content-type': 'application/json' },
    Buffer.from(JSON.stringify({ sub: 'demo-reporter', name: 'Анна Смирнова', groups: ['reporters'] })),
  );
  return z.object({ token: z.string() }).parse(JSON.parse(res.body)).token;
};

const errorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/** A draft whose text holds a lone continuation byte and a truncated two-byte sequence. */
const invalidDraft = (): Buffer =>
  Buffer.concat([
    Buffer.from('{"desk":"politics","body":"# Заголовок\\n\\nТекст '),
    Buffer.from([0x80, 0xd0]),
    Buffer.from(' конец."}'),
  ]);

describe('strict UTF-8 at the gateway', () => {
  it('passes a JSON body that is not valid UTF-8 as base64, byte for byte', async () => {
    const bytes = invalidDraft();
    await send('POST', '/api/articles', { 'content-type': 'application/json' }, bytes);
    const event = events.at(-1);

    expect(event?.isBase64Encoded).toBe(true);
    expect(Buffer.from(event?.body ?? '', 'base64').equals(bytes)).toBe(true);
  });

  it('passes valid UTF-8 JSON as text', async () => {
    const bytes = Buffer.from('{"desk":"politics","body":"# Заголовок"}');
    await send('POST', '/api/preview', { 'content-type': 'application/json; charset=utf-8' }, bytes);

    expect(events.at(-1)).toMatchObject({ isBase64Encoded: false, body: bytes.toString('utf8') });
  });

  it('answers 400 invalid_encoding for a draft with invalid bytes, and stores nothing', async () => {
    const token = await reporterToken();
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const before = await send('GET', '/api/articles?desk=politics', headers);

    const created = await send('POST', '/api/articles', headers, invalidDraft());
    const previewed = await send(
      'POST',
      '/api/preview',
      headers,
      Buffer.concat([Buffer.from('{"desk":"politics","body":"# A'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]),
    );
    const after = await send('GET', '/api/articles?desk=politics', headers);

    expect(created.status).toBe(400);
    expect(errorBody.parse(JSON.parse(created.body)).error.code).toBe('invalid_encoding');
    expect(previewed.status).toBe(400);
    expect(errorBody.parse(JSON.parse(previewed.body)).error.code).toBe('invalid_encoding');
    expect(after.body).toBe(before.body);
    expect(after.body).not.toContain('\uFFFD');
  });

  it('still accepts the same draft correctly encoded', async () => {
    const token = await reporterToken();
    const res = await send(
      'POST',
      '/api/articles',
      { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      Buffer.from('{"desk":"politics","body":"# Заголовок\\n\\nТекст конец."}'),
    );

    expect(res.status).toBe(201);
  });
});
