import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { countsResponse } from '../../functions/contract/desk-responses.js';
import { articleResponse, type Article } from '../../functions/contract/responses.js';
import { takeScreenshot } from './support/browser.js';
import { expectNoAxeViolations, signIn, useNewsroomSession, visible } from './support/newsroom-session.js';

/**
 * The desk's working tools in a real browser (issue 12 §2–4, §7, §8), in Russian, at 1366 px and at 360 px: counts
 * while writing, server autosave ("Сохранено в …"), presence seen from a second editor's browser, counts by status on
 * both dashboards, the desk's calendar in its time zone, and a revision compared and restored. axe-core runs on every
 * screen visited. Waits are on visible state, never on time.
 */
const REPORTER = 'Анна Смирнова';
const EDITOR = 'Борис Лебедев';
const SECOND_EDITOR = 'Галина Петрова';
const TEXT_LABEL = 'Текст материала (Markdown)';

const session = useNewsroomSession({ reuseRunning: true });
const openContext = (width: number): Promise<Page> => session.openPage({ viewport: { width, height: 900 } });

/** The API as a demo user, to set the scene (stories to count and schedule) without clicking through it. */
const tokenResponse = z.object({ token: z.string() });
const asUser = async (sub: string, name: string, groups: string[]) => {
  const res = await fetch(`${session.baseUrl}/api/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sub, name, groups }),
  });
  const { token } = tokenResponse.parse(await res.json());
  const call = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const r = await fetch(`${session.baseUrl}/api${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    expect(r.status, `${method} ${path}`).toBeLessThan(300);
    return r.json();
  };
  const article = async (method: string, path: string, body?: unknown): Promise<Article> =>
    articleResponse.parse(await call(method, path, body));
  return { call, article };
};

/** The page's next presence request with this method has been answered. */
const presenceAnswer = (page: Page, method: string) =>
  page.waitForResponse((r) => r.url().endsWith('/presence') && r.request().method() === method);

/** Tomorrow at 09:00 in Moscow (UTC+3, no DST), as the ISO instant the API takes. */
const tomorrowNineMoscow = (): string => {
  const moscowNow = new Date(Date.now() + 3 * 3_600_000);
  const day = new Date(Date.UTC(moscowNow.getUTCFullYear(), moscowNow.getUTCMonth(), moscowNow.getUTCDate() + 1));
  return new Date(day.getTime() + 6 * 3_600_000).toISOString();
};

for (const width of [1366, 360]) {
  describe(`the desk's tools at ${width} px`, () => {
    const tag = `${width}`;
    let reporter: Page;
    let draftId: string;
    let scheduledTitle: string;

    it('sets the scene over the API: a draft, and a story approved and scheduled for 09:00 tomorrow', async () => {
      const anna = await asUser('demo-reporter', REPORTER, ['reporters']);
      const boris = await asUser('demo-editor', EDITOR, ['desk-politics']);
      const draft = await anna.article('POST', '/articles', {
        desk: 'politics',
        body: `# Черновик ${tag}\n\nКороткая вводка.\n\nПервая редакция текста.\n`,
      });
      draftId = draft.id;
      scheduledTitle = `Запланированный материал ${tag}`;
      const story = await anna.article('POST', '/articles', {
        desk: 'politics',
        body: `# ${scheduledTitle}\n\nВводка.\n\nТекст.\n`,
      });
      const submitted = await anna.article('POST', `/articles/${story.id}/submit`, { version: story.version });
      const approved = await boris.article('POST', `/articles/${story.id}/approve`, { version: submitted.version });
      const scheduled = await boris.article('POST', `/articles/${story.id}/publish`, {
        version: approved.version,
        at: tomorrowNineMoscow(),
      });
      expect(scheduled.status).toBe('scheduled');
    });

    it('«Мои материалы» shows the reporter’s counts by status', async () => {
      reporter = await openContext(width);
      await signIn(reporter, session.baseUrl, REPORTER);
      await visible(reporter.getByRole('heading', { level: 1, name: 'Мои материалы' }));
      const anna = await asUser('demo-reporter', REPORTER, ['reporters']);
      const counts = countsResponse.parse(await anna.call('GET', '/articles/counts?mine=true')).counts;
      await visible(reporter.locator('.count-chips li[data-status="draft"]'));
      expect(await reporter.locator('.count-chips li[data-status="draft"]').innerText()).toBe(
        `Черновик: ${counts.draft}`,
      );
      expect(await reporter.locator('.count-chips li[data-status="scheduled"]').innerText()).toBe(
        `Запланирован: ${counts.scheduled}`,
      );
      await takeScreenshot(reporter, `desk-${tag}-01-my-counts`);
      await expectNoAxeViolations(reporter);
    });

    it('counts update while typing, and the server autosave says «Сохранено в …»', async () => {
      await reporter.goto(`${session.baseUrl}/newsroom/#/articles/${draftId}`);
      await visible(reporter.getByRole('heading', { level: 1, name: `Черновик ${tag}` }));
      const words = reporter.locator('[data-count="words"]');
      await visible(words);
      expect(await words.innerText()).toBe('слов: 7');
      const text = reporter.getByLabel(TEXT_LABEL);
      const title = `Черновик ${tag}: министры договорились о сотрудничестве`;
      await text.fill(`# ${title}\n\nКороткая вводка.\n\nВторая редакция текста, длиннее первой.\n`);
      await expect.poll(() => words.innerText()).toBe('слов: 13');
      expect(await reporter.locator('[data-count="title"]').innerText()).toContain(`заголовок: ${title.length} зн.`);
      expect(await reporter.locator('[data-count="reading"]').innerText()).toBe('чтение: ~1 мин');
      // No save clicked: the pause in typing saves to the server.
      await visible(reporter.getByText(/^Сохранено в \d{2}:\d{2}$/));
      const anna = await asUser('demo-reporter', REPORTER, ['reporters']);
      const saved = await anna.article('GET', `/articles/${draftId}`);
      expect(saved.revision).toBe(2);
      expect(saved.body).toContain('Вторая редакция');
      await takeScreenshot(reporter, `desk-${tag}-02-autosaved`);
      await expectNoAxeViolations(reporter);
    });

    it('warns well before the size limit, with the room left in characters', async () => {
      const text = reporter.getByLabel(TEXT_LABEL);
      const saved = await text.inputValue();
      // Offline for this step: the oversized text stays in this browser and is not autosaved.
      await reporter.route(`**/api/articles/${draftId}`, (route) =>
        route.request().method() === 'PUT' ? route.abort() : route.fallback(),
      );
      await text.fill(`${saved}\n${'Длинный абзац. '.repeat(6_000)}`);
      const warning = reporter.locator('.count-warning[aria-live="polite"]');
      await expect
        .poll(() => warning.innerText())
        .toMatch(/^Текст занимает \d+% предельного объёма: осталось около \d[\d\u00a0\u202f ]* знаков/); // numbers grouped by locale
      await visible(reporter.getByText('Не удалось сохранить на сервере.', { exact: false }));
      await expectNoAxeViolations(reporter);
      await text.fill(saved);
      await reporter.unroute(`**/api/articles/${draftId}`);
      await expect.poll(() => warning.innerText()).toBe('');
    });

    it('compares an earlier revision with the current one and restores it as a new revision', async () => {
      await reporter.reload();
      await visible(reporter.getByRole('heading', { level: 1 }));
      // Whatever this browser still held is dropped: the server's revision 2 is the text to compare against.
      const discard = reporter.getByRole('button', { name: 'Вернуть сохранённую версию' });
      if (await discard.count()) await discard.click();
      await reporter.locator('details.revisions > summary').click();
      await reporter.getByRole('button', { name: 'Сравнить редакцию 1 с текущей' }).click();
      await visible(reporter.getByRole('heading', { name: 'Редакция 1 и текущая редакция 2' }));
      const diff = reporter.locator('.revision-compare .diff-body');
      await visible(diff.locator('del', { hasText: 'Первая' }));
      await visible(diff.locator('ins', { hasText: 'Вторая' }));
      await takeScreenshot(reporter, `desk-${tag}-03-revision-compare`);
      await expectNoAxeViolations(reporter);
      await reporter.getByRole('button', { name: 'Восстановить редакцию 1' }).click();
      await visible(reporter.getByText('Текст редакции 1 восстановлен как новая редакция 3.'));
      expect(await reporter.getByLabel(TEXT_LABEL).inputValue()).toContain('Первая редакция текста.');
      await visible(reporter.locator('.history').getByText('восстановлен текст редакции 1', { exact: false }));
      await takeScreenshot(reporter, `desk-${tag}-04-revision-restored`);
      await expectNoAxeViolations(reporter);
    });

    it('a second editor sees «Борис Лебедев редактирует» while Борис copy-edits the story', async () => {
      const boris = await openContext(width);
      await signIn(boris, session.baseUrl, EDITOR);
      const story = boris.locator('table.list tbody tr').getByRole('link').first();
      await visible(story);
      const href = (await story.getAttribute('href')) ?? '';
      await story.click();
      const leased = presenceAnswer(boris, 'PUT');
      await boris.getByRole('button', { name: 'Править текст' }).click();
      await visible(boris.getByLabel(TEXT_LABEL));
      await leased;

      const galina = await openContext(width);
      await signIn(galina, session.baseUrl, SECOND_EDITOR);
      await galina.goto(`${session.baseUrl}/newsroom/${href}`);
      // Борис among those editing (the story's reporter may have it open too: then the notice names both).
      const notice = galina.locator('.notice.presence');
      await expect.poll(() => notice.innerText(), { timeout: 30_000 }).toMatch(new RegExp(`${EDITOR}.*редактиру`));
      await takeScreenshot(galina, `desk-${tag}-05-presence`);
      await expectNoAxeViolations(galina);

      // Борис closes the editor: his lease ends, and Галина's next look shows nobody.
      const left = presenceAnswer(boris, 'DELETE');
      await boris.getByRole('button', { name: 'Закрыть редактор' }).click();
      await left;
      const looked = presenceAnswer(galina, 'GET');
      await galina.reload();
      await looked;
      await visible(galina.getByRole('button', { name: 'Править текст' }));
      expect(await galina.locator('.notice.presence', { hasText: EDITOR }).count()).toBe(0);

      // The desk's queue: every tab with its count, as the API counts them.
      await boris.goto(`${session.baseUrl}/newsroom/#/desk/politics/submitted`);
      await visible(boris.getByRole('heading', { level: 1, name: 'Очередь: Отдел политики' }));
      const api = await asUser('demo-editor', EDITOR, ['desk-politics']);
      const counts = countsResponse.parse(await api.call('GET', '/articles/counts?desk=politics')).counts;
      const tabs = boris.getByRole('navigation', { name: 'Статусы' });
      await visible(tabs.locator('.tab-count[data-status="submitted"]'));
      expect(await tabs.getByRole('link', { name: /На рассмотрении/ }).innerText()).toBe(
        `На рассмотрении ${counts.submitted}`,
      );
      expect(await tabs.getByRole('link', { name: /Запланированные/ }).innerText()).toBe(
        `Запланированные ${counts.scheduled}`,
      );
      await takeScreenshot(boris, `desk-${tag}-06-queue-counts`);
      await expectNoAxeViolations(boris);

      // The calendar of scheduled stories, in the desk's zone, named.
      await tabs.getByRole('link', { name: /Запланированные/ }).click();
      await visible(boris.getByRole('heading', { name: 'Календарь публикаций' }));
      await visible(boris.getByText('Время указано по часовому поясу отдела: Europe/Moscow (GMT+3).'));
      const entry = boris.locator('.calendar-day li', { hasText: scheduledTitle });
      await visible(entry);
      expect(await entry.innerText()).toBe(`09:00 ${scheduledTitle}`);
      await takeScreenshot(boris, `desk-${tag}-07-calendar`);
      await expectNoAxeViolations(boris);
    });
  });
}
