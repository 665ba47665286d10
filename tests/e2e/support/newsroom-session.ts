import { spawnSync } from 'node:child_process';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { findAxeViolations, launchChromium } from './browser.js';

/** How long a browser step waits for what it expects on the screen (a busy 2-core machine is slow, never stuck). */
export const WAIT_MS = 20_000;

export interface PageOptions {
  viewport?: { width: number; height: number };
  /** The browser's own zone; the app must show the desk's times whatever it is. */
  timezoneId?: string;
}

export interface NewsroomSession {
  /** The newsroom's origin, without a trailing slash. */
  readonly baseUrl: string;
  /** A page in a fresh context (its own cookies and storage), in Russian, watched for script errors and CSP refusals. */
  openPage(options?: PageOptions): Promise<Page>;
  /** Watches a page opened some other way (another tab of a context) like `openPage` does. */
  watch(page: Page): void;
}

/** The app from this checkout (the stack serves whatever dist/web holds), built in about a second. */
const buildWebApp = (): void => {
  const built = spawnSync(process.execPath, ['--import', 'tsx', 'web/build.ts'], {
    cwd: process.cwd(),
    encoding: 'utf8',
  });
  if (built.status !== 0) throw new Error(`npm run build:web failed:\n${built.stdout}${built.stderr}`);
};

/**
 * One browser test file's newsroom: a local stack of its own (the app built from this checkout first), or, with
 * `reuseRunning` and `NEWSROOM_URL` set, an `npm start` already running; headless Chromium; and after each test, the
 * script errors and Content-Security-Policy refusals its pages met (a test that caused one fails where it happened).
 * Registers its own vitest hooks, so call it at the top of the file.
 */
export const useNewsroomSession = (options: { reuseRunning?: boolean } = {}): NewsroomSession => {
  let baseUrl: string | undefined;
  let stopStack: (() => Promise<void>) | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    const running = options.reuseRunning ? process.env.NEWSROOM_URL : undefined;
    if (running) {
      baseUrl = running.replace(/\/+$/, '');
    } else {
      buildWebApp();
      const { startLocalStack } = await import('./local-stack.js');
      const stack = await startLocalStack();
      baseUrl = stack.baseUrl;
      stopStack = () => stack.stop();
    }
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await stopStack?.();
  });

  afterEach(() => {
    expect(problems.splice(0)).toEqual([]);
  });

  const watch = (page: Page): void => {
    page.on('pageerror', (error) => problems.push(`script error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) problems.push(message.text());
    });
  };

  return {
    get baseUrl() {
      if (baseUrl === undefined) throw new Error('the newsroom is not started yet (use baseUrl inside a test)');
      return baseUrl;
    },
    async openPage({ viewport = { width: 1280, height: 900 }, timezoneId = 'Europe/Moscow' } = {}) {
      if (!browser) throw new Error('the browser is not started yet (open pages inside a test)');
      const context = await browser.newContext({ viewport, locale: 'ru-RU', timezoneId });
      context.setDefaultTimeout(WAIT_MS);
      contexts.push(context);
      const page = await context.newPage();
      watch(page);
      return page;
    },
    watch,
  };
};

/** Waits until the first element the locator finds is visible (waits are on what is shown, never on time). */
export const visible = (locator: Locator): Promise<void> => locator.first().waitFor({ state: 'visible' });

/** Signs in as a demo user from the sign-in screen and waits until the app has moved on to the person's home screen. */
export const signIn = async (page: Page, baseUrl: string, name: string): Promise<void> => {
  await page.goto(`${baseUrl}/newsroom/`);
  await visible(page.getByRole('heading', { level: 1, name: 'Вход в редакцию' }));
  await page.getByRole('button', { name: new RegExp(name) }).click();
  await visible(page.getByRole('button', { name: 'Выйти' }));
  // A navigation before the app has moved on would race with it.
  await page.waitForURL(/#\/(mine|desk\/)/);
};

export const expectNoAxeViolations = async (page: Page, screen?: string): Promise<void> => {
  expect(await findAxeViolations(page), screen).toEqual([]);
};
