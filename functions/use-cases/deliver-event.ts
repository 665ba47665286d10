import type { ArticleEvent } from '../domain/article.js';
import type { DeskDirectory } from '../domain/desk.js';
import {
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  buildChannelPost,
  buildWebhookPayload,
  isDistributedEvent,
  signWebhook,
} from '../domain/distribution.js';
import {
  buildNotificationMessage,
  decideRecipients,
  extractMentions,
  storyLink,
  type DirectoryUser,
} from '../domain/notifications.js';
import type { SiteConfig } from '../domain/render/types.js';
import type { ArticleStore } from '../ports/article-store.js';
import type { Clock } from '../ports/clock.js';
import type {
  DeliveryLedger,
  Mailer,
  NotificationStore,
  Partner,
  TelegramBot,
  UserDirectory,
  WebhookPoster,
} from '../ports/events.js';
import type { Logger } from '../ports/logger.js';

/**
 * The consumers of the lifecycle events (issue 13): each gets every event once, from EventBridge in AWS or the local
 * stream forwarder, and may get it again (a redelivery, a retry after a partial failure). Every side effect is
 * recorded in the delivery ledger, so a redelivered event does nothing twice; a consumer that fails throws, and its
 * caller retries it with backoff and finally dead-letters it.
 */
export const EVENT_CONSUMERS = ['notify', 'telegram-channel', 'webhooks'] as const;
export type EventConsumer = (typeof EVENT_CONSUMERS)[number];

export interface EventDeps {
  articles: Pick<ArticleStore, 'get'>;
  desks: DeskDirectory;
  siteConfig: Pick<SiteConfig, 'baseUrl'>;
  /** The newsroom app's root (`<site>/newsroom/`), for links in notifications. */
  appBaseUrl: string;
  directory: UserDirectory;
  notifications: NotificationStore;
  ledger: DeliveryLedger;
  mailer?: Mailer;
  /** Absent: no bot token, so no channel posts and no direct messages. */
  telegram?: TelegramBot;
  webhooks?: { partners: readonly Partner[]; secret: string; poster: WebhookPoster };
  clock: Clock;
  log: Logger;
}

/** A claim outlives any one delivery attempt (a slow SMTP server, a Telegram timeout). */
const CLAIM_LEASE_MS = 60_000;

class DeliveryFailures extends Error {
  override readonly name = 'DeliveryFailures';
}

/** Runs each effect once (per the ledger); runs all of them even if some fail, then reports the failures. */
const createOnce = (deps: EventDeps) => {
  const failures: string[] = [];
  const once = async (key: string, effect: () => Promise<void>): Promise<void> => {
    try {
      const state = await deps.ledger.claim(key, deps.clock.now().getTime(), CLAIM_LEASE_MS);
      if (state === 'done') return;
      if (state === 'busy') throw new Error('another worker is delivering it right now');
      try {
        await effect();
      } catch (error) {
        await deps.ledger.release(key);
        throw error;
      }
      await deps.ledger.markDone(key, deps.clock.now().getTime());
    } catch (error) {
      failures.push(`${key}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const settle = (): void => {
    if (failures.length > 0) throw new DeliveryFailures(failures.join('; '));
  };
  return { once, settle };
};

const notifyPeople = async (deps: EventDeps, event: ArticleEvent): Promise<void> => {
  const article = await deps.articles.get(event.articleId);
  if (!article) return;
  const desk = deps.desks.get(article.desk);
  const lang = desk?.lang ?? article.lang;
  const needsDesk =
    event.type === 'submitted' || (event.type === 'commented' && event.actor.sub === article.author.sub);
  const deskEditors = needsDesk ? await deps.directory.deskEditors(article.desk) : [];
  const mentions = event.comment ? extractMentions(event.comment) : [];
  const mentioned = (await Promise.all(mentions.map((m) => deps.directory.mentioned(m)))).flat();
  const recipients = decideRecipients({ event, article, deskEditors, mentioned });
  const known = new Map<string, DirectoryUser>([...deskEditors, ...mentioned].map((u) => [u.sub, u]));
  const { once, settle } = createOnce(deps);

  for (const r of recipients) {
    const user = known.get(r.sub) ?? (await deps.directory.user(r.sub));
    if (!user) continue;
    const choice = (await deps.notifications.settings(r.sub))[r.kind];
    const link = storyLink(deps.appBaseUrl, article.id, r.sub === article.author.sub);
    // A legal take-down's reason stays inside the newsroom app.
    const comment = event.comment && event.unpublishKind !== 'legal' ? event.comment : undefined;
    const message = buildNotificationMessage({
      kind: r.kind,
      lang,
      title: article.title,
      actorName: event.actor.name,
      ...(comment ? { comment } : {}),
      link,
    });
    if (choice.inbox) {
      await once(`notify#${event.id}#inbox#${r.sub}`, async () => {
        await deps.notifications.addToInbox(r.sub, {
          id: event.id,
          kind: r.kind,
          articleId: article.id,
          subject: message.subject,
          text: message.text,
          link,
          at: event.at,
          read: false,
        });
      });
    }
    const { mailer, telegram } = deps;
    const email = user.email;
    if (choice.email && mailer && email) {
      await once(`notify#${event.id}#email#${r.sub}`, () => mailer.send({ to: email, ...message }));
    }
    const chat = user.telegramChatId;
    if (choice.telegram && telegram && chat) {
      await once(`notify#${event.id}#telegram#${r.sub}`, async () => {
        await telegram.sendMessage(chat, message.text);
      });
    }
  }
  settle();
};

