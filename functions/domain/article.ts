import { createHash } from 'node:crypto';
import type { ArticleStatus } from './article-status.js';
import type { Correction, Fix, Lang } from './render/types.js';

export { ARTICLE_STATUSES, type ArticleStatus } from './article-status.js';

export interface Person {
  sub: string;
  name: string;
}

/**
 * Why a story was taken down: `editorial` (the 410 notice names the story and gives the reason) or `legal` (the
 * notice and every public document carry no trace of the story).
 */
export { UNPUBLISH_KINDS, type UnpublishKind } from './article-status.js';
import type { UnpublishKind } from './article-status.js';

/** Work the site still owes an article after its state was committed (retried by the publishing tick). */
export type PendingSiteWork = 'render-page' | 'render-gone' | 'remove-page';

/**
 * What the publishing job committed before writing a first page: the claimed URL, the revision it renders and the
 * publication time the page shows. A crash after any step leaves this behind, so the next run finishes the same page
 * (or, once the schedule was cancelled, removes it).
 */
export interface PublishIntent {
  path: string;
  revision: number;
  publishedAt: string;
}

/** `failed`: the site work threw; `stalled`: due for longer than the desk should wait, with no failure recorded. */
export type PublishErrorCode = 'failed' | 'stalled';

export interface Article {
  id: string;
  desk: string;
  status: ArticleStatus;
  /** Optimistic-concurrency counter: every write names the version it read; a stale one is refused. */
  version: number;
  /** Number of the current revision of the text (1-based). */
  revision: number;
  title: string;
  /** Follows the title until first publication, then frozen with the URL. */
  slug: string;
  lang: Lang;
  deck?: string;
  author: Person;
  body: string;
  /** sha256 of the body: approval is of one exact text. */
  contentHash: string;
  fixes: Fix[];
  /** The revision most recently submitted to the desk (the review diff's base). */
  submittedRevision?: number;
  approvedRevision?: number;
  approvedHash?: string;
  approvedBy?: Person;
  /** When a scheduled article is due (ISO). */
  publishAt?: string;
  /** Site path, fixed at first publication: /{desk}/{yyyy}/{mm}/{dd}/{slug}/ */
  path?: string;
  firstPublishedAt?: string;
  /** Time of the last correction (dateModified). */
  modifiedAt?: string;
  publishedRevision?: number;
  corrections: Correction[];
  unpublishedAt?: string;
  unpublishReason?: string;
  unpublishKind?: UnpublishKind;
  /** The last failure of site work (publish, correction, take-down), shown to the desk until it succeeds. */
  publishError?: { at: string; message: string; code?: PublishErrorCode };
  pendingSiteWork?: PendingSiteWork;
  publishIntent?: PublishIntent;
  /** The lead photograph's thumbnail for listings (`ListingItem.image`), set when the page is published. */
  leadImage?: { url: string; width: number; height: number; alt: string };
  createdAt: string;
  updatedAt: string;
}

export interface Revision {
  articleId: string;
  number: number;
  body: string;
  contentHash: string;
  title: string;
  author: Person;
  createdAt: string;
  /** Saved by the editor's autosave (a revision like any other; see `edited` events' `autosave`). */
  autosave?: boolean;
  /** The text is that of this earlier revision, restored from the history. */
  restoredFrom?: number;
}

export const EVENT_TYPES = [
  'created',
  'edited',
  'submitted',
  'withdrawn',
  'changes_requested',
  'approved',
  'scheduled',
  'schedule_cancelled',
  'published',
  'corrected',
  'unpublished',
  'restored',
  'commented',
  /** Brought in from an existing archive (`npm run import`), published at its original date and URL. */
  'imported',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** One immutable entry in an article's history. */
export interface ArticleEvent {
  id: string;
  articleId: string;
  type: EventType;
  at: string;
  actor: Person;
  from?: ArticleStatus;
  to?: ArticleStatus;
  revision: number;
  comment?: string;
  /** On `unpublished` events. */
  unpublishKind?: UnpublishKind;
  /** On `scheduled` events: when the page is due. At the event's own time for "publish now". */
  publishAt?: string;
  /** On `edited` events: the first autosave of a burst (later autosaves of the burst add revisions, not events). */
  autosave?: boolean;
  /** On `edited` events: the text restored is that of this earlier revision. */
  restoredFrom?: number;
}

export const hashContent = (body: string): string => createHash('sha256').update(body, 'utf8').digest('hex');
