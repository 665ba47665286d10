/**
 * `npm run lighthouse`: Lighthouse 12 with Debian's Chromium against the seed story's page on the local stack.
 * Starts its own stack (fresh data dir) unless NEWSROOM_URL points at a running one, publishes the seed with the demo
 * flow, and prints the four category scores as JSON lines.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import { runDemo } from '../../functions/local/demo-flow.js';
import { startLocalStack } from '../e2e/support/local-stack.js';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../support/chromium.js';

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });

const waitForDevtools = async (port: number) => {
  for (let i = 0; i < 100; i += 1) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/json/version`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('Chromium did not open its DevTools port');
};

const main = async () => {
  const external = process.env.NEWSROOM_URL?.replace(/\/+$/, '');
  const stack = external ? undefined : await startLocalStack();
  const base = external ?? stack!.baseUrl;
  const profile = await mkdtemp(join(tmpdir(), 'newsroom-lh-'));
  const port = await freePort();
  const chrome = spawn(
    CHROMIUM_PATH,
    [...CHROMIUM_FLAGS, `--user-data-dir=${profile}`, `--remote-debugging-port=${port}`, 'about:blank'],
    { stdio: 'ignore' },
  );
  try {
    const url = new URL(new URL(await runDemo(base, () => undefined)).pathname, base).toString();
    await waitForDevtools(port);
    const result = await lighthouse(url, {
      port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
    });
    if (!result) throw new Error('Lighthouse returned no result');
    // LIGHTHOUSE_REPORT=path keeps the full report (for reading the audits behind a score).
    if (process.env.LIGHTHOUSE_REPORT)
      await writeFile(process.env.LIGHTHOUSE_REPORT, JSON.stringify(result.lhr, null, 1));
    for (const [id, category] of Object.entries(result.lhr.categories)) {
      console.log(
        JSON.stringify({ metric: 'lighthouse', url, category: id, score: Math.round((category.score ?? 0) * 100) }),
      );
    }
    const failing = Object.values(result.lhr.audits).filter(
      (a) =>
        a.score !== null &&
        a.score < 1 &&
        a.scoreDisplayMode !== 'informative' &&
        a.scoreDisplayMode !== 'manual' &&
        a.scoreDisplayMode !== 'notApplicable',
    );
    for (const audit of failing)
      console.error(JSON.stringify({ audit: audit.id, score: audit.score, title: audit.title }));
  } finally {
    chrome.kill('SIGKILL');
    await stack?.stop();
    await rm(profile, { recursive: true, force: true });
  }
};

await main();
