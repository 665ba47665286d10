import { createServer, request as httpRequest, type Server } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiGateway, formatRequestTime } from '../../../functions/local/gateway.js';

/** A real HTTP server in front of the gateway, with a fake API that records the events it receives. */
const NOW = Date.UTC(2025, 2, 12, 19, 3, 58, 390);
const events: APIGatewayProxyEventV2[] = [];
let answer: (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2> = () =>
  Promise.resolve({ statusCode: 204 });
const logs: string[] = [];
let server: Server;
let port = 0;

beforeAll(async () => {
  const gateway = createApiGateway({
    api: async (event) => {
      events.push(event);
      return answer(event);
    },
    now: () => NOW,
    newRequestId: () => 'req-1',
    log: (line) => logs.push(line),
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

interface Sent {
  method: string;
  path: string;
  headers?: Record<string, string | string[]>;
  body?: Buffer | string;
}
interface Received {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** node:http rather than fetch: fetch would merge duplicate headers and refuse to send some of them. */
const send = ({ method, path, headers = {}, body }: Sent): Promise<Received> =>
  new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });

const lastEvent = (): APIGatewayProxyEventV2 => {
  const event = events.at(-1);
  if (!event) throw new Error('the API was not called');
  return event;
};

describe('toHttpApiEvent: the payload format 2.0 event', () => {
  it('carries path, query string, headers, cookies and a JSON body as AWS documents them', async () => {
    await send({
      method: 'POST',
      path: '/api/articles?desk=politics&status=submitted&status=approved&q=%D0%BF%D1%80%D0%B0%D0%B2%D0%BE&flag',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'vitest',
        'x-multi': ['one', 'two'],
        cookie: 'session=abc; theme=dark',
      },
      body: '{"desk":"politics","body":"Текст"}',
    });
    const event = lastEvent();

    expect(event).toMatchObject({
      version: '2.0',
      routeKey: '$default',
      rawPath: '/api/articles',
      rawQueryString: 'desk=politics&status=submitted&status=approved&q=%D0%BF%D1%80%D0%B0%D0%B2%D0%BE&flag',
      cookies: ['session=abc', 'theme=dark'],
      queryStringParameters: { desk: 'politics', status: 'submitted,approved', q: 'право', flag: '' },
      body: '{"desk":"politics","body":"Текст"}',
      isBase64Encoded: false,
      requestContext: {
        accountId: '000000000000',
        apiId: 'local',
        domainName: `127.0.0.1:${port}`,
        http: {
          method: 'POST',
          path: '/api/articles',
          protocol: 'HTTP/1.1',
          sourceIp: '127.0.0.1',
          userAgent: 'vitest',
        },
        requestId: 'req-1',
        routeKey: '$default',
        stage: '$default',
        time: '12/Mar/2025:19:03:58 +0000',
        timeEpoch: NOW,
      },
    });
    expect(event.headers).toMatchObject({
      'content-type': 'application/json',
      'user-agent': 'vitest',
      'x-multi': 'one,two',
      'content-length': String(Buffer.byteLength('{"desk":"politics","body":"Текст"}')),
      'x-forwarded-for': '127.0.0.1',
      'x-forwarded-proto': 'http',
    });
    expect(event.headers.cookie).toBeUndefined();
    expect(Object.keys(event.headers).every((name) => name === name.toLowerCase())).toBe(true);
  });

  it('leaves out body, cookies and queryStringParameters when the request has none', async () => {
    await send({ method: 'GET', path: '/api/articles/a1' });
    const event = lastEvent();

    expect(event.rawQueryString).toBe('');
    expect('queryStringParameters' in event).toBe(false);
    expect('cookies' in event).toBe(false);
    expect('body' in event).toBe(false);
    expect(event.isBase64Encoded).toBe(false);
  });

  it('base64-encodes a binary body', async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]);
    await send({ method: 'PUT', path: '/api/upload', headers: { 'content-type': 'image/png' }, body: bytes });
    const event = lastEvent();

    expect(event.isBase64Encoded).toBe(true);
    expect(event.body).toBe(bytes.toString('base64'));
  });

  it('formats requestContext.time in the common log format', () => {
    expect(formatRequestTime(Date.UTC(2020, 2, 2, 9, 3, 58))).toBe('02/Mar/2020:09:03:58 +0000');
  });
});

describe('writeHttpApiResult and the gateway limits', () => {
  it('writes status, headers, one Set-Cookie per cookie and a base64 body decoded', async () => {
    answer = () =>
      Promise.resolve({
        statusCode: 201,
        headers: { 'Content-Type': 'application/octet-stream', 'x-count': 3 },
        cookies: ['a=1; Path=/', 'b=2; HttpOnly'],
        body: Buffer.from([1, 2, 3]).toString('base64'),
        isBase64Encoded: true,
      });

    const res = await send({ method: 'GET', path: '/api/thing' });

    expect(res.status).toBe(201);
    expect(res.headers['content-type']).toBe('application/octet-stream');
    expect(res.headers['x-count']).toBe('3');
    expect(res.headers['set-cookie']).toEqual(['a=1; Path=/', 'b=2; HttpOnly']);
    expect(res.headers['apigw-requestid']).toBe('req-1');
    expect([...res.body]).toEqual([1, 2, 3]);
  });

  it('answers 413 without calling the API when the body is over 10 MB', async () => {
    const before = events.length;

    const res = await send({
      method: 'POST',
      path: '/api/articles',
      headers: { 'content-type': 'text/plain' },
      body: Buffer.alloc(10 * 1024 * 1024 + 1, 97),
    });

    expect(res.status).toBe(413);
    expect(JSON.parse(res.body.toString())).toEqual({ message: 'Request Entity Too Large' });
    expect(events.length).toBe(before);
  });

  it('answers 500 with API Gateway’s message, not the error, when the handler throws', async () => {
    answer = () => Promise.reject(new Error('secret detail'));

    const res = await send({ method: 'GET', path: '/api/boom' });

    expect(res.status).toBe(500);
    expect(res.body.toString()).toBe('{"message":"Internal Server Error"}');
    expect(logs.at(-1)).toContain('GET /api/boom failed: secret detail');
  });
});
