import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Article, ArticleEvent, EventType } from './article.js';

/**
 * What a publish sends out beyond the site (issue 13 §3–4): the desk's Telegram channel post and the partners'
 * signed webhooks. Pure: time comes in as an argument.
 */

/** Event types that reach readers' channels and partners. */
export const DISTRIBUTED_EVENTS = ['published', 'corrected', 'unpublished'] as const satisfies readonly EventType[];
export type DistributedEvent = (typeof DISTRIBUTED_EVENTS)[number];
export const isDistributedEvent = (type: EventType): type is DistributedEvent =>
  (DISTRIBUTED_EVENTS as readonly EventType[]).includes(type);

/**
 * The channel post: title, standfirst and link, plain text (no parse mode, so nothing in a title needs escaping).
 * The lead image goes here once stories have one: then the post becomes `sendPhoto` with this text as its caption.
 */
export const buildChannelPost = (story: { title: string; deck?: string; url: string }): string =>
  [story.title, ...(story.deck ? ['', story.deck] : []), '', story.url].join('\n');

/** The webhook body partners receive: one JSON object per lifecycle event that changes what readers see. */
export interface WebhookPayload {
  id: string;
  type: DistributedEvent;
  at: string;
  article: { id: string; desk: string; title: string; deck?: string; url?: string; lang: string };
  note?: string;
}

export const buildWebhookPayload = (
  event: ArticleEvent & { type: DistributedEvent },
  article: Pick<Article, 'id' | 'desk' | 'title' | 'deck' | 'lang'>,
  url: string | undefined,
): WebhookPayload => ({
  id: event.id,
  type: event.type,
  at: event.at,
  article: {
    id: article.id,
    desk: article.desk,
    title: article.title,
    ...(article.deck ? { deck: article.deck } : {}),
    // A legal take-down carries no trace of the story's address.
    ...(url && !(event.type === 'unpublished' && event.unpublishKind === 'legal') ? { url } : {}),
    lang: article.lang,
  },
  ...(event.comment && event.unpublishKind !== 'legal' ? { note: event.comment } : {}),
});

export const SIGNATURE_HEADER = 'X-Newsroom-Signature';
export const TIMESTAMP_HEADER = 'X-Newsroom-Timestamp';
/** A receiver rejects a request whose timestamp is further than this from its own clock (replays). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`, Stripe's scheme: the timestamp is signed with the body. */
export const signWebhook = (secret: string, timestamp: number, body: string): string =>
  `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;

/**
 * What a partner runs on receipt (documented in the README): the signature matches and the timestamp is within five
 * minutes of now. `nowSeconds` is the receiver's clock.
 */
export const verifyWebhook = (
  secret: string,
  headers: { signature: string; timestamp: string },
  body: string,
  nowSeconds: number,
): 'ok' | 'bad_signature' | 'stale_timestamp' => {
  const ts = Number(headers.timestamp);
  if (!Number.isInteger(ts)) return 'bad_signature';
  const expected = Buffer.from(signWebhook(secret, ts, body));
  const given = Buffer.from(headers.signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'bad_signature';
  return Math.abs(nowSeconds - ts) > SIGNATURE_TOLERANCE_SECONDS ? 'stale_timestamp' : 'ok';
};
