import type { DeskDirectory } from '../domain/desk.js';
import type { SiteConfig } from '../domain/render/types.js';
import type { ArticleOverview } from '../ports/article-overview.js';
import type { ArticleStore } from '../ports/article-store.js';
import type { PresenceStore } from '../ports/presence-store.js';
import type { Logger } from '../ports/logger.js';
import type { NotificationStore } from '../ports/events.js';
import type { PublishedIndex } from '../ports/published-index.js';
import type { SiteIndexLock } from '../ports/site-index-lock.js';
import type { Cdn } from '../ports/cdn.js';
import type { Clock, IdGenerator } from '../ports/clock.js';
import type { LoadParser } from '../ports/draft-parser.js';
import type { MediaFiles } from '../ports/media-files.js';
import type { MediaStore } from '../ports/media-store.js';
import type { LoadRenderer } from '../ports/renderer.js';
import type { SiteStore } from '../ports/site-store.js';
import type { TopicIndex } from '../ports/topic-index.js';

/** Everything the use cases need, built once per process by a composition root (Lambda handler or local stack). */
export interface AppDeps {
  articles: ArticleStore;
  publishedIndex: PublishedIndex;
  siteIndexLock: SiteIndexLock;
  site: SiteStore;
  cdn: Cdn;
  clock: Clock;
  ids: IdGenerator;
  desks: DeskDirectory;
  siteConfig: SiteConfig;
  loadRenderer: LoadRenderer;
  loadParser: LoadParser;
  log: Logger;
  /** Author and tag pages' stories (bylines). */
  topics: TopicIndex;
  /** Photo desk: media records, and their bytes (absent where no uploads bucket is configured: no images then). */
  media: MediaStore;
  mediaFiles?: MediaFiles;
  /** Who has a story open in the editor (short leases). */
  presence: PresenceStore;
  /** Counts by status and the revision list, for dashboards and the history. */
  overview: ArticleOverview;
  /** The people's notification inboxes and settings (issue 13). */
  notifications: NotificationStore;
}
