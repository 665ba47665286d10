import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDemo, SEED_ARTICLE_ID } from '../../functions/local/demo-flow.js';
import { startLocalStack } from './support/local-stack.js';

let stack: Awaited<ReturnType<typeof startLocalStack>>;

beforeAll(async () => {
  stack = await startLocalStack();
});
afterAll(async () => {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when beforeAll failed
  await stack?.stop();
});

const token = async (sub: string, name: string, groups: string[]) => {
  const res = await fetch(`${stack.baseUrl}/api/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sub, name, groups }),
  });
  return ((await res.json()) as { token: string }).token;
};

describe('the local newsroom end to end over HTTP', () => {
  it('starts with the seed story waiting in the politics queue', async () => {
    const editor = await token('demo-editor', 'Борис Лебедев', ['desk-politics']);
    const res = await fetch(`${stack.baseUrl}/api/articles?desk=politics&status=submitted`, {
      headers: { authorization: `Bearer ${editor}` },
    });
    const body = (await res.json()) as { items: Array<{ id: string }> };
    expect(body.items.map((i) => i.id)).toContain(SEED_ARTICLE_ID);
  });

  it('publishes the seed through the demo, serves its page through the CDN layer, then answers 410 after unpublish', async () => {
    const url = await runDemo(stack.baseUrl, () => undefined);
    const path = new URL(url).pathname;
    expect(path).toMatch(/^\/politics\/\d{4}\/\d{2}\/\d{2}\/strany-otg-usilivayut-pravovoe-sotrudnichestvo\/$/);
    const page = await fetch(`${stack.baseUrl}${path}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await page.text();
    expect(html).toContain('Страны ОТГ усиливают правовое сотрудничество');
    // `published` means the page is live; the lists follow from the same job's index rebuild: wait for them.
    await expect
      .poll(async () => (await (await fetch(`${stack.baseUrl}/`)).text()).includes(path), { timeout: 30_000 })
      .toBe(true);

    const editor = await token('demo-editor', 'Борис Лебедев', ['desk-politics']);
    const current = (await (
      await fetch(`${stack.baseUrl}/api/articles/${SEED_ARTICLE_ID}`, {
        headers: { authorization: `Bearer ${editor}` },
      })
    ).json()) as { version: number };
    const down = await fetch(`${stack.baseUrl}/api/articles/${SEED_ARTICLE_ID}/unpublish`, {
      method: 'POST',
      headers: { authorization: `Bearer ${editor}`, 'content-type': 'application/json' },
      body: JSON.stringify({ version: current.version, kind: 'editorial', reason: 'Проверка' }),
    });
    expect(down.status).toBe(200);
    expect((await fetch(`${stack.baseUrl}${path}`)).status).toBe(410);
    // The 410 notice is written in the request; the lists follow from the index rebuild, which the publishing job
    // may be holding at that moment (it then rebuilds them itself): wait for them.
    await expect
      .poll(async () => (await (await fetch(`${stack.baseUrl}/`)).text()).includes(path), { timeout: 30_000 })
      .toBe(false);
  });
});
