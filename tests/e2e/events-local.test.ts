import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_ARTICLE_ID } from '../../functions/local/demo-flow.js';
import { launchChromium } from './support/browser.js';
import { startLocalStack } from './support/local-stack.js';

/**
 * Issue 13 as a new user tries it with `npm start`: the stack's own maildev and recording Telegram server (their
 * addresses read from the start banner), the outbox forwarder running in the stack, everything over HTTP.
 */
let stack: Awaited<ReturnType<typeof startLocalStack>>;
let mailUrl: string;
let telegramUrl: string;

beforeAll(async () => {
  stack = await startLocalStack();
  const banner = stack.output();
  mailUrl = /^ {2}Mail +(http:\/\/127\.0\.0\.1:\d+)\//m.exec(banner)?.[1] ?? '';
  telegramUrl = /^ {2}Telegram +(http:\/\/127\.0\.0\.1:\d+)\/calls/m.exec(banner)?.[1] ?? '';
});
afterAll(async () => {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when beforeAll failed
  await stack?.stop();
});

const USERS = {
  reporter: { sub: 'demo-reporter', name: 'Анна Смирнова', groups: ['reporters'] },
  editor: { sub: 'demo-editor', name: 'Борис Лебедев', groups: ['desk-politics'] },
} as const;
const tokens = new Map<string, string>();

