import type { DeskDirectory } from '../domain/desk.js';
import type { SiteConfig } from '../domain/render/types.js';
import type { ArticleStore } from '../ports/article-store.js';
import type { Logger } from '../ports/logger.js';
import type { NotificationStore } from '../ports/events.js';
import type { PublishedIndex } from '../ports/published-index.js';
import type { SiteIndexLock } from '../ports/site-index-lock.js';
import type { Cdn } from '../ports/cdn.js';
import type { Clock, IdGenerator } from '../ports/clock.js';
import type { LoadParser } from '../ports/draft-parser.js';
import type { LoadRenderer } from '../ports/renderer.js';
import type { SiteStore } from '../ports/site-store.js';

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
  /** The people's notification inboxes and settings (issue 13). */
  notifications: NotificationStore;
}
