import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { clearScreenshots, takeScreenshot } from './support/browser.js';
import { expectNoAxeViolations, signIn, useNewsroomSession, visible, WAIT_MS } from './support/newsroom-session.js';

/**
 * The newsroom in a real browser, against the local stack: a reporter, two desk editors and a reader, each in their
 * own browser context. Every wait is on visible state (a heading, a badge, a message), never on time.
 * `NEWSROOM_URL` runs the same story against an already running `npm start`.
 */
const SEED_TITLE = 'Страны ОТГ усиливают правовое сотрудничество';
const REPORTER = 'Анна Смирнова';
const EDITOR = 'Борис Лебедев';
const SECOND_EDITOR = 'Галина Петрова';

const session = useNewsroomSession({ reuseRunning: true });
const openContext = (viewport?: { width: number; height: number }): Promise<Page> =>
  session.openPage(viewport ? { viewport } : {});
let shot = 0;
beforeAll(clearScreenshots);
const screenshot = (page: Page, name: string) => takeScreenshot(page, `${String(++shot).padStart(2, '0')}-${name}`);

const badge = (page: Page, status: string): Locator => page.locator('.meta .badge', { hasText: status });
const preview = (page: Page): Locator => page.locator('iframe.preview-frame');

describe('the newsroom in the browser', () => {
  let reporter: Page;
  let editor: Page;
  let articleId: string;
  let publicUrl: string;

  it('serves the app under /newsroom/ with hashed assets and a strict CSP', async () => {
    const response = await fetch(`${session.baseUrl}/newsroom/`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toMatch(/<script type="module" src="app\.[\w-]+\.js"><\/script>/);
    expect(html).not.toMatch(/<script>/);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('a reporter pastes the seed story, sees the three repairs and submits', async () => {
    reporter = await openContext();
    await signIn(reporter, session.baseUrl, REPORTER);
    await visible(reporter.getByRole('heading', { level: 1, name: 'Мои материалы' }));
    await screenshot(reporter, 'reporter-my-articles');
    await expectNoAxeViolations(reporter);

    await reporter.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Новый материал' }).click();
    await visible(reporter.getByRole('heading', { level: 1, name: 'Новый материал' }));
    const seed = await readFile(join(process.cwd(), 'content', 'drafts', 'otg-justice-ministers-baku.txt'), 'utf8');
    // Uploading a .md file fills the text field; pasting replaces it.
    await reporter.getByLabel('Загрузить файл (.md или .txt)').setInputFiles({
      name: 'zametka.md',
      mimeType: 'text/markdown',
      buffer: Buffer.from('# Заметка из файла\n\nТекст заметки.\n'),
    });
    await visible(reporter.getByText('Текст из файла «zametka.md» вставлен в поле ниже.'));
    expect(await reporter.getByLabel('Текст материала (Markdown)').inputValue()).toContain('# Заметка из файла');
    await reporter.getByLabel('Текст материала (Markdown)').fill(seed);
    await screenshot(reporter, 'reporter-new-draft');
    await expectNoAxeViolations(reporter);
    await reporter.getByRole('button', { name: 'Создать черновик' }).click();

    await visible(reporter.getByRole('heading', { level: 1, name: SEED_TITLE }));
    articleId = decodeURIComponent(new URL(reporter.url()).hash.replace('#/articles/', ''));
    expect(articleId).toMatch(/^[\w-]+$/);
    await visible(reporter.getByRole('heading', { name: 'Исправления в тексте: 3' }));
    const fixes = reporter.locator('.fixes > li');
    expect(await fixes.count()).toBe(3);
    expect(await fixes.allInnerTexts()).toEqual([
      expect.stringContaining('Перенос слова'),
      expect.stringContaining('Разорванный абзац'),
      expect.stringContaining('Разорванный абзац'),
    ]);
    await expect.poll(() => preview(reporter).getAttribute('srcdoc'), { timeout: WAIT_MS }).toContain(SEED_TITLE);
    await screenshot(reporter, 'reporter-editor');
    await expectNoAxeViolations(reporter);

    await reporter.getByRole('button', { name: 'Отправить на рассмотрение' }).click();
    await visible(badge(reporter, 'На рассмотрении'));
  });

  it('a desk editor finds it in the queue and requests changes with a comment', async () => {
    editor = await openContext();
    await signIn(editor, session.baseUrl, EDITOR);
    await visible(editor.getByRole('heading', { level: 1, name: 'Очередь: Отдел политики' }));
    const row = editor.locator(`a[href="#/review/${articleId}"]`);
    await visible(row);
    await screenshot(editor, 'desk-queue');
    await expectNoAxeViolations(editor);

    await row.click();
    await visible(editor.getByRole('heading', { level: 1, name: SEED_TITLE }));
    await visible(editor.getByText('Материал отправлен впервые: сравнивать не с чем.'));
    await expect.poll(() => preview(editor).getAttribute('srcdoc'), { timeout: WAIT_MS }).toContain(SEED_TITLE);
    await screenshot(editor, 'review-first-submission');
    await expectNoAxeViolations(editor);

    await editor.getByLabel('Комментарий для автора').fill('Уточните, где пройдёт третья встреча.');
    await editor.getByRole('button', { name: 'Вернуть на доработку' }).click();
    await visible(badge(editor, 'Нужна доработка'));
  });

  it('the reporter sees the request, edits (surviving a reload) and resubmits', async () => {
    await reporter.reload();
    await visible(reporter.getByText('Уточните, где пройдёт третья встреча.'));
    const text = reporter.getByLabel('Текст материала (Markdown)');
    const body = await text.inputValue();
    expect(body).toContain('в 2026 году в Турции');
    // Offline while editing: the server autosave cannot save, so the copy in this browser is what survives.
    const articleUrl = `**/api/articles/${articleId}`;
    await reporter.route(articleUrl, (route) =>
      route.request().method() === 'PUT' ? route.abort() : route.fallback(),
    );
    await text.fill(body.replace('в 2026 году в Турции', 'в 2026 году в Анкаре'));
    await visible(reporter.getByText('Есть несохранённые изменения'));

    // Unsaved work survives a reload of the tab.
    await reporter.reload();
    await visible(reporter.getByText('Восстановлен несохранённый текст из этого браузера.'));
    expect(await reporter.getByLabel('Текст материала (Markdown)').inputValue()).toContain('в Анкаре');
    await screenshot(reporter, 'reporter-changes-requested');
    await expectNoAxeViolations(reporter);

    await reporter.unroute(articleUrl);
    await reporter.getByRole('button', { name: 'Сохранить', exact: true }).click();
    await visible(reporter.getByText(/^Сохранено, версия \d+\.$/));
    await reporter.getByRole('button', { name: 'Отправить повторно' }).click();
    await visible(badge(reporter, 'На рассмотрении'));
    await visible(reporter.locator('.history').getByText('Уточните, где пройдёт третья встреча.'));
    await screenshot(reporter, 'reporter-history');
  });

  it('the editor sees the word diff, approves and publishes', async () => {
    await editor.reload();
    await visible(editor.getByRole('heading', { name: 'Изменения с прошлой отправки' }));
    const diff = editor.locator('.diff-body');
    await visible(diff.locator('ins', { hasText: 'Анкаре' }));
    await visible(diff.locator('del', { hasText: 'Турции' }));
    await screenshot(editor, 'review-diff');
    await expectNoAxeViolations(editor);

    await editor.getByRole('button', { name: 'Одобрить' }).click();
    await visible(badge(editor, 'Одобрен'));
    await screenshot(editor, 'review-approved');
    await expectNoAxeViolations(editor);
    await editor.getByRole('button', { name: 'Опубликовать', exact: true }).click();
    await visible(badge(editor, 'Опубликован'));
    publicUrl = (await editor.locator('a.public-link').getAttribute('href')) ?? '';
    expect(publicUrl).toMatch(/\/politics\/\d{4}\/\d{2}\/\d{2}\/[\w-]+\/$/);
    await screenshot(editor, 'review-published');
    await expectNoAxeViolations(editor);
  });

  it('a reader opens the public URL and finds the page', async () => {
    const reader = await openContext();
    const response = await reader.goto(publicUrl);
    expect(response?.status()).toBe(200);
    await visible(reader.getByRole('heading', { level: 1, name: SEED_TITLE }));
    await visible(reader.getByText('в 2026 году в Анкаре', { exact: false }));
    await screenshot(reader, 'reader-public-page');
  });

  it('two editors saving the same story meet the conflict screen, and nothing typed is lost', async () => {
    // The seed story loaded from content/ waits in the queue: both editors open it and copy-edit.
    const second = await openContext();
    await signIn(second, session.baseUrl, SECOND_EDITOR);
    const seedRow = second.locator('table.list tbody tr', { hasText: SEED_TITLE }).getByRole('link');
    await visible(seedRow);
    const seedHref = (await seedRow.first().getAttribute('href')) ?? '';
    await seedRow.first().click();
    await editor.goto(`${session.baseUrl}/newsroom/${seedHref}`);

    for (const page of [editor, second]) {
      await visible(page.getByRole('heading', { level: 1, name: SEED_TITLE }));
      await page.getByRole('button', { name: 'Править текст' }).click();
      await visible(page.getByLabel('Текст материала (Markdown)'));
    }
    const firstText = editor.getByLabel('Текст материала (Markdown)');
    await firstText.fill((await firstText.inputValue()).replace('второе заседание', 'очередное заседание'));
    await editor.getByRole('button', { name: 'Сохранить', exact: true }).click();
    await visible(editor.getByText(/^Сохранено, версия \d+\.$/));

    const secondText = second.getByLabel('Текст материала (Markdown)');
    const mine = (await secondText.inputValue()).replace('Аллею почетного захоронения', 'Аллею почётного захоронения');
    await secondText.fill(mine);
    await second.getByRole('button', { name: 'Сохранить', exact: true }).click();
    await visible(second.getByRole('heading', { name: 'Материал изменил кто-то другой' }));
    await visible(second.getByText(`${EDITOR} сохранил(а) версию`, { exact: false }));
    const conflictDiff = second.locator('.conflict .diff-body');
    await visible(conflictDiff.locator('del', { hasText: 'очередное' }));
    await visible(conflictDiff.locator('ins', { hasText: 'почётного' }));
    expect(await secondText.inputValue()).toBe(mine);
    await screenshot(second, 'conflict');
    await expectNoAxeViolations(second);

    await second.getByRole('button', { name: 'Сохранить мой текст поверх' }).click();
    await visible(second.getByText(/^Сохранено, версия \d+\.$/));
    expect(await second.locator('.conflict').count()).toBe(0);
    expect(await secondText.inputValue()).toBe(mine);
  });

  it('the desk schedules in its own time zone, cancels, corrects with a note and unpublishes with a reason', async () => {
    // The seed story (left submitted by the conflict test): approve, schedule for 09:00 Moscow time, cancel.
    await visible(editor.getByRole('heading', { level: 1, name: SEED_TITLE }));
    await editor.getByRole('button', { name: 'Закрыть редактор' }).click();
    await editor.reload();
    await editor.getByRole('button', { name: 'Одобрить' }).click();
    await visible(badge(editor, 'Одобрен'));
    await editor.getByLabel('В указанное время').check();
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await editor.getByLabel('Дата и время (московское время)').fill(`${tomorrow}T09:00`);
    await editor.getByRole('button', { name: 'Запланировать' }).click();
    await visible(badge(editor, 'Запланирован'));
    const publishAt = await editor.locator('.meta time').last().getAttribute('datetime');
    expect(publishAt).toBe(`${tomorrow}T06:00:00.000Z`);
    await screenshot(editor, 'review-scheduled');
    await expectNoAxeViolations(editor);
    await editor.getByRole('button', { name: 'Отменить публикацию по расписанию' }).click();
    await visible(badge(editor, 'Одобрен'));

    // The published story: a correction republishes with the note readers see; then it is taken down.
    await editor.goto(`${session.baseUrl}/newsroom/#/review/${articleId}`);
    await visible(badge(editor, 'Опубликован'));
    await editor.getByRole('button', { name: 'Исправить опубликованный текст' }).click();
    await editor.getByLabel('Примечание для читателей (что исправлено)').fill('Уточнено место третьей встречи.');
    const text = editor.getByLabel('Текст материала (Markdown)');
    await text.fill((await text.inputValue()).replace('в 2026 году в Анкаре', 'в 2026 году в Анкаре (Турция)'));
    await screenshot(editor, 'review-correction');
    await expectNoAxeViolations(editor);
    await editor.getByRole('button', { name: 'Опубликовать исправление' }).click();
    await visible(editor.locator('.history').getByText('Уточнено место третьей встречи.'));
    const reader = await openContext();
    await reader.goto(publicUrl);
    await visible(reader.getByText('Уточнено место третьей встречи.', { exact: false }));

    await editor.getByRole('button', { name: 'Закрыть редактор' }).click();
    await editor.getByLabel('Причина снятия с публикации').fill('Материал отозван по просьбе источника.');
    await editor.getByRole('button', { name: 'Снять с публикации…' }).click();
    await editor.getByRole('dialog').getByRole('button', { name: 'Да, снять с публикации' }).click();
    await visible(badge(editor, 'Снят с публикации'));
    await screenshot(editor, 'review-unpublished');
    await expectNoAxeViolations(editor);
    // A new reader: the first one's browser may keep the page for its max-age, as browsers do.
    const laterReader = await openContext();
    expect((await laterReader.goto(publicUrl))?.status()).toBe(410);
    await screenshot(laterReader, 'reader-gone-page');
  });

  it('is usable at 360 px, by keyboard, and in English on request', async () => {
    const narrow = await openContext({ width: 360, height: 780 });
    await narrow.goto(`${session.baseUrl}/newsroom/?lang=en`);
    await visible(narrow.getByRole('heading', { level: 1, name: 'Sign in to the newsroom' }));
    expect(await narrow.evaluate(() => document.documentElement.lang)).toBe('en');
    await screenshot(narrow, 'sign-in-360-en');
    await expectNoAxeViolations(narrow);

    // Keyboard only: Tab to the editor's demo-user button and press Enter.
    const editorButton = narrow.getByRole('button', { name: new RegExp(EDITOR) });
    for (let i = 0; i < 15 && !(await editorButton.evaluate((el) => el === document.activeElement)); i += 1) {
      await narrow.keyboard.press('Tab');
    }
    await narrow.keyboard.press('Enter');
    await visible(narrow.getByRole('heading', { level: 1, name: 'Queue: Politics desk' }));
    const fits = () =>
      narrow.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
    expect(await fits()).toBe(true);
    await screenshot(narrow, 'desk-queue-360-en');

    await narrow.getByRole('link', { name: 'Approved' }).click();
    await narrow.locator('table.list a', { hasText: SEED_TITLE }).first().click();
    await visible(narrow.getByRole('heading', { name: 'Decision' }));
    await visible(narrow.getByRole('group', { name: 'Publishing' }));
    expect(await fits()).toBe(true);
    await screenshot(narrow, 'review-approved-360-en');
    await expectNoAxeViolations(narrow);

    await narrow.getByRole('button', { name: 'Русский' }).click();
    await visible(narrow.getByRole('heading', { name: 'Решение' }));
    expect(await narrow.evaluate(() => document.documentElement.lang)).toBe('ru');
  });
});
