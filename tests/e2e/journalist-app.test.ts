import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { findAxeViolations, takeScreenshot } from './support/browser.js';
import { signIn, useNewsroomSession, visible, WAIT_MS } from './support/newsroom-session.js';

/**
 * Issue 12 in a real browser, in Russian, at 1366 px and at 360 px (the whole story once per width, each with its
 * own story): errors as catalogue sentences without the server's English, a field error beside its field, the honest
 * preview (outdated with its reason, widths, the published banner), the repair list jumping into the text, the
 * reporter withdrawing while the desk reviews (a clear message and fresh buttons), "publish now" in the history,
 * unpublishing through a confirmation that shows the address, and restore then publishing again at the same address.
 * axe-core is run on every screen visited. Waits are on visible state, never on time.
 */
const REPORTER = 'Анна Смирнова';
const EDITOR = 'Борис Лебедев';
const WIDTHS = [
  { name: '1366', viewport: { width: 1366, height: 900 } },
  { name: '360', viewport: { width: 360, height: 780 } },
] as const;

/** Words of the server's English messages that must never reach the screen. */
const SERVER_ENGLISH =
  /\b(the request body|bytes|limit is|four-eyes|does not exist|not visible to you|Failed to fetch|is required|is stale|cannot \w+ an article)\b/i;

const session = useNewsroomSession({ reuseRunning: true });
// The browser in another zone than the desk: every time shown must still be Moscow time.
const openContext = (viewport: { width: number; height: number }): Promise<Page> =>
  session.openPage({ viewport, timezoneId: 'America/New_York' });

const badge = (page: Page, status: string): Locator => page.locator('.meta .badge', { hasText: status });

/** axe-core clean, no server English anywhere on the screen, and nothing wider than the viewport. */
const checkScreen = async (page: Page, name: string): Promise<void> => {
  expect(await findAxeViolations(page), name).toEqual([]);
  const text = await page.locator('body').innerText();
  expect(text, name).not.toMatch(SERVER_ENGLISH);
  const fits = await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
  expect(fits, `${name}: wider than the viewport`).toBe(true);
  await takeScreenshot(page, `journalist-${name}`);
};

const openReview = async (page: Page, id: string): Promise<void> => {
  await page.goto(`${session.baseUrl}/newsroom/#/review/${id}`);
  // The same hash again is no navigation: load the screen afresh.
  await page.reload();
  await visible(page.getByRole('heading', { name: 'Решение' }));
};

