import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LOCAL_DYNAMODB_CREDENTIALS, createDocumentClient } from '../adapters/aws/clients.js';
import { createStaticDirectory } from '../adapters/directory/static-directory.js';
import { createSmtpMailer } from '../adapters/mail/smtp-mailer.js';
import { DEFAULT_TELEGRAM_API_BASE, createTelegramBot } from '../adapters/telegram/telegram-bot.js';
import { composeEventDeps, parsePartners } from '../handlers/compose-events.js';
import type { UserDirectory } from '../ports/events.js';
import { EVENT_CONSUMERS, deliverEvent } from '../use-cases/deliver-event.js';
import type { AppDeps } from '../use-cases/deps.js';
import { DEMO_USERS } from './demo-users.js';
import { findFreePort } from './emulators.js';
import { startMailDev } from './maildev-process.js';
import { createOutboxForwarder, type OutboxForwarder } from './outbox-forwarder.js';
import { superviseEmulator, type SupervisedEmulator } from './supervise.js';
import { startTelegramRecorder, type TelegramRecorder } from './telegram-recorder.js';

/**
 * The local stack's event pipeline (issue 13), in the stack's own process: the stream forwarder delivering to the
 * same consumers as the events Lambda, maildev catching the e-mail, and (without TELEGRAM_BOT_TOKEN) a recording
 * Telegram server instead of the real Bot API.
 */

/** Demo users' addresses, and a linked Telegram chat for two of them, so that every channel shows something. */
const DEMO_CHATS: Record<string, string> = { 'demo-reporter': '100001', 'demo-editor': '100002' };
export const demoDirectory = (): UserDirectory =>
  createStaticDirectory(
    DEMO_USERS.map((u) => ({
      sub: u.sub,
      name: u.name,
      groups: u.groups,
      email: `${u.sub}@newsroom.localhost`,
      ...(DEMO_CHATS[u.sub] ? { telegramChatId: DEMO_CHATS[u.sub] } : {}),
    })),
  );

/** Placeholder token for the recording server, which accepts any. */
const RECORDING_TOKEN = '000000:local-recording-server';

export interface LocalEventsEnv {
  TELEGRAM_BOT_TOKEN?: string;
  TELEGRAM_API_BASE?: string;
  PARTNERS_JSON?: string;
  WEBHOOK_SECRET?: string;
}

export interface LocalEventsOptions {
  app: AppDeps;
  dynamoEndpoint: string;
  tableName: string;
  dataDir: string;
  env: LocalEventsEnv;
  /** maildev's SMTP port; without it no e-mail is sent. */
  smtpPort?: number;
  directory?: UserDirectory;
  log: (line: string) => void;
  pollMs?: number;
  retry?: { attempts: number; initialDelayMs: number; maxDelayMs: number };
}

export interface LocalEvents {
  forwarder: OutboxForwarder;
  telegram?: TelegramRecorder;
  /** Lines for the start banner. */
  banner: string[];
  stop(): Promise<void>;
}

/** The HMAC key partners verify with: WEBHOOK_SECRET, else one made on first start and kept in the data dir. */
const loadWebhookSecret = async (dataDir: string, fromEnv?: string): Promise<string> => {
  if (fromEnv) return fromEnv;
  const file = join(dataDir, 'webhook-secret');
  const existing = await readFile(file, 'utf8').catch(() => '');
  if (existing.trim()) return existing.trim();
  const secret = randomBytes(32).toString('base64url');
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
};

export const startLocalEvents = async (o: LocalEventsOptions): Promise<LocalEvents> => {
  const recorder = o.env.TELEGRAM_BOT_TOKEN ? undefined : await startTelegramRecorder();
  const token = o.env.TELEGRAM_BOT_TOKEN ?? RECORDING_TOKEN;
  const apiBase = recorder ? recorder.url : (o.env.TELEGRAM_API_BASE ?? DEFAULT_TELEGRAM_API_BASE);
  const partners = parsePartners(o.env.PARTNERS_JSON);
  const eventDeps = composeEventDeps({
    app: o.app,
    documentClient: createDocumentClient({ endpoint: o.dynamoEndpoint, credentials: LOCAL_DYNAMODB_CREDENTIALS }),
    tableName: o.tableName,
    directory: o.directory ?? demoDirectory(),
    ...(o.smtpPort
      ? {
          mailer: createSmtpMailer({
            host: '127.0.0.1',
            port: o.smtpPort,
            from: 'Newsroom <newsroom@newsroom.localhost>',
          }),
        }
      : {}),
    telegram: createTelegramBot({ apiBase, loadToken: () => Promise.resolve(token) }),
    webhooks: { partners, secret: await loadWebhookSecret(o.dataDir, o.env.WEBHOOK_SECRET) },
  });
  const deliver = deliverEvent(eventDeps);
  const forwarder = await createOutboxForwarder({
    endpoint: o.dynamoEndpoint,
    tableName: o.tableName,
    dataDir: o.dataDir,
    consumers: EVENT_CONSUMERS,
    deliver,
    log: o.log,
    ...(o.pollMs ? { pollMs: o.pollMs } : {}),
    ...(o.retry ? { retry: o.retry } : {}),
  });
  const banner = [
    recorder
      ? `  Telegram   ${recorder.url}/calls  (a recording Bot API server: no TELEGRAM_BOT_TOKEN, nothing leaves this machine)`
      : `  Telegram   ${apiBase} (TELEGRAM_BOT_TOKEN is set: channel posts and direct messages are real)`,
    `  Webhooks   ${partners.length === 0 ? 'no partners (content/partners.json or PARTNERS_JSON)' : partners.map((p) => p.url).join(', ')}`,
    `  Outbox     dead letters in ${forwarder.deadLetterFile}`,
  ];
  return {
    forwarder,
    ...(recorder ? { telegram: recorder } : {}),
    banner,
    async stop() {
      await forwarder.stop();
      await recorder?.close();
    },
  };
};

/** maildev under the same supervision as the emulators (restarted on the same ports if it dies). */
export const startLocalMail = async (o: {
  dataDir: string;
  log: (line: string) => void;
  onSpawn: (pid: number) => void;
}): Promise<{ mail: SupervisedEmulator; smtpPort: number }> => {
  const [smtpPort, webPort] = await Promise.all([findFreePort(), findFreePort()]);
  const mail = await superviseEmulator({
    name: 'maildev',
    start: () => startMailDev({ smtpPort, webPort, mailDirectory: join(o.dataDir, 'mail'), onSpawn: o.onSpawn }),
    log: o.log,
  });
  return { mail, smtpPort };
};
