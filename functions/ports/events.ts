import type { DirectoryUser, NotificationKind, NotificationSettings } from '../domain/notifications.js';
import type { Page } from './article-store.js';

/** Ports of the event pipeline (issue 13): who people are, where their notifications live, how messages leave. */

/** Who is on a desk and how to reach a person: Cognito in AWS, the demo users locally. */
export interface UserDirectory {
  /** The editors of one desk (the `desk-<id>` group). */
  deskEditors(deskId: string): Promise<DirectoryUser[]>;
  user(sub: string): Promise<DirectoryUser | undefined>;
  /** Users a lower-cased `@` mention names (their id or first name). */
  mentioned(mention: string): Promise<DirectoryUser[]>;
}

/** One entry of a person's in-app inbox. */
export interface InboxNotification {
  /** The event's id: one notification per event and person. */
  id: string;
  kind: NotificationKind;
  articleId: string;
  subject: string;
  text: string;
  link: string;
  at: string;
  read: boolean;
}

export interface NotificationStore {
  /** Adds a notification unless this person already has one for this event; true if it was added. */
  addToInbox(sub: string, note: InboxNotification): Promise<boolean>;
  /** Newest first, bounded, with a signed cursor. */
  listInbox(sub: string, page: { limit: number; cursor?: string }): Promise<Page<InboxNotification>>;
  unreadCount(sub: string): Promise<number>;
  /** Marks this person's notifications read (ids of others' or unknown ones are ignored); returns how many changed. */
  markRead(sub: string, ids: readonly string[]): Promise<number>;
  settings(sub: string): Promise<NotificationSettings>;
  saveSettings(sub: string, settings: NotificationSettings): Promise<void>;
}

/**
 * The consumers' record of what they have done, so that a redelivered event does nothing twice. A delivery is
 * claimed before its side effect and marked done after it; a claim whose holder died can be taken again after its
 * lease (the one window in which an outside side effect can repeat: a crash between sending and marking).
 */
export interface DeliveryLedger {
  /** 'claimed' (go ahead), 'done' (already delivered) or 'busy' (another worker holds a live claim). */
  claim(key: string, nowMs: number, leaseMs: number): Promise<'claimed' | 'done' | 'busy'>;
  markDone(key: string, nowMs: number): Promise<void>;
  /** Frees a claim after a failed attempt, so a retry may take it at once. */
  release(key: string): Promise<void>;
  /** The Telegram message that carries an article in its desk's channel. */
  channelPost(articleId: string): Promise<{ chatId: string; messageId: number } | undefined>;
  saveChannelPost(articleId: string, post: { chatId: string; messageId: number } | undefined): Promise<void>;
}

export interface Mailer {
  send(message: { to: string; subject: string; text: string }): Promise<void>;
}

/** The three Bot API methods the newsroom calls. */
export interface TelegramBot {
  sendMessage(chatId: string, text: string): Promise<{ messageId: number }>;
  editMessageText(chatId: string, messageId: number, text: string): Promise<void>;
  deleteMessage(chatId: string, messageId: number): Promise<void>;
}

export interface Partner {
  id: string;
  url: string;
}

export interface WebhookPoster {
  post(url: string, body: string, headers: Record<string, string>): Promise<void>;
}