describe.each(WIDTHS)('the journalist app at $name px', ({ name: width, viewport }) => {
  const title = `Бюджетный комитет ${width}`;
  const story = `# ${title}\n\nДепутаты обсудили бюджет на\n\nследующий год и приняли поправки.\n\nВторой абзац текста.\n`;
  let reporter: Page;
  let editor: Page;
  let id: string;
  let publicUrl: string;

  it('signs in with Russian role names and writes a story whose repair list jumps into the text', async () => {
    reporter = await openContext(viewport);
    await reporter.goto(`${session.baseUrl}/newsroom/`);
    await visible(reporter.getByRole('heading', { level: 1, name: 'Вход в редакцию' }));
    const roles = await reporter.locator('.demo-user .muted').allInnerTexts();
    expect(roles).toContain('корреспондент');
    expect(roles.join(' ')).not.toMatch(/[A-Za-z]/);
    await checkScreen(reporter, `${width}-sign-in`);
    await signIn(reporter, session.baseUrl, REPORTER);

    await reporter.goto(`${session.baseUrl}/newsroom/#/new`);
    await visible(reporter.getByRole('heading', { level: 1, name: 'Новый материал' }));
    // Desk names come from the catalogue: the world desk, configured in English, reads in Russian.
    expect(await reporter.getByLabel('Отдел', { exact: true }).locator('option').allInnerTexts()).toEqual([
      'Отдел политики',
      'Международный отдел',
    ]);
    await reporter.getByLabel('Текст материала (Markdown)').fill(story);
    await checkScreen(reporter, `${width}-new-draft`);
    await reporter.getByRole('button', { name: 'Создать черновик' }).click();
    await visible(reporter.getByRole('heading', { level: 1, name: title }));
    id = decodeURIComponent(new URL(reporter.url()).hash.replace('#/articles/', ''));

    // The join shows its removed break, so "Было" and "Стало" differ.
    const fix = reporter.locator('.fixes > li', { hasText: 'Разорванный абзац' });
    await expect.poll(() => fix.locator('del').innerText()).toBe('обсудили бюджет на ¶ следующий год и');
    expect(await fix.locator('ins').innerText()).toBe('обсудили бюджет на следующий год и');
    await visible(reporter.getByText('Время на этой странице — московское время.'));
    await checkScreen(reporter, `${width}-editor`);

    // "Показать в тексте" selects the repaired place in the textarea and scrolls it into view.
    await fix.getByRole('button', { name: 'Показать в тексте' }).click();
    const selected = await reporter
      .getByLabel('Текст материала (Markdown)')
      .evaluate((el) =>
        el instanceof HTMLTextAreaElement && document.activeElement === el
          ? el.value.slice(el.selectionStart, el.selectionEnd)
          : '',
      );
    expect(selected).toBe('обсудили бюджет на\n\nследующий год и');
  });

  it('a save refused because of the user’s own other tab says so, not "someone else"', async () => {
    const otherTab = await reporter.context().newPage();
    session.watch(otherTab);
    await otherTab.goto(`${session.baseUrl}/newsroom/#/articles/${id}`);
    const there = otherTab.getByLabel('Текст материала (Markdown)');
    await visible(there);
    await there.fill(story.replace('Второй абзац', 'Второй, дополненный абзац'));
    await otherTab.getByRole('button', { name: 'Сохранить', exact: true }).click();
    await visible(otherTab.getByText(/^Сохранено, версия \d+\.$/));
    await otherTab.close();

    const here = reporter.getByLabel('Текст материала (Markdown)');
    await here.fill(story.replace('приняли поправки', 'приняли все поправки'));
    await reporter.getByRole('button', { name: 'Сохранить', exact: true }).click();
    await visible(reporter.getByRole('heading', { name: 'Вы изменили материал в другой вкладке' }));
    await visible(reporter.getByText('Вы сохранили версию', { exact: false }));
    expect(await reporter.getByText('кто-то другой').count()).toBe(0);
    await checkScreen(reporter, `${width}-conflict-self`);
    await reporter.getByRole('button', { name: 'Загрузить сохранённую версию' }).click();
    await reporter.locator('.conflict').waitFor({ state: 'detached' });
  });

  it('marks the preview outdated with the catalogue’s reason when the text is too long, then recovers', async () => {
    const frame = reporter.locator('.editor-grid iframe.preview-frame');
    await expect.poll(() => frame.getAttribute('srcdoc'), { timeout: WAIT_MS }).toContain(title);
    await visible(reporter.getByText('Материал ещё не опубликован: так страница будет выглядеть после публикации.'));

    const text = reporter.getByLabel('Текст материала (Markdown)');
    await text.fill(`${story}\n${'я'.repeat(100_000)}\n`);
    const outdated = reporter.locator('.preview-outdated .preview-error');
    await visible(outdated);
    const reason = await outdated.innerText();
    expect(reason).toContain('Предпросмотр устарел');
    expect(reason).toContain('Текст слишком большой: в материал помещается около 98\u00a0304 знаков');
    expect(await frame.getAttribute('srcdoc')).toContain(title);
    await checkScreen(reporter, `${width}-preview-outdated`);

    await text.fill(story);
    await reporter.locator('.preview-outdated').waitFor({ state: 'detached' });
    // Phone width: the page as a reader's phone shows it.
    await reporter.getByLabel('Как на телефоне (360 точек)').check();
    expect(await frame.evaluate((el) => el.getBoundingClientRect().width)).toBeLessThanOrEqual(360);
    await reporter.getByLabel('Во всю ширину').check();
    await reporter.getByLabel('Рядом с текстом').check();
    await reporter.getByRole('button', { name: 'Отправить на рассмотрение' }).click();
    await visible(badge(reporter, 'На рассмотрении'));
  });

  it('the reporter withdraws while the editor reviews: "Одобрить" ends in a clear message and fresh buttons', async () => {
    editor = await openContext(viewport);
    await signIn(editor, session.baseUrl, EDITOR);
    await openReview(editor, id);
    await visible(editor.getByRole('button', { name: 'Одобрить' }));
    await checkScreen(editor, `${width}-review`);

    await reporter.getByRole('button', { name: 'Отозвать' }).click();
    await visible(badge(reporter, 'Черновик'));

    await editor.getByRole('button', { name: 'Одобрить' }).click();
    await visible(
      editor.getByText(
        'Материал отозван автором — сейчас он в статусе «Черновик» и виден только автору. Ваше действие не выполнено.',
      ),
    );
    expect(await editor.getByRole('button', { name: 'Одобрить' }).count()).toBe(0);
    expect(await editor.getByRole('button', { name: 'Вернуть на доработку' }).count()).toBe(0);
    await visible(editor.getByRole('link', { name: 'Вернуться к очереди' }));
    expect(await editor.getByText('Не найдено').count()).toBe(0);
    await checkScreen(editor, `${width}-withdrawn-during-review`);
  });

  it('an empty comment on "Вернуть на доработку" and a past time are shown next to their fields', async () => {
    await reporter.getByRole('button', { name: 'Отправить на рассмотрение' }).click();
    await visible(badge(reporter, 'На рассмотрении'));
    await openReview(editor, id);

    await editor.getByRole('button', { name: 'Вернуть на доработку' }).click();
    const comment = editor.getByLabel('Комментарий для автора');
    await visible(editor.locator('#decision-comment-error'));
    expect(await editor.locator('#decision-comment-error').innerText()).toBe(
      'Напишите автору, что нужно доработать: без комментария материал не вернуть.',
    );
    expect(await comment.getAttribute('aria-invalid')).toBe('true');
    expect(await comment.getAttribute('aria-describedby')).toContain('decision-comment-error');
    expect(await editor.locator('.error').count()).toBe(0);
    await checkScreen(editor, `${width}-field-error`);

    await editor.getByRole('button', { name: 'Одобрить' }).click();
    await visible(badge(editor, 'Одобрен'));
    await editor.getByLabel('В указанное время').check();
    // The field names the desk's zone in words; a time in the past comes back as the server's refusal, in Russian.
    await editor.getByLabel('Дата и время (московское время)').fill('2026-01-05T09:00');
    await editor.getByRole('button', { name: 'Запланировать' }).click();
    const atError = editor.locator('#publish-at-error');
    await visible(atError);
    expect(await atError.innerText()).toBe(
      'Время публикации (5 янв. 2026 г., 09:00) уже прошло: укажите время в будущем или опубликуйте сейчас.',
    );
    await checkScreen(editor, `${width}-past-time`);
  });

  it('"publish now" reads as sent for publication, then published; the preview says the story is live', async () => {
    await editor.getByLabel('Сейчас').check();
    await editor.getByRole('button', { name: 'Опубликовать', exact: true }).click();
    await visible(badge(editor, 'Опубликован'));
    publicUrl = (await editor.locator('a.public-link').getAttribute('href')) ?? '';
    expect(publicUrl).toMatch(/\/politics\/\d{4}\/\d{2}\/\d{2}\/[\w-]+\/$/);
    const history = editor.locator('.history');
    await visible(history.getByText('опубликовал(а)'));
    await visible(history.getByText('отправил(а) материал на публикацию'));
    expect(await history.getByText('запланировал(а) публикацию').count()).toBe(0);
    await visible(history.getByText('Выпускающая система'));
    await visible(editor.getByText('Материал опубликован — предпросмотр показывает текущую правку', { exact: false }));
    const frame = editor.locator('iframe.preview-frame');
    await expect.poll(() => frame.getAttribute('srcdoc')).toContain('материал опубликован, здесь — текущая правка');
    await checkScreen(editor, `${width}-published`);
  });

  it('unpublishing asks first, showing the public address and what the kind does; restore brings it back', async () => {
    await editor.getByLabel('Причина снятия с публикации').fill('Ошибка в цифрах бюджета.');
    await editor.getByRole('button', { name: 'Снять с публикации…' }).click();
    const dialog = editor.getByRole('dialog', { name: 'Снять материал с публикации?' });
    await visible(dialog);
    expect(await dialog.locator('.public-link').innerText()).toBe(publicUrl);
    await visible(dialog.getByText('Редакционное: уведомление называет материал'));
    await visible(dialog.getByText('опубликовать снова по тому же адресу', { exact: false }));
    await checkScreen(editor, `${width}-unpublish-dialog`);
    // Cancel sends nothing.
    await dialog.getByRole('button', { name: 'Отмена' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await visible(badge(editor, 'Опубликован'));

    await editor.getByRole('button', { name: 'Снять с публикации…' }).click();
    await editor.getByRole('dialog').getByRole('button', { name: 'Да, снять с публикации' }).click();
    await visible(badge(editor, 'Снят с публикации'));
    await expect.poll(async () => (await fetch(publicUrl)).status, { timeout: WAIT_MS }).toBe(410);
    await editor.reload();
    await visible(editor.getByText('Материал вернётся к автору в черновики', { exact: false }));
    await checkScreen(editor, `${width}-unpublished`);
    await editor.getByRole('button', { name: 'Вернуть в черновики (адрес сохранится)' }).click();
    await visible(badge(editor, 'Черновик'));

    // Round the desk again: published at the same address.
    await reporter.reload();
    await reporter.getByRole('button', { name: 'Отправить на рассмотрение' }).click();
    await visible(badge(reporter, 'На рассмотрении'));
    await openReview(editor, id);
    await editor.getByRole('button', { name: 'Одобрить' }).click();
    await visible(badge(editor, 'Одобрен'));
    await editor.getByRole('button', { name: 'Опубликовать', exact: true }).click();
    await visible(badge(editor, 'Опубликован'));
    expect(await editor.locator('a.public-link').getAttribute('href')).toBe(publicUrl);
    await expect.poll(async () => (await fetch(publicUrl)).status, { timeout: WAIT_MS }).toBe(200);
  });
});
