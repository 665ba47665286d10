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

/**
 * Presence leases (who has a story open in the editor): one small item per person under the story's own presence
 * partition, not the article's (nothing that reads an article's partition ever sees them). `expiresAt` lets
 * DynamoDB's TTL delete them; reads check the lease's own time too, since TTL deletion can lag by hours.
 */
export const presencePartition = (articleId: string): string => `PRESENCE#${articleId}`;
export const presenceKey = (articleId: string, sub: string): ItemKey => ({
  pk: presencePartition(articleId),
  sk: `USER#${sub}`,
});

export const deskQueuePartition = (desk: string, status: ArticleStatus): string => `DESK#${desk}#STATUS#${status}`;
export const authorPartition = (sub: string): string => `AUTHOR#${sub}`;
export const deskPublishedPartition = (desk: string): string => `PUBLISHED#${desk}`;
export const monthPublishedPartition = (month: string): string => `PUBLISHED_MONTH#${month}`;
export const DUE_PARTITION = 'DUE';

/**
 * The day archive, a projection the site-index rebuild keeps (no index attributes, so in no GSI): a counter per
 * desk-day under its desk-month (the month page reads at most 31), one slot per story under its desk-day (a chunk is
 * one range query), and where each story's slot is (a get by article id). Slots pad to 6 digits so they sort.
 */
export const archiveDayKey = (desk: string, day: string): ItemKey => ({
  pk: archiveDaysPartition(desk, day.slice(0, 7)),
  sk: `DAY#${day}`,
});
export const archiveDaysPartition = (desk: string, month: string): string => `ARCHIVE_DAYS#${desk}#${month}`;
export const archiveSlotsPartition = (desk: string, day: string): string => `ARCHIVE_SLOTS#${desk}#${day}`;
export const archiveSlotSortKey = (slot: number): string => `SLOT#${String(slot).padStart(6, '0')}`;
export const archiveSlotKey = (desk: string, day: string, slot: number): ItemKey => ({
  pk: archiveSlotsPartition(desk, day),
  sk: archiveSlotSortKey(slot),
});
export const archivePlaceKey = (articleId: string): ItemKey => ({ pk: `ARCHIVE_PLACE#${articleId}`, sk: 'PLACE' });

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

/**
 * Author and tag pages (bylines): one small item per (author|tag, story) under the topic's own partition, sorted by
 * first publication, so "latest N of this author" is one query on the table itself (no index needed); one membership
 * item per story says which topics hold it (so a correction or a take-down removes exactly those); one registry
 * item per topic feeds the topics sitemap.
 */
export const topicPartition = (kind: string, slug: string): string => `TOPIC#${kind}#${slug}`;
export const TOPIC_STORY_PREFIX = 'STORY#';
export const topicStoryKey = (kind: string, slug: string, publishedAt: string, articleId: string): ItemKey => ({
  pk: topicPartition(kind, slug),
  sk: `${TOPIC_STORY_PREFIX}${publishedAt}#${articleId}`,
});
export const topicMembershipKey = (articleId: string): ItemKey => ({ pk: `${ARTICLE}${articleId}`, sk: 'TOPICS' });
export const TOPIC_REGISTRY_PARTITION = 'TOPICS';
export const topicRegistryKey = (kind: string, slug: string): ItemKey => ({
  pk: TOPIC_REGISTRY_PARTITION,
  sk: `${kind}#${slug}`,
});
/**
 * Editorial take-downs the ninjs partner file reports as `canceled`: one item per story, newest first, and a pointer
 * in the story's partition so a restore or a legal take-down removes it (a legal one leaves no URL behind).
 */
export const WITHDRAWN_PARTITION = 'PARTNER#WITHDRAWN';
export const withdrawnKey = (at: string, articleId: string): ItemKey => ({
  pk: WITHDRAWN_PARTITION,
  sk: `${at}#${articleId}`,
});
export const withdrawnPointerKey = (articleId: string): ItemKey => ({ pk: `${ARTICLE}${articleId}`, sk: 'WITHDRAWN' });
// ── Photo desk (issue 11) ───────────────────────────────────────────────────────────────────────────────────────
/** One media item's record. */
export const mediaKey = (id: string): ItemKey => ({ pk: `MEDIA#${id}`, sk: 'META' });
/** A published story's use of one image: the rendition keys it put in the site bucket. */
export const MEDIA_USE_PREFIX = 'USE#';
export const mediaUseKey = (mediaId: string, articleId: string): ItemKey => ({
  pk: `MEDIA#${mediaId}`,
  sk: `${MEDIA_USE_PREFIX}${articleId}`,
});
export const mediaPartition = (id: string): string => `MEDIA#${id}`;
/** Which images a published story put on the site (read when it comes down). */
export const articleMediaKey = (articleId: string): ItemKey => ({ pk: `ARTICLE_MEDIA#${articleId}`, sk: 'USES' });
/** An uploader's images, newest first, on the author index (gsi2) under their own partition. */
export const mediaOwnerPartition = (sub: string): string => `MEDIA_OWNER#${sub}`;
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