const api = async (as: keyof typeof USERS, method: string, path: string, body?: unknown) => {
  let token = tokens.get(as);
  if (!token) {
    const res = await fetch(`${stack.baseUrl}/api/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(USERS[as]),
    });
    token = ((await res.json()) as { token: string }).token;
    tokens.set(as, token);
  }
  const res = await fetch(`${stack.baseUrl}/api${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  expect(res.status, `${method} ${path}`).toBeLessThan(300);
  return (await res.json()) as Record<string, unknown>;
};

interface Inbox {
  items: { kind: string; subject: string; articleId: string }[];
  unread: number;
}
const inboxOf = async (as: keyof typeof USERS) => (await api(as, 'GET', '/notifications')) as unknown as Inbox;

interface Mail {
  subject: string;
  to: { address: string }[];
}
const mails = async (): Promise<Mail[]> => (await (await fetch(`${mailUrl}/api/email`)).json()) as Mail[];
const mailsTo = async (address: string) => (await mails()).filter((m) => m.to.some((t) => t.address === address));

interface Call {
  method: string;
  params: { chat_id?: string; message_id?: number; text?: string };
  messageId?: number;
}
const channelCalls = async (method: string): Promise<Call[]> =>
  ((await (await fetch(`${telegramUrl}/calls`)).json()) as Call[]).filter(
    (c) => c.method === method && c.params.chat_id === '@newsroom_politics_demo',
  );

const version = async (id: string) => (await api('editor', 'GET', `/articles/${id}`)).version as number;
const POLL = { timeout: 30_000, interval: 200 };

describe('notifications and distribution in the local stack', () => {
  it('prints the mail catcher and the recording Telegram server in the banner', () => {
    expect(mailUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(telegramUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('a submission raises the desk editor’s bell count and lands in the mail catcher', async () => {
    // The seed story was submitted when the stack loaded it.
    await expect
      .poll(async () => (await inboxOf('editor')).items.map((i) => i.articleId), POLL)
      .toContain(SEED_ARTICLE_ID);
    const before = (await inboxOf('editor')).unread;
    const draft = await api('reporter', 'POST', '/articles', {
      desk: 'politics',
      body: '# Второй материал\n\nКороткий подзаголовок.\n\nТекст заметки.\n',
    });
    await api('reporter', 'POST', `/articles/${String(draft.id)}/submit`, { version: draft.version });
    await expect.poll(async () => (await inboxOf('editor')).unread, POLL).toBe(before + 1);
    await expect
      .poll(async () => (await mailsTo('demo-editor@newsroom.localhost')).map((m) => m.subject), POLL)
      .toContain('Анна Смирнова сдаёт материал «Второй материал»');
  });

  it('a request for changes reaches the reporter', async () => {
    await api('editor', 'POST', `/articles/${SEED_ARTICLE_ID}/request-changes`, {
      version: await version(SEED_ARTICLE_ID),
      comment: 'Уточните дату встречи',
    });
    await expect
      .poll(async () => (await inboxOf('reporter')).items.map((i) => i.kind), POLL)
      .toContain('changes_requested');
    await expect
      .poll(async () => (await mailsTo('demo-reporter@newsroom.localhost')).map((m) => m.subject), POLL)
      .toContain('Борис Лебедев просит доработать «Страны ОТГ усиливают правовое сотрудничество»');
  });

  it('the editor sees the count on the bell; opening the inbox marks it read and the bell empties', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(`${stack.baseUrl}/newsroom/`);
      await page.getByRole('button', { name: /Борис Лебедев/ }).click();
      const bell = page.locator('a.bell');
      await bell.waitFor({ state: 'visible' });
      const unread = (await inboxOf('editor')).unread;
      expect(unread).toBeGreaterThan(0);
      await expect.poll(() => bell.getAttribute('data-unread'), POLL).toBe(String(unread));
      expect(await bell.getAttribute('aria-label')).toBe(`Уведомления: ${unread} непрочитанных`);
      await bell.click();
      await page.locator('.inbox-item').first().waitFor({ state: 'visible' });
      expect(await page.locator('.inbox-item').count()).toBe(unread);
      await expect.poll(() => bell.getAttribute('data-unread'), POLL).toBe('0');
      expect((await inboxOf('editor')).unread).toBe(0);
    } finally {
      await browser.close();
    }
  });

  it('publish posts to the desk channel, a correction edits that message, unpublish deletes it', async () => {
    await api('reporter', 'POST', `/articles/${SEED_ARTICLE_ID}/submit`, { version: await version(SEED_ARTICLE_ID) });
    await api('editor', 'POST', `/articles/${SEED_ARTICLE_ID}/approve`, { version: await version(SEED_ARTICLE_ID) });
    await api('editor', 'POST', `/articles/${SEED_ARTICLE_ID}/publish`, { version: await version(SEED_ARTICLE_ID) });
    await expect.poll(async () => (await channelCalls('sendMessage')).length, POLL).toBe(1);
    const [post] = await channelCalls('sendMessage');
    expect(post!.params.text).toContain('Страны ОТГ усиливают правовое сотрудничество');
    expect(post!.params.text).toMatch(/http:\/\/127\.0\.0\.1:\d+\/politics\/\d{4}\/\d{2}\/\d{2}\/strany-otg/);
    const sent = (await (await fetch(`${telegramUrl}/calls`)).json()) as Call[];
    expect(sent.filter((c) => c.method === 'sendMessage').length).toBeGreaterThan(1); // and direct messages

    const live = await api('editor', 'GET', `/articles/${SEED_ARTICLE_ID}`);
    await api('editor', 'POST', `/articles/${SEED_ARTICLE_ID}/correct`, {
      version: live.version,
      body: String(live.body).replace('Баку', 'Баку (Азербайджан)'),
      note: 'Уточнено место встречи',
    });
    await expect.poll(async () => (await channelCalls('editMessageText')).length, POLL).toBe(1);
    const [edit] = await channelCalls('editMessageText');
    expect(edit!.params.message_id).toBe(post!.messageId);
    expect(edit!.params.text).toContain('Страны ОТГ усиливают правовое сотрудничество');

    await api('editor', 'POST', `/articles/${SEED_ARTICLE_ID}/unpublish`, {
      version: await version(SEED_ARTICLE_ID),
      kind: 'editorial',
      reason: 'Снято по решению редакции',
    });
    await expect.poll(async () => (await channelCalls('deleteMessage')).length, POLL).toBe(1);
    const [deleted] = await channelCalls('deleteMessage');
    expect(deleted!.params.message_id).toBe(post!.messageId);
  });
});
