import { CACHE_CONTROL, CONTENT_TYPES } from '../domain/cache-policy.js';
import type { Article } from '../domain/article.js';
import { articlePageInputOf, type StoryPageFacts } from '../domain/article-page.js';
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
  return renderer.renderArticlePage(
    articlePageInputOf(parsed, storyPageFactsOf(article, desk, facts), deps.siteConfig, renderer.buildSlug, {
      ...(facts.preview ? { preview: true } : {}),
      ...(facts.previewOfLive ? { previewOfLive: true } : {}),
      ...(images ? { images } : {}),
    }),
  );
};

/** What the page shows of the stored article besides its text. */
export const storyPageFactsOf = (
  article: Pick<Article, 'modifiedAt' | 'corrections' | 'author'>,
  desk: DeskInfo,
  facts: { path: string; publishedAt: string },
): StoryPageFacts => ({
  desk,
  path: facts.path,
  publishedAt: facts.publishedAt,
  ...(article.modifiedAt ? { modifiedAt: article.modifiedAt } : {}),
  corrections: article.corrections,
  author: article.author,
});

/** The 410 notice that replaces a taken-down story's page. */
export const goneObject = (
  renderer: PageRenderer,
  deps: Pick<AppDeps, 'siteConfig'>,
  article: Pick<Article, 'lang' | 'title' | 'unpublishReason' | 'unpublishKind'>,
  path: string,
): SiteObject =>
  htmlObject(
    path,
    renderer.renderGonePage({
      site: deps.siteConfig,
      lang: article.lang,
      title: article.title,
      ...(article.unpublishReason ? { reason: article.unpublishReason } : {}),
      ...(article.unpublishKind ? { kind: article.unpublishKind } : {}),
      path,
    }),
    410,
  );

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
