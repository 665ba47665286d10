import { spawnSync } from 'node:child_process';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAxeViolations, launchChromium } from './support/browser.js';

/**
 * Bylines in the browser, against the local stack: the reporter names a co-author and tags in the fields (which
 * write the text's front matter), the desk publishes, and a reader finds the byline, the author page and its feed.
 */
const WAIT_MS = 20_000;
const TITLE = 'Министры договорились о цифровом правосудии';

let baseUrl: string;
let stopStack: (() => Promise<void>) | undefined;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  const built = spawnSync(process.execPath, ['--import', 'tsx', 'web/build.ts'], {
    cwd: process.cwd(),
    encoding: 'utf8',
  });
  if (built.status !== 0) throw new Error(`npm run build:web failed:\n${built.stdout}${built.stderr}`);
  const { startLocalStack } = await import('./support/local-stack.js');
  const stack = await startLocalStack();
  baseUrl = stack.baseUrl;
  stopStack = () => stack.stop();
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when beforeAll failed
  await browser?.close();
  await stopStack?.();
});

const openPage = async (): Promise<Page> => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'ru-RU' });
  context.setDefaultTimeout(WAIT_MS);
  contexts.push(context);
  return context.newPage();
};
const visible = (locator: Locator): Promise<void> => locator.first().waitFor({ state: 'visible' });
const signIn = async (page: Page, name: string): Promise<void> => {
  await page.goto(`${baseUrl}/newsroom/`);
  await page.getByRole('button', { name: new RegExp(name) }).click();
  await visible(page.getByRole('button', { name: 'Выйти' }));
};

describe('bylines in the newsroom and on the site', () => {
  it('the reporter adds a co-author and tags in the fields; the text carries them; the page and author page show them', async () => {
    const reporter = await openPage();
    await signIn(reporter, 'Анна Смирнова');
    await reporter.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Новый материал' }).click();
    await reporter
      .getByLabel('Текст материала (Markdown)')
      .fill(`# ${TITLE}\n\nПодзаголовок.\n\nМинистры встретились в Баку.\n`);
    await reporter.getByRole('button', { name: 'Создать черновик' }).click();
    await visible(reporter.getByRole('heading', { level: 1, name: TITLE }));

    await visible(reporter.getByText('Если поле пусто, автор — Анна Смирнова.'));
    await reporter.getByLabel('Авторы').fill('Анна Смирнова, Дмитрий Орлов');
    await reporter.getByLabel('Авторы').press('Enter');
    await reporter.getByLabel('Теги').fill('ОТГ, юстиция');
    await reporter.getByLabel('Теги').press('Tab');
    const text = await reporter.getByLabel('Текст материала (Markdown)').inputValue();
    expect(text.startsWith('---\nauthors: ["Анна Смирнова", "Дмитрий Орлов"]\ntags: ["ОТГ", "юстиция"]\n---\n')).toBe(
      true,
    );
    expect(await findAxeViolations(reporter)).toEqual([]);
    await reporter.getByRole('button', { name: 'Сохранить', exact: true }).click();
    await visible(reporter.getByText(/^Сохранено, версия \d+\.$/));
    await reporter.getByRole('button', { name: 'Отправить на рассмотрение' }).click();
    await visible(reporter.locator('.meta .badge', { hasText: 'На рассмотрении' }));

    const editor = await openPage();
    await signIn(editor, 'Борис Лебедев');
    await editor.locator('a', { hasText: TITLE }).first().click();
    await visible(editor.getByRole('heading', { level: 1, name: TITLE }));
    await editor.getByRole('button', { name: 'Одобрить' }).click();
    await visible(editor.locator('.meta .badge', { hasText: 'Одобрен' }));
    await editor.getByRole('button', { name: 'Опубликовать', exact: true }).click();
    await visible(editor.locator('.meta .badge', { hasText: 'Опубликован' }));
    const publicUrl = (await editor.locator('a.public-link').getAttribute('href')) ?? '';

    const reader = await openPage();
    await reader.goto(publicUrl);
    const byline = reader.locator('.byline');
    await visible(byline);
    expect(await byline.innerText()).toBe('Анна Смирнова и Дмитрий Орлов');
    // The page goes live first; the index rebuild that writes author pages follows it within the same job.
    await expect
      .poll(async () => (await fetch(`${baseUrl}/authors/dmitriy-orlov/`)).status, { timeout: WAIT_MS })
      .toBe(200);
    await byline.getByRole('link', { name: 'Дмитрий Орлов' }).click();
    await visible(reader.getByRole('heading', { level: 1, name: 'Автор: Дмитрий Орлов' }));
    expect(reader.url()).toBe(`${baseUrl}/authors/dmitriy-orlov/`);
    await visible(reader.getByRole('link', { name: TITLE }));
    expect(await findAxeViolations(reader)).toEqual([]);
    const feed = await fetch(`${baseUrl}/authors/dmitriy-orlov/feed.xml`);
    expect(feed.headers.get('content-type')).toContain('application/atom+xml');
    expect(await feed.text()).toContain(publicUrl);
  }, 180_000);
});
