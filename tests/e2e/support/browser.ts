import { mkdir, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../../support/chromium.js';

/** playwright's `launch` gives every run a fresh temporary profile, the equivalent of a fresh `--user-data-dir`. */
export const launchChromium = (): Promise<Browser> =>
  chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_FLAGS] });

const here = dirname(fileURLToPath(import.meta.url));
/** Git-ignored: screenshots of every screen, for people to look at after a run. */
export const SCREENSHOT_DIR = join(here, '..', 'screenshots');

/** Screenshots of one run only: the numbering follows the story, so leftovers of an earlier run would mislead. */
export const clearScreenshots = (): Promise<void> => rm(SCREENSHOT_DIR, { recursive: true, force: true });

export const takeScreenshot = async (page: Page, name: string): Promise<string> => {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
};

let axeSource: Promise<string> | undefined;
const loadAxe = (): Promise<string> => {
  axeSource ??= readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
};

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
  frame: string;
}

interface AxeResultLike {
  violations: Array<{ id: string; impact?: string | null; help: string; nodes: Array<{ target: unknown[] }> }>;
}

const runAxe = async (page: Page, where: string): Promise<AxeViolation[]> => {
  await page.evaluate(`${await loadAxe()}\n;void 0`);
  const result = (await page.evaluate(() =>
    (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<unknown> } }).axe.run(document, {
      // Frames are checked on their own below: axe cannot run inside a sandboxed (script-less) frame.
      iframes: false,
      resultTypes: ['violations'],
    }),
  )) as AxeResultLike;
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact ?? null,
    help: v.help,
    targets: v.nodes.map((n) => n.target.map(String).join(' ')),
    frame: where,
  }));
};

/**
 * Runs axe-core on the page, then on each preview frame's document. The source goes in through the DevTools
 * protocol (`evaluate`), not a <script> tag, so the app's CSP (`script-src 'self'`) stays as strict as in production
 * and is tested at the same time. A preview frame is `sandbox=""` (no script can run in it, axe included), so its
 * `srcdoc` is loaded into a scratch page of the same context and checked there.
 */
export const findAxeViolations = async (page: Page): Promise<AxeViolation[]> => {
  const found = await runAxe(page, 'page');
  const frames = await page.locator('iframe[srcdoc]').all();
  for (const [index, frame] of frames.entries()) {
    const html = await frame.getAttribute('srcdoc');
    if (!html) continue;
    const scratch = await page.context().newPage();
    try {
      await scratch.setContent(html);
      found.push(...(await runAxe(scratch, `preview frame ${index + 1}`)));
    } finally {
      await scratch.close();
    }
  }
  return found;
};
