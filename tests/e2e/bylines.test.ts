import { describe, expect, it } from 'vitest';
import { findAxeViolations } from './support/browser.js';
import { signIn, useNewsroomSession, visible, WAIT_MS } from './support/newsroom-session.js';

/**
 * Bylines in the browser, against the local stack: the reporter names a co-author and tags in the fields (which
 * write the text's front matter), the desk publishes, and a reader finds the byline, the author page and its feed.
 */
const TITLE = 'Министры договорились о цифровом правосудии';

const session = useNewsroomSession();
const openPage = () => session.openPage({ viewport: { width: 1366, height: 900 } });

describe('bylines in the newsroom and on the site', () => {
  it('the reporter adds a co-author and tags in the fields; the text carries them; the page and author page show them', async () => {
    const reporter = await openPage();
    await signIn(reporter, session.baseUrl, 'Анна Смирнова');
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
    await signIn(editor, session.baseUrl, 'Борис Лебедев');
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
      .poll(async () => (await fetch(`${session.baseUrl}/authors/dmitriy-orlov/`)).status, { timeout: WAIT_MS })
      .toBe(200);
    await byline.getByRole('link', { name: 'Дмитрий Орлов' }).click();
    await visible(reader.getByRole('heading', { level: 1, name: 'Автор: Дмитрий Орлов' }));
    expect(reader.url()).toBe(`${session.baseUrl}/authors/dmitriy-orlov/`);
    await visible(reader.getByRole('link', { name: TITLE }));
    expect(await findAxeViolations(reader)).toEqual([]);
    const feed = await fetch(`${session.baseUrl}/authors/dmitriy-orlov/feed.xml`);
    expect(feed.headers.get('content-type')).toContain('application/atom+xml');
    expect(await feed.text()).toContain(publicUrl);
  }, 180_000);
});
