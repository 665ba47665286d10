import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../../../functions/domain/distribution.js';
import { composeEventDeps } from '../../../functions/handlers/compose-events.js';
import { createTelegramBot } from '../../../functions/adapters/telegram/telegram-bot.js';
import { demoDirectory } from '../../../functions/local/local-events.js';
import { createOutboxForwarder, type OutboxForwarder } from '../../../functions/local/outbox-forwarder.js';
import { startTelegramRecorder, type TelegramRecorder } from '../../../functions/local/telegram-recorder.js';
import type { ArticleEvent } from '../../../functions/domain/article.js';
import type { Mailer } from '../../../functions/ports/events.js';
import { EVENT_CONSUMERS, deliverEvent, type EventConsumer } from '../../../functions/use-cases/deliver-event.js';
import { testEnvironment } from '../support/emulators.js';
import { articleOf, startTestNewsroom, type TestNewsroom, type UserSub } from '../support/test-newsroom.js';

const SEED = readFileSync('content/drafts/otg-justice-ministers-baku.txt', 'utf8');
const SECRET = 'test-webhook-secret-0123456789';

/** A partner's endpoint: records every POST; answers 500 while `failing`. */
const startPartner = async () => {
  const received: { body: string; headers: Record<string, string | string[] | undefined> }[] = [];
  const state = { failing: false };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (state.failing) {
        res.writeHead(500).end();
        return;
      }
      received.push({ body: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}/hooks/newsroom`, received, state, close: () => server.close() };
};

let n: TestNewsroom;
let telegram: TelegramRecorder;
let partner: Awaited<ReturnType<typeof startPartner>>;
let dataDir: string;
const mails: { to: string; subject: string; text: string }[] = [];
/** Consumers that are "down": their deliveries fail (as a crashed or unreachable consumer would). */
const down = new Set<EventConsumer>();
let deliver: (consumer: EventConsumer, event: ArticleEvent) => Promise<void>;

beforeAll(async () => {
  n = await startTestNewsroom({ now: '2026-11-20T09:00:00.000Z' });
  telegram = await startTelegramRecorder();
  partner = await startPartner();
  dataDir = await mkdtemp(join(tmpdir(), 'newsroom-outbox-'));
  // SMTP is exercised by the local e2e test against maildev; here a mailer that records is enough.
  const mailer: Mailer = { send: (m) => Promise.resolve(void mails.push(m)) };
  const deps = composeEventDeps({
    app: n.app,
    documentClient: testEnvironment().documentClient,
    tableName: n.tableName,
    directory: demoDirectory(),
    mailer,
    telegram: createTelegramBot({ apiBase: telegram.url, loadToken: () => Promise.resolve('123:test') }),
    webhooks: { partners: [{ id: 'partner-a', url: partner.url }], secret: SECRET },
  });
  const inner = deliverEvent(deps);
  deliver = async (consumer, event) => {
    if (down.has(consumer)) throw new Error(`${consumer} is down`);
    await inner(consumer, event);
  };
});

afterAll(async () => {
  await telegram.close();
  partner.close();
  await rm(dataDir, { recursive: true, force: true });
});

const forwarder = (): Promise<OutboxForwarder> =>
  createOutboxForwarder({
    endpoint: testEnvironment().dynamoEndpoint,
    tableName: n.tableName,
    dataDir,
    consumers: EVENT_CONSUMERS,
    deliver,
    log: () => undefined,
    retry: { attempts: 3, initialDelayMs: 5, maxDelayMs: 20 },
  });

const act = async (id: string, action: string, as: UserSub, body: Record<string, unknown>) => {
  const res = await n.call('POST', `/api/articles/${id}/${action}`, { as, body });
  expect(res.status).toBeLessThan(300);
  return articleOf(res);
};

const inbox = async (as: UserSub) => {
  const res = await n.call('GET', '/api/notifications', { as });
  expect(res.status).toBe(200);
  return res.json as { items: { id: string; kind: string; subject: string; link: string }[]; unread: number };
};

const callsOf = (method: string) => telegram.calls.filter((c) => c.method === method);

/** Everything the consumers have done, to compare before and after a replay. */
const snapshot = async () => ({
  mails: mails.length,
  telegram: telegram.calls.length,
  webhooks: partner.received.length,
  inboxes: await Promise.all(
    (['demo-reporter', 'demo-editor', 'demo-editor-2'] as const).map(async (u) => (await inbox(u)).items.length),
  ),
});

describe('the outbox: DynamoDB stream → consumers, nothing lost, nothing twice', () => {
  it('delivers everything once to consumers that were down while the desk worked', async () => {
    // Created first: the stream is on before anything is written. Then every consumer goes down.
    const first = await forwarder();
    for (const c of EVENT_CONSUMERS) down.add(c);
    await first.start();

    const created = articleOf(
      await n.call('POST', '/api/articles', { as: 'demo-reporter', body: { desk: 'politics', body: SEED } }),
    );
    const submitted = await act(created.id, 'submit', 'demo-reporter', { version: created.version });
    const asked = await act(created.id, 'request-changes', 'demo-editor', {
      version: submitted.version,
      comment: 'Уточните дату встречи, @Галина посмотрите тоже',
    });
    const again = await act(created.id, 'submit', 'demo-reporter', { version: asked.version });
    const approved = await act(created.id, 'approve', 'demo-editor', { version: again.version });
    await act(created.id, 'publish', 'demo-editor', { version: approved.version });
    await n.tick();
    const live = articleOf(await n.call('GET', `/api/articles/${created.id}`, { as: 'demo-editor' }));
    expect(live.status).toBe('published');
    const corrected = await act(created.id, 'correct', 'demo-editor', {
      version: live.version,
      body: SEED.replace('Баку', 'Баку (Азербайджан)'),
      note: 'Уточнено место встречи',
    });
    await n.tick();
    await act(created.id, 'unpublish', 'demo-editor', {
      version: corrected.version,
      kind: 'editorial',
      reason: 'Снято по решению редакции',
    });
    await n.tick();

    // While down: the forwarder retried, gave up, and recorded dead letters; nothing was delivered.
    await first.drain();
    await first.stop();
    expect(telegram.calls).toEqual([]);
    expect(mails).toEqual([]);
    const dead = (await readFile(first.deadLetterFile, 'utf8')).trim().split('\n');
    expect(dead.length).toBeGreaterThan(0);
    // The consumers come back; the operator replays from the start of the stream (a fresh checkpoint).
    down.clear();
    await rm(join(dataDir, `outbox-checkpoint-${n.tableName}.json`));
    const second = await forwarder();
    await second.drain();
    await second.stop();

    // submit ×2 → both politics editors; request changes → the author, and @Галина (editor 2) by mention.
    const editor = await inbox('demo-editor');
    expect(editor.items.map((i) => i.kind)).toEqual(['submitted', 'submitted']);
    expect(editor.items[0]!.subject).toBe(
      'Анна Смирнова сдаёт материал «Страны ОТГ усиливают правовое сотрудничество»',
    );
    expect(editor.items[0]!.link).toBe(`https://news.example.test/newsroom/#/review/${created.id}`);
    expect(editor.unread).toBe(2);
    const editor2 = await inbox('demo-editor-2');
    expect(editor2.items.map((i) => i.kind).sort()).toEqual(['mentioned', 'submitted', 'submitted']);
    const reporter = await inbox('demo-reporter');
    expect(reporter.items.map((i) => i.kind)).toEqual(['unpublished', 'published', 'approved', 'changes_requested']);
    expect(reporter.items[3]!.link).toBe(`https://news.example.test/newsroom/#/articles/${created.id}`);

    // E-mail to each of those, once; Telegram DMs to the two users with a linked chat.
    expect(mails.filter((m) => m.to === 'demo-reporter@newsroom.localhost')).toHaveLength(4);
    expect(mails.filter((m) => m.to === 'demo-editor@newsroom.localhost')).toHaveLength(2);
    expect(mails.filter((m) => m.to === 'demo-editor-2@newsroom.localhost')).toHaveLength(3);
    const dms = callsOf('sendMessage').filter((c) => c.params.chat_id !== '@newsroom_politics_demo');
    expect(dms.map((c) => c.params.chat_id).sort()).toEqual([
      '100001',
      '100001',
      '100001',
      '100001',
      '100002',
      '100002',
    ]);

    // The channel: one post, the correction edits that message, the take-down deletes it.
    const posts = callsOf('sendMessage').filter((c) => c.params.chat_id === '@newsroom_politics_demo');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.params.text).toContain('Страны ОТГ усиливают правовое сотрудничество');
    expect(posts[0]!.params.text).toContain(live.url!);
    const edits = callsOf('editMessageText');
    expect(edits).toHaveLength(1);
    const deletes = callsOf('deleteMessage');
    expect(deletes).toHaveLength(1);
    expect(deletes[0]!.params.message_id).toBe(edits[0]!.params.message_id);

    // Partners: published, corrected, unpublished, each signed.
    const types = partner.received.map((r) => (JSON.parse(r.body) as { type: string }).type);
    expect(types).toEqual(['published', 'corrected', 'unpublished']);
    for (const r of partner.received) {
      const signature = String(r.headers['x-newsroom-signature']);
      const timestamp = String(r.headers['x-newsroom-timestamp']);
      expect(verifyWebhook(SECRET, { signature, timestamp }, r.body, Number(timestamp))).toBe('ok');
    }
  });

  it('a duplicated stream record, or the whole stream replayed, delivers nothing twice', async () => {
    const before = await snapshot();
    await rm(join(dataDir, `outbox-checkpoint-${n.tableName}.json`));
    const replay = await forwarder();
    await replay.drain();
    await replay.stop();
    expect(await snapshot()).toEqual(before);
  });

  it('retries a consumer that fails for a moment, and the retry delivers once', async () => {
    const replay = await forwarder();
    const created = articleOf(
      await n.call('POST', '/api/articles', { as: 'demo-reporter-2', body: { desk: 'politics', body: SEED } }),
    );
    // The next two Bot API calls fail (502): the DM of the first editor fails once, then succeeds on retry.
    telegram.failNext(2);
    const before = callsOf('sendMessage').length;
    await act(created.id, 'submit', 'demo-reporter-2', { version: created.version });
    await replay.drain();
    await replay.stop();
    const after = callsOf('sendMessage').slice(before);
    expect(after.map((c) => c.params.chat_id)).toEqual(['100002']);
    expect((await inbox('demo-editor')).unread).toBe(3);
  });

  it('marks notifications read, only the caller’s own, and pages newest first with a signed cursor', async () => {
    const first = await n.call('GET', '/api/notifications?limit=2', { as: 'demo-reporter' });
    const page = first.json as { items: { id: string; read: boolean }[]; nextCursor: string | null; unread: number };
    expect(page.items).toHaveLength(2);
    expect(page.nextCursor).toEqual(expect.any(String));
    const next = await n.call('GET', `/api/notifications?limit=2&cursor=${encodeURIComponent(page.nextCursor!)}`, {
      as: 'demo-reporter',
    });
    expect((next.json as { items: unknown[] }).items).toHaveLength(2);
    const stolen = await n.call('GET', `/api/notifications?cursor=${encodeURIComponent(page.nextCursor!)}`, {
      as: 'demo-editor',
    });
    expect(stolen.status).toBe(400);

    const ids = page.items.map((i) => i.id);
    const otherUser = await n.call('POST', '/api/notifications/read', { as: 'demo-editor', body: { ids } });
    expect(otherUser.json).toEqual({ marked: 0, unread: 3 });
    const marked = await n.call('POST', '/api/notifications/read', { as: 'demo-reporter', body: { ids } });
    expect(marked.json).toEqual({ marked: 2, unread: 2 });
    const twice = await n.call('POST', '/api/notifications/read', { as: 'demo-reporter', body: { ids } });
    expect(twice.json).toEqual({ marked: 0, unread: 2 });
    const bad = await n.call('POST', '/api/notifications/read', { as: 'demo-reporter', body: { ids: [] } });
    expect(bad.status).toBe(400);
  });

  it('keeps per-user channel choices: e-mail off for one kind stops that e-mail only', async () => {
    const got = await n.call('GET', '/api/notifications/settings', { as: 'demo-editor-2' });
    const { settings } = got.json as {
      settings: Record<string, { inbox: boolean; email: boolean; telegram: boolean }>;
    };
    expect(settings.submitted).toEqual({ inbox: true, email: true, telegram: true });
    const put = await n.call('PUT', '/api/notifications/settings', {
      as: 'demo-editor-2',
      body: { settings: { ...settings, submitted: { inbox: true, email: false, telegram: false } } },
    });
    expect(put.status).toBe(200);
    const refused = await n.call('PUT', '/api/notifications/settings', {
      as: 'demo-editor-2',
      body: { settings: { submitted: { inbox: true } } },
    });
    expect(refused.status).toBe(400);

    const replay = await forwarder();
    const created = articleOf(
      await n.call('POST', '/api/articles', { as: 'demo-reporter', body: { desk: 'politics', body: SEED } }),
    );
    const mailsBefore = mails.length;
    await act(created.id, 'submit', 'demo-reporter', { version: created.version });
    await replay.drain();
    await replay.stop();
    const newMails = mails.slice(mailsBefore).map((m) => m.to);
    expect(newMails).toEqual(['demo-editor@newsroom.localhost']);
    expect((await inbox('demo-editor-2')).items[0]!.kind).toBe('submitted');
  });
});
