import { CACHE_CONTROL, CONTENT_TYPES } from '../domain/cache-policy.js';
import type { Article } from '../domain/article.js';
import { storyBylines } from '../domain/bylines.js';
import type { DeskInfo, PageImage } from '../domain/render/types.js';
import type { PageRenderer } from '../ports/renderer.js';
import { siteObjectKey, type SiteObject } from '../ports/site-store.js';
import type { AppDeps } from './deps.js';
import { draftContentOf } from './draft-content.js';

/** Renders an article's public page (or its preview) from the stored article. */
export const renderArticleHtml = (
  renderer: PageRenderer,
  deps: Pick<AppDeps, 'desks' | 'siteConfig'>,
  article: Article,
  desk: DeskInfo,
  facts: { path: string; publishedAt: string; preview?: boolean; previewOfLive?: boolean },
  /** The story's ready photographs (`pageImagesOf`); previews serve them from the authenticated path. */
  images?: ReadonlyMap<string, PageImage>,
): string => {
  const { parsed } = draftContentOf(renderer, article.body, deps.desks);
  return renderer.renderArticlePage({
    draft: parsed,
    site: deps.siteConfig,
    desk,
    path: facts.path,
    publishedAt: facts.publishedAt,
    ...(article.modifiedAt ? { modifiedAt: article.modifiedAt } : {}),
    corrections: article.corrections,
    author: { name: article.author.name },
    ...storyBylines(parsed, article.author, renderer.buildSlug),
    ...(facts.preview ? { preview: true, mediaUrls: 'preview' as const } : {}),
    ...(facts.previewOfLive ? { previewOfLive: true } : {}),
    ...(images ? { images } : {}),
  });
};

export const htmlObject = (path: string, body: string, status?: 410): SiteObject => ({
  key: siteObjectKey(path),
  body,
  contentType: CONTENT_TYPES.html,
  cacheControl: CACHE_CONTROL.page,
  ...(status ? { status } : {}),
});

export const xmlObject = (path: string, body: string, contentType: string = CONTENT_TYPES.xml): SiteObject => ({
  key: siteObjectKey(path),
  body,
  contentType,
  cacheControl: CACHE_CONTROL.feed,
});

/** The feed's media type, from what the renderer produced (RSS or Atom). */
export const feedContentType = (xml: string): string =>
  /<feed[\s>]/.test(xml.slice(0, 500)) ? CONTENT_TYPES.atom : CONTENT_TYPES.rss;

/** Purges changed site paths from the CDN, each once (how the CDN keys its cache is the adapter's business). */
export const invalidateSitePaths = (deps: Pick<AppDeps, 'cdn'>, paths: readonly string[]): Promise<void> =>
  deps.cdn.invalidate([...new Set(paths)]);
