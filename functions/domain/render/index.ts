/**
 * The renderer's public API. Everything here is pure and synchronous: no I/O, no clock, no environment.
 *
 * Bundles that only parse drafts (the API on save) should import `./parse-draft.js` and `./slug.js` directly:
 * this index also loads typograf, sanitize-html and the templates.
 */
export { parseDraft } from './parse-draft.js';
export { DRAFT_LIMITS, DRAFT_SAMPLES, type DraftLimit } from './draft-limits.js';
export { buildSlug, buildArticlePath, buildArticleMonth, MAX_SLUG_LENGTH } from './slug.js';
export { SITE_PATHS, SITE_CONTENT_TYPES, absoluteUrl } from './site-paths.js';
export { renderArticlePage, typesetStory } from './article-page.js';
export { renderGonePage, renderNotFoundPage } from './error-pages.js';
export { renderFrontPage, renderDeskPage, renderMonthArchivePage, renderDayArchivePage } from './listing-pages.js';
export { renderFeed } from './feeds.js';
export { renderSitemapIndex, renderSitemapShard, renderNewsSitemap, renderRobotsTxt } from './sitemaps.js';
export { SITE_CSS } from './styles.js';
export type * from './types.js';
export { renderTopicPage, renderTopicsSitemap } from './topic-pages.js';
export { renderDzenFeed, renderNinjsFeed } from './distribution-feeds.js';
export { TOPIC_PATHS } from './topic-paths.js';
export { decideThumbnail } from './media-urls.js';
