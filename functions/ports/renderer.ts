import type * as Render from '../domain/render/index.js';
import type { DraftParser } from './draft-parser.js';

/**
 * The page renderer (typograf, markdown-it, sanitize-html, templates) is loaded lazily, so routes that never render
 * (listing, history, transitions) don't pay for it at cold start. A page is rendered from the parsed draft, so the
 * renderer carries the draft parser too.
 */
export type PageRenderer = Pick<
  typeof Render,
  | 'renderArticlePage'
  | 'renderGonePage'
  | 'renderNotFoundPage'
  | 'renderFrontPage'
  | 'renderDeskPage'
  | 'renderMonthArchivePage'
  | 'renderDayArchivePage'
  | 'renderFeed'
  | 'renderSitemapIndex'
  | 'renderSitemapShard'
  | 'renderNewsSitemap'
  | 'renderRobotsTxt'
  | 'buildArticlePath'
  | 'SITE_PATHS'
  | 'renderTopicPage'
  | 'renderTopicsSitemap'
  | 'renderDzenFeed'
  | 'renderNinjsFeed'
  | 'typesetStory'
  | 'TOPIC_PATHS'
  | 'decideThumbnail'
> &
  DraftParser;

export type LoadRenderer = () => Promise<PageRenderer>;
