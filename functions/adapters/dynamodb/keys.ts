import type { Article, ArticleStatus } from '../../domain/article.js';
import { datePartsOfPath } from '../../domain/site-path.js';

/**
 * Every key of the single-table design is built here and nowhere else. Key shapes are data: changing one is a
 * migration. Index attributes (gsi1..gsi5) follow table-definition.ts.
 */
const ARTICLE = 'ARTICLE#';
export const META_SK = 'META';
export const REVISION_PREFIX = 'REV#';
export const EVENT_PREFIX = 'EVENT#';

/** Revisions sort numerically as strings. */
const padRevision = (n: number): string => String(n).padStart(6, '0');

export interface ItemKey {
  pk: string;
  sk: string;
}

export const articleKey = (id: string): ItemKey => ({ pk: `${ARTICLE}${id}`, sk: META_SK });
export const articlePartition = (id: string): string => `${ARTICLE}${id}`;
export const revisionKey = (id: string, n: number): ItemKey => ({
  pk: `${ARTICLE}${id}`,
  sk: `${REVISION_PREFIX}${padRevision(n)}`,
});
export const eventKey = (id: string, at: string, eventId: string): ItemKey => ({
  pk: `${ARTICLE}${id}`,
  sk: `${EVENT_PREFIX}${at}#${eventId}`,
});
/** A site path belongs to one article for ever (the URL never changes, and is never reused). */
export const pathReservationKey = (path: string): ItemKey => ({ pk: `PATH#${path}`, sk: 'PATH' });
/** The coalescing record for site index rebuilds: the rebuild lease, known archives, what desk pages last listed. */
export const siteIndexKey = (): ItemKey => ({ pk: 'SITE', sk: 'INDEXES' });
/**
 * Pending site-index work: one small item per mark under one partition, so a burst of publishes never grows one item
 * towards DynamoDB's 400 KB limit, and a rebuild deletes exactly the marks it covered. Sort keys start with the time
 * of the mark, so a query reads the oldest first.
 */
export const SITE_MARKS_PARTITION = 'SITE#MARKS';
const MARK_PREFIX = 'MARK#';
export const siteIndexMarkKey = (markId: string): ItemKey => ({
  pk: SITE_MARKS_PARTITION,
  sk: `${MARK_PREFIX}${markId}`,
});
export const SITE_MARK_PREFIX = MARK_PREFIX;
/** A commit's mark id: unique because a commit moves its article to a new version, and only one commit can. */
export const commitMarkId = (atIso: string, articleId: string, version: number, n: number): string =>
  `${atIso}#${articleId}#v${version}#${n}`;
/** A mark recorded outside a commit (the reconcile) with an id from the id generator. */
export const looseMarkId = (atIso: string, id: string): string => `${atIso}#${id}`;
/** The secret that signs list cursors (adapters/dynamodb/cursor.ts), created once per table. */
export const cursorSecretKey = (): ItemKey => ({ pk: 'SECRET', sk: 'LIST_CURSOR' });

export const deskQueuePartition = (desk: string, status: ArticleStatus): string => `DESK#${desk}#STATUS#${status}`;
export const authorPartition = (sub: string): string => `AUTHOR#${sub}`;
export const deskPublishedPartition = (desk: string): string => `PUBLISHED#${desk}`;
export const monthPublishedPartition = (month: string): string => `PUBLISHED_MONTH#${month}`;
export const DUE_PARTITION = 'DUE';

/** Index attributes an article item carries in its current state; absent attributes keep it out of an index. */
export const articleIndexAttributes = (a: Article): Record<string, string> => {
  const attrs: Record<string, string> = {
    gsi1pk: deskQueuePartition(a.desk, a.status),
    gsi1sk: `${a.updatedAt}#${a.id}`,
    gsi2pk: authorPartition(a.author.sub),
    gsi2sk: `${a.updatedAt}#${a.id}`,
  };
  if (a.status === 'published' && a.path && a.firstPublishedAt) {
    const { day, month } = datePartsOfPath(a.path);
    attrs.gsi3pk = deskPublishedPartition(a.desk);
    attrs.gsi3sk = `${day}#${a.firstPublishedAt}#${a.id}`;
    attrs.gsi4pk = monthPublishedPartition(month);
    attrs.gsi4sk = `${a.firstPublishedAt}#${a.id}`;
  }
  if (a.status === 'scheduled' && a.publishAt) {
    attrs.gsi5pk = DUE_PARTITION;
    attrs.gsi5sk = `${a.publishAt}#${a.id}`;
  } else if (a.pendingSiteWork) {
    attrs.gsi5pk = DUE_PARTITION;
    attrs.gsi5sk = `${a.updatedAt}#${a.id}`;
  }
  return attrs;
};

/** A desk-month as stored in the site-index record's archive set. */
export const deskMonthToken = (desk: string, month: string): string => `${desk}|${month}`;
export const parseDeskMonthToken = (token: string): { desk: string; month: string } | undefined => {
  const m = /^([a-z][a-z0-9-]*)\|(\d{4}-\d{2})$/.exec(token);
  if (!m) return undefined;
  const [, desk = '', month = ''] = m;
  return { desk, month };
};

/*
 * The event pipeline (issue 13). A person's inbox is one partition, newest first by the event's ULID; the unread
 * count and the notification settings are small items beside it. Deliveries and channel posts are one item each.
 */
export const inboxPartition = (sub: string): string => `INBOX#${sub}`;
export const INBOX_NOTE_PREFIX = 'NOTE#';
export const inboxNoteKey = (sub: string, eventId: string): ItemKey => ({
  pk: inboxPartition(sub),
  sk: `${INBOX_NOTE_PREFIX}${eventId}`,
});
export const inboxStateKey = (sub: string): ItemKey => ({ pk: inboxPartition(sub), sk: 'STATE' });
export const notificationSettingsKey = (sub: string): ItemKey => ({ pk: `USER#${sub}`, sk: 'NOTIFICATION_SETTINGS' });
/** One consumer's delivery of one event (or one part of it): `DELIVERED#<consumer>#<eventId>[#<channel>#<target>]`. */
export const deliveryKey = (key: string): ItemKey => ({ pk: `DELIVERED#${key}`, sk: 'DELIVERY' });
/** The Telegram message that carries an article in its desk's channel. */
export const channelPostKey = (articleId: string): ItemKey => ({ pk: `${ARTICLE}${articleId}`, sk: 'TELEGRAM_POST' });
