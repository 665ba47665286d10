import * as z from 'zod/mini';
import { EVENT_CONSUMERS, type EventConsumer } from '../use-cases/deliver-event.js';

/** The events Lambdas' own environment (beside HANDLER_ENV), set by infra/constructs/event-pipeline.ts. */
export const EVENTS_ENV = {
  consumer: 'EVENT_CONSUMER',
  userPoolId: 'USER_POOL_ID',
  mailFrom: 'MAIL_FROM',
  telegramTokenSecretArn: 'TELEGRAM_TOKEN_SECRET_ARN',
  telegramApiBase: 'TELEGRAM_API_BASE',
  webhookSecretArn: 'WEBHOOK_SECRET_ARN',
  partners: 'PARTNERS_JSON',
} as const;

const nonEmpty = z.string().check(z.minLength(1));
const schema = z.object({
  [EVENTS_ENV.consumer]: z.enum(EVENT_CONSUMERS),
  [EVENTS_ENV.userPoolId]: nonEmpty,
  [EVENTS_ENV.mailFrom]: z.optional(z.email()),
  [EVENTS_ENV.telegramTokenSecretArn]: nonEmpty,
  [EVENTS_ENV.telegramApiBase]: z.optional(z.url()),
  [EVENTS_ENV.webhookSecretArn]: nonEmpty,
  [EVENTS_ENV.partners]: z.optional(z.string()),
});

export interface EventsConfig {
  consumer: EventConsumer;
  userPoolId: string;
  mailFrom?: string;
  telegramTokenSecretArn: string;
  telegramApiBase?: string;
  webhookSecretArn: string;
  partnersJson?: string;
}

export const parseEventsConfig = (env: Record<string, string | undefined>): EventsConfig => {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
    throw new Error(`events Lambda environment is incomplete or invalid: ${fields}`);
  }
  const e = parsed.data;
  return {
    consumer: e.EVENT_CONSUMER,
    userPoolId: e.USER_POOL_ID,
    ...(e.MAIL_FROM ? { mailFrom: e.MAIL_FROM } : {}),
    telegramTokenSecretArn: e.TELEGRAM_TOKEN_SECRET_ARN,
    ...(e.TELEGRAM_API_BASE ? { telegramApiBase: e.TELEGRAM_API_BASE } : {}),
    webhookSecretArn: e.WEBHOOK_SECRET_ARN,
    ...(e.PARTNERS_JSON ? { partnersJson: e.PARTNERS_JSON } : {}),
  };
};