const postToChannel = async (deps: EventDeps, event: ArticleEvent): Promise<void> => {
  const { telegram } = deps;
  if (!telegram || !isDistributedEvent(event.type)) return;
  const article = await deps.articles.get(event.articleId);
  const channel = article ? deps.desks.get(article.desk)?.telegramChannel : undefined;
  if (!article || !channel) return;
  const { once, settle } = createOnce(deps);
  await once(`telegram-channel#${event.id}`, async () => {
    const post = await deps.ledger.channelPost(article.id);
    const url = article.path ? `${deps.siteConfig.baseUrl}${article.path}` : deps.siteConfig.baseUrl;
    const text = buildChannelPost({ title: article.title, ...(article.deck ? { deck: article.deck } : {}), url });
    switch (event.type) {
      case 'published': {
        // A story restored after a take-down is published again: a new post (the old one was deleted).
        if (post) return;
        const { messageId } = await telegram.sendMessage(channel, text);
        await deps.ledger.saveChannelPost(article.id, { chatId: channel, messageId });
        return;
      }
      case 'corrected':
        if (post) await telegram.editMessageText(post.chatId, post.messageId, text);
        else deps.log.info('correction of a story never posted to its channel', { articleId: article.id });
        return;
      case 'unpublished':
        if (!post) return;
        await telegram.deleteMessage(post.chatId, post.messageId);
        await deps.ledger.saveChannelPost(article.id, undefined);
        return;
    }
  });
  settle();
};

const postWebhooks = async (deps: EventDeps, event: ArticleEvent): Promise<void> => {
  const hooks = deps.webhooks;
  const type = event.type;
  if (!hooks || hooks.partners.length === 0 || !isDistributedEvent(type)) return;
  const article = await deps.articles.get(event.articleId);
  if (!article) return;
  const url = article.path ? `${deps.siteConfig.baseUrl}${article.path}` : undefined;
  const body = JSON.stringify(buildWebhookPayload({ ...event, type }, article, url));
  const { once, settle } = createOnce(deps);
  for (const partner of hooks.partners) {
    await once(`webhooks#${event.id}#${partner.id}`, async () => {
      const timestamp = Math.floor(deps.clock.now().getTime() / 1000);
      await hooks.poster.post(partner.url, body, {
        'content-type': 'application/json',
        [SIGNATURE_HEADER]: signWebhook(hooks.secret, timestamp, body),
        [TIMESTAMP_HEADER]: String(timestamp),
      });
    });
  }
  settle();
};

const CONSUMER_RUNS: Record<EventConsumer, (deps: EventDeps, event: ArticleEvent) => Promise<void>> = {
  notify: notifyPeople,
  'telegram-channel': postToChannel,
  webhooks: postWebhooks,
};

/** Delivers one event to one consumer; throws if any part failed (the parts that succeeded are not redone). */
export const deliverEvent =
  (deps: EventDeps) =>
  (consumer: EventConsumer, event: ArticleEvent): Promise<void> =>
    CONSUMER_RUNS[consumer](deps, event);
