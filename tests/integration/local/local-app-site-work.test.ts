import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { devTokenResponse } from '../../../functions/contract/responses.js';
import { createLocalApp, type LocalApp } from '../../../functions/local/local-app.js';
import { siteObjectKey } from '../../../functions/ports/site-store.js';
import { createTestBucket, createTestTable, testEnvironment } from '../support/emulators.js';
import { articleOf } from '../support/test-newsroom.js';

/**
 * The local composition root runs the publishing job as the stream does in AWS: right after a commit that made work
 * due, without the request waiting for it, through the same tick handler the Lambda uses.
 */
let app: LocalApp;
beforeAll(async () => {
  const env = testEnvironment();
  app = await createLocalApp({
    dynamoEndpoint: env.dynamoEndpoint,
    s3Endpoint: env.s3Endpoint,
    tableName: await createTestTable(),
    bucket: await createTestBucket(),
    dataDir: await mkdtemp(join(tmpdir(), 'newsroom-local-app-')),
    siteBaseUrl: 'http://127.0.0.1:1',
    cdn: { invalidate: () => Promise.resolve() },
    draftsDir: await mkdtemp(join(tmpdir(), 'newsroom-no-drafts-')),
  });
});

const request = async (method: string, path: string, token?: string, body?: unknown) => {
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
      requestId: 'local-app-test',
      routeKey: '$default',
      stage: '$default',
      time: '',
      timeEpoch: 0,
    },
    isBase64Encoded: false,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  };
  const result = await app.handleApi(event);
  const json: unknown = JSON.parse(String(result.body));
  return { status: result.statusCode, json };
};

const tokenOf = async (sub: 'demo-reporter' | 'demo-editor') => {
  const user = app.demoUsers.find((u) => u.sub === sub)!;
  const reply = await request('POST', '/api/dev/token', undefined, { sub, name: user.name, groups: [...user.groups] });
  return devTokenResponse.parse(reply.json).token;
};

describe('the local app triggers the publishing job after a commit', () => {
  it('publish answers 202 with the story still scheduled; the triggered job puts it live and lists it', async () => {
    const reporter = await tokenOf('demo-reporter');
    const editor = await tokenOf('demo-editor');
    const body = '# Ministers meet in Tashkent\n\nA short standfirst.\n\nThe ministers met on Friday.\n';
    const created = await request('POST', '/api/articles', reporter, { desk: 'politics', body });
    const { id } = articleOf(created);
    await request('POST', `/api/articles/${id}/submit`, reporter, { version: 1 });
    await request('POST', `/api/articles/${id}/approve`, editor, { version: 2 });
    const accepted = await request('POST', `/api/articles/${id}/publish`, editor, { version: 3 });
    expect(accepted.status).toBe(202);
    expect(articleOf(accepted).status).toBe('scheduled');
    await expect
      .poll(async () => articleOf(await request('GET', `/api/articles/${id}`, editor)).status, { timeout: 15_000 })
      .toBe('published');
    const live = articleOf(await request('GET', `/api/articles/${id}`, editor));
    expect(live.url).toBeDefined();
    const path = new URL(live.url!).pathname;
    expect(await app.deps.site.get(siteObjectKey(path))).toBeDefined();
    await expect
      .poll(
        async () =>
          Buffer.from((await app.deps.site.get('index.html'))!.body)
            .toString('utf8')
            .includes(path),
        { timeout: 15_000 },
      )
      .toBe(true);
  });
});
