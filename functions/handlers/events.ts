import * as z from 'zod/mini';
import { createSecretReader } from '../adapters/aws/secrets.js';
import { createDocumentClient } from '../adapters/aws/clients.js';
import { createCognitoDirectory } from '../adapters/directory/cognito-directory.js';
import { eventOfStreamRecord } from '../adapters/dynamodb/stream-record.js';
import { createSesMailer } from '../adapters/mail/ses-mailer.js';
import { createTelegramBot } from '../adapters/telegram/telegram-bot.js';
import { deliverEvent } from '../use-cases/deliver-event.js';
import { composeEventDeps, parsePartners } from './compose-events.js';
import { parseHandlerConfig } from './config.js';
import { parseEventsConfig } from './events-config.js';
import { buildLambdaDeps } from './lambda-deps.js';

/**
 * One consumer of the lifecycle events (EVENT_CONSUMER), invoked by its EventBridge rule with the stream record the
 * pipe put on the bus as `detail`. A throw fails the invocation: Lambda retries it (asynchronous invocation) and then
 * records it in the events failure queue, whose alarm fires. The ledger makes every retry deliver only what is left.
 */
const config = parseHandlerConfig(process.env);
const events = parseEventsConfig(process.env);
const app = buildLambdaDeps(config);
const readTelegramToken = createSecretReader(events.telegramTokenSecretArn);
const readWebhookSecret = createSecretReader(events.webhookSecretArn);

/** A bot token as BotFather issues it; the secret is created with a random placeholder until the operator sets one. */
const BOT_TOKEN = /^\d{5,}:[A-Za-z0-9_-]{30,}$/;

const buildDeliver = async () => {
  const needsWebhooks = events.consumer === 'webhooks';
  // Each consumer reads only the secret it may read (the webhooks consumer has no grant on the bot token).
  const token = needsWebhooks ? '' : (await readTelegramToken()).trim();
  const hasToken = BOT_TOKEN.test(token);
  if (!hasToken && !needsWebhooks) {
    app.log.info('Telegram distribution is off: the bot token secret holds no token yet');
  }
  return deliverEvent(
    composeEventDeps({
      app,
      documentClient: createDocumentClient(),
      tableName: config.tableName,
      directory: createCognitoDirectory({ userPoolId: events.userPoolId }),
      ...(events.mailFrom ? { mailer: createSesMailer({ from: events.mailFrom }) } : {}),
      ...(hasToken
        ? {
            telegram: createTelegramBot({
              ...(events.telegramApiBase ? { apiBase: events.telegramApiBase } : {}),
              loadToken: () => Promise.resolve(token),
            }),
          }
        : {}),
      ...(needsWebhooks
        ? { webhooks: { partners: parsePartners(events.partnersJson), secret: await readWebhookSecret() } }
        : {}),
    }),
  );
};

let deliver: ReturnType<typeof buildDeliver> | undefined;
const eventBridgeEvent = z.object({ detail: z.unknown() });

export const handler = async (input: unknown): Promise<void> => {
  const event = eventOfStreamRecord(eventBridgeEvent.parse(input).detail);
  if (!event) return;
  deliver ??= buildDeliver().catch((error: unknown) => {
    deliver = undefined;
    throw error;
  });
  await (
    await deliver
  )(events.consumer, event);
};
