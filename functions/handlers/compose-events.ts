import partnersJson from '../../content/partners.json' with { type: 'json' };
import * as z from 'zod/mini';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDynamoDbDeliveryLedger } from '../adapters/dynamodb/dynamodb-notification-store.js';
import { createHttpWebhookPoster } from '../adapters/webhooks/http-webhook-poster.js';
import type { Mailer, Partner, TelegramBot, UserDirectory } from '../ports/events.js';
import type { AppDeps } from '../use-cases/deps.js';
import type { EventDeps } from '../use-cases/deliver-event.js';

const partnersSchema = z.array(
  z.object({
    id: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,40}$/, 'partner ids are lower-case words')),
    url: z.url({ protocol: /^https?$/ }),
  }),
);

/** Partner webhook endpoints: PARTNERS_JSON when set (the stack passes content/partners.json), else that file. */
export const parsePartners = (json?: string): Partner[] => partnersSchema.parse(json ? JSON.parse(json) : partnersJson);

export interface EventsComposeOptions {
  app: Pick<AppDeps, 'articles' | 'desks' | 'siteConfig' | 'clock' | 'log' | 'notifications'>;
  documentClient: DynamoDBDocumentClient;
  tableName: string;
  directory: UserDirectory;
  mailer?: Mailer;
  telegram?: TelegramBot;
  webhooks?: { partners: readonly Partner[]; secret: string };
}

/** The consumers' dependencies: shared by the events Lambda and the local stack's forwarder. */
export const composeEventDeps = (o: EventsComposeOptions): EventDeps => ({
  articles: o.app.articles,
  desks: o.app.desks,
  siteConfig: o.app.siteConfig,
  appBaseUrl: `${o.app.siteConfig.baseUrl}/newsroom/`,
  directory: o.directory,
  notifications: o.app.notifications,
  ledger: createDynamoDbDeliveryLedger({ client: o.documentClient, tableName: o.tableName }),
  ...(o.mailer ? { mailer: o.mailer } : {}),
  ...(o.telegram ? { telegram: o.telegram } : {}),
  ...(o.webhooks ? { webhooks: { ...o.webhooks, poster: createHttpWebhookPoster() } } : {}),
  clock: o.app.clock,
  log: o.app.log,
});
