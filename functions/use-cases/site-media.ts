import type { Article } from '../domain/article.js';
import { CONTENT_TYPE_OF_FORMAT, mediaKeyPrefix } from '../domain/media-renditions.js';
import type { PageRenderer } from '../ports/renderer.js';
import type { MediaUse } from '../ports/media-store.js';
import type { AppDeps } from './deps.js';
import { draftContentOf } from './draft-content.js';
import { draftMediaIds } from './draft-media.js';
import { requireMediaFiles } from './read-media.js';

type Deps = Pick<AppDeps, 'media' | 'mediaFiles' | 'cdn'>;

/** The images a stored story names (lead first), as its page will show them. */
export const mediaIdsOfArticle = (
  renderer: PageRenderer,
  deps: Pick<AppDeps, 'desks'>,
  article: Pick<Article, 'body'>,
): string[] => draftMediaIds(draftContentOf(renderer, article.body, deps.desks).parsed);

/** The media id of a stored story's lead image, if it names one. */
export const leadImageOf = (
  renderer: PageRenderer,
  deps: Pick<AppDeps, 'desks'>,
  article: Pick<Article, 'body'>,
): string | undefined => draftContentOf(renderer, article.body, deps.desks).parsed.leadImage;

/** Keys no remaining use names: what may leave the site. */
const unusedKeys = (keys: readonly string[], remaining: readonly MediaUse[]): string[] => {
  const kept = new Set(remaining.flatMap((u) => u.keys));
  return keys.filter((k) => !kept.has(k));
};

/** One wildcard per image: CloudFront bills invalidations per path, and an image's keys share its prefix. */
const invalidateImages = (deps: Deps, mediaIds: readonly string[]): Promise<void> =>
  mediaIds.length === 0
    ? Promise.resolve()
    : deps.cdn.invalidate([...new Set(mediaIds)].map((id) => `/${mediaKeyPrefix(id)}*`));

/** Takes keys off the site unless another published story still uses them. */
const withdrawKeys = async (deps: Deps, articleId: string, dropped: readonly MediaUse[]): Promise<void> => {
  const touched: string[] = [];
  for (const use of dropped) {
    const others = (await deps.media.usesOfMedia(use.mediaId)).filter((u) => u.articleId !== articleId);
    const gone = unusedKeys(use.keys, others);
    if (gone.length === 0) continue;
    await requireMediaFiles(deps).unpublish(gone);
    touched.push(use.mediaId);
  }
  await invalidateImages(deps, touched);
};

/**
 * Never early: a story's renditions reach the site bucket only when its page is about to be written (called by the
 * publishing job just before the page). Copies every rendition of the named, ready images under the same keys
 * (`immutable`), records which story uses which keys, and takes off what an earlier version of the story used and
 * no longer does (a correction that drops an image). The image paths are invalidated: a reader who asked too early
 * has a cached 404.
 */
export const publishArticleMedia =
  (deps: Deps) =>
  async (article: Pick<Article, 'id'>, mediaIds: readonly string[]): Promise<void> => {
    const previous = await deps.media.usesOf(article.id);
    if (mediaIds.length === 0 && previous.length === 0) return;
    const records = (await deps.media.getMany(mediaIds)).filter((m) => m.status === 'ready');
    const files = records.length > 0 ? requireMediaFiles(deps) : undefined;
    const uses: MediaUse[] = [];
    for (const m of records) {
      for (const r of m.renditions) await files?.publish(r.key, CONTENT_TYPE_OF_FORMAT[r.format]);
      uses.push({ mediaId: m.id, articleId: article.id, keys: m.renditions.map((r) => r.key) });
    }
    await deps.media.recordUses(article.id, uses);
    const nowUsed = new Set(uses.flatMap((u) => u.keys));
    const dropped = previous
      .map((u) => ({ ...u, keys: u.keys.filter((k) => !nowUsed.has(k)) }))
      .filter((u) => u.keys.length > 0);
    await withdrawKeys(deps, article.id, dropped);
    await invalidateImages(
      deps,
      records.map((m) => m.id),
    );
  };

/**
 * Never after: once a story's page is gone (410 notice, or a cancelled schedule's page deleted), its renditions
 * leave the site bucket unless another published story uses them, and their paths are invalidated.
 */
export const withdrawArticleMedia =
  (deps: Deps) =>
  async (article: Pick<Article, 'id'>): Promise<void> => {
    const uses = await deps.media.usesOf(article.id);
    if (uses.length === 0) return;
    await withdrawKeys(deps, article.id, uses);
    await deps.media.forgetUses(article.id);
  };

/**
 * The images a page shows, by media id, as the renderer takes them (`ArticlePageInput.images`, media-page's type):
 * only ready ones. Public pages use `publicMediaUrl`; previews use the authenticated path (http/media-routes.ts).
 */
export const pageImagesOf = (deps: Pick<AppDeps, 'media'>) => async (mediaIds: readonly string[]) => {
  const records = mediaIds.length > 0 ? await deps.media.getMany(mediaIds) : [];
  return new Map(
    records
      .filter((m) => m.status === 'ready')
      .map((m) => [
        m.id,
        {
          id: m.id,
          width: m.width,
          height: m.height,
          alt: m.alt,
          caption: m.caption,
          credit: m.credit,
          focalPoint: m.focalPoint,
          renditions: m.renditions,
        },
      ]),
  );
};

/** Where a published rendition is served: the same key in the site bucket. */
export const publicMediaUrl = (r: { key: string }): string => `/${r.key}`;
