/**
 * How fast the newsroom's first screen is usable, measured in Debian's Chromium against a running stack:
 *
 *   npm start                                  (in another terminal)
 *   npx tsx web/measure-first-screen.ts [http://127.0.0.1:3000]
 *
 * "Usable" means the controls of the screen are on it and enabled: the demo-user buttons of the sign-in screen
 * (cold: a new browser context, nothing cached), and a signed-in desk editor's queue with its rows (config.json,
 * the session, /api/desks and the list all done). Times are from navigation start (performance.now() in the page);
 * the median of several runs is printed. It measures only, and asserts nothing: the numbers go to the bench report.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../tests/support/chromium.js';

const baseUrl = (process.argv[2] ?? process.env.NEWSROOM_URL ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');
const RUNS = 7;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

const usableAt = async (page: Page, selector: string): Promise<number> => {
  await page.locator(selector).first().waitFor({ state: 'visible' });
  return page.evaluate(() => performance.now());
};

const measureSignIn = async (browser: Browser): Promise<number> => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${baseUrl}/newsroom/`);
  const ms = await usableAt(page, '.demo-user:not([disabled])');
  await context.close();
  return ms;
};

const measureQueue = async (browser: Browser): Promise<{ cold: number; warm: number }> => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${baseUrl}/newsroom/`);
  await page.locator('.demo-user', { hasText: 'desk editor' }).first().click();
  await page.locator('table.list tbody tr, .screen-head + p, main p').first().waitFor();
  // A new tab of a signed-in user, cache cold (same profile, cache cleared) and then warm.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.clearBrowserCache');
  const cold = await context.newPage();
  await cold.goto(`${baseUrl}/newsroom/#/desk/politics/submitted`);
  const coldMs = await usableAt(cold, 'table.list tbody tr a');
  const warm = await context.newPage();
  await warm.goto(`${baseUrl}/newsroom/#/desk/politics/submitted`);
  const warmMs = await usableAt(warm, 'table.list tbody tr a');
  await context.close();
  return { cold: coldMs, warm: warmMs };
};

const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  headless: true,
  args: [...CHROMIUM_FLAGS],
});
try {
  const signIn: number[] = [];
  const queueCold: number[] = [];
  const queueWarm: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    signIn.push(await measureSignIn(browser));
    const q = await measureQueue(browser);
    queueCold.push(q.cold);
    queueWarm.push(q.warm);
  }
  const fmt = (v: number[]): string =>
    `median ${median(v).toFixed(0)} ms (min ${Math.min(...v).toFixed(0)}, max ${Math.max(...v).toFixed(0)})`;
  console.log(`newsroom first screen at ${baseUrl}/newsroom/, ${RUNS} runs each`);
  console.log(`  sign-in screen usable, cold cache:     ${fmt(signIn)}`);
  console.log(`  desk queue usable (signed in), cold:   ${fmt(queueCold)}`);
  console.log(`  desk queue usable (signed in), warm:   ${fmt(queueWarm)}`);
} finally {
  await browser.close();
}
