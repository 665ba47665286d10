import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../e2e/support/local-stack.js';

/** `npm start` as a child process: banner, routing, a taken port, Ctrl-C, and data kept across a restart. */

const dataDir = mkdtempSync(join(tmpdir(), 'newsroom-start-test-'));
let stack: LocalStack | undefined;

afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Processes whose command line mentions the data directory: the emulators of this stack. */
const processesUsing = (marker: string): string[] =>
  readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((pid) => {
      try {
        const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
        return cmd.includes(marker) ? [`${pid} ${cmd}`] : [];
      } catch {
        return [];
      }
    });

const editorToken = async (baseUrl: string): Promise<string> => {
  const res = await fetch(`${baseUrl}/api/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sub: 'demo-editor', name: 'Борис Лебедев', groups: ['desk-politics'] }),
  });
  const body: unknown = await res.json();
  if (typeof body !== 'object' || body === null || !('token' in body) || typeof body.token !== 'string')
    throw new Error('no token');
  return body.token;
};

const politicsQueue = async (baseUrl: string): Promise<string> => {
  const res = await fetch(`${baseUrl}/api/articles?desk=politics&status=submitted`, {
    headers: { authorization: `Bearer ${await editorToken(baseUrl)}` },
  });
  return res.text();
};

describe('npm start', () => {
  it(
    'starts, prints the URLs and demo users, and routes /api, /newsroom and the site',
    { timeout: 120_000 },
    async () => {
      stack = await startLocalStack({ dataDir });
      const out = stack.output();

      expect(out).toContain(`Site       ${stack.baseUrl}/`);
      expect(out).toContain(`Newsroom   ${stack.baseUrl}/newsroom/`);
      expect(out).toContain(`API        ${stack.baseUrl}/api/`);
      expect(out).toContain(`Data       ${dataDir}`);
      expect(out).toMatch(/demo-reporter\s+reporters/);
      expect(out).toMatch(/demo-editor\s+desk-politics/);
      expect(out).toMatch(/demo-chief\s+chief-editors/);
      expect(out).toContain('Ctrl-C to stop.');
      expect(out).toContain('loaded otg-justice-ministers-baku.txt');

      const redirect = await fetch(`${stack.baseUrl}/newsroom`, { redirect: 'manual' });
      const config = await fetch(`${stack.baseUrl}/newsroom/config.json`);
      const sitePage = await fetch(`${stack.baseUrl}/politics`, { redirect: 'manual' });
      const anonymousApi = await fetch(`${stack.baseUrl}/api/articles`);

      expect(redirect.status).toBe(301);
      expect(redirect.headers.get('location')).toBe('/newsroom/');
      expect(config.status).toBe(200);
      expect(config.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(await config.json()).toMatchObject({ auth: 'local' });
      expect(sitePage.status).toBe(301);
      expect(sitePage.headers.get('location')).toBe('/politics/');
      expect(anonymousApi.status).toBe(401);
      expect(await politicsQueue(stack.baseUrl)).toContain('otg-justice-ministers-baku');
    },
  );

  it('refuses a second start on the same port with one clear line', { timeout: 60_000 }, async () => {
    const port = stack?.port;
    const otherDir = mkdtempSync(join(tmpdir(), 'newsroom-start-test-2-'));

    const second = startLocalStack({ port, dataDir: otherDir, timeoutMs: 30_000 });

    await expect(second).rejects.toThrow(
      `Newsroom could not start: port ${port} is in use; set PORT=… or stop the other process`,
    );
    await expect(second).rejects.not.toThrow(/\n\s+at /);
    rmSync(otherDir, { recursive: true, force: true });
  });

  it(
    'stops on Ctrl-C leaving no process behind, and keeps its data for the next start',
    { timeout: 120_000 },
    async () => {
      const first = stack;
      if (!first) throw new Error('the first test did not start the stack');
      await first.stop();
      const leftovers = processesUsing(dataDir);

      stack = await startLocalStack({ dataDir });

      expect(first.output()).toContain('Ctrl-C: stopping…');
      expect(leftovers).toEqual([]);
      expect(stack.output()).toContain('nothing new (drafts already loaded)');
      expect(await politicsQueue(stack.baseUrl)).toContain('otg-justice-ministers-baku');
    },
  );
});
