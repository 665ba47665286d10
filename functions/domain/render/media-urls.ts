import type { Rendition, RenditionRatio } from '../media.js';
import type { ArticlePageInput, ListingItem, PageImage } from './types.js';

/**
 * Where a photograph's renditions are reached from a page, and which one a listing shows. Kept apart from figures.ts
 * (which typesets captions) so that the API can decide a story's thumbnail without loading the typesetter.
 */

/** A URL fit for `src`/`srcset`: a site path or https, with no space or comma that would split a srcset entry. */
export const SAFE_URL = /^(?:https:\/\/[^\s,"'<>]+|\/(?![/\\])[^\s,"'<>]*)$/;

export type MediaUrl = (rendition: Rendition) => string;
export const publicMediaUrl: MediaUrl = (rendition) => `/${rendition.key}`;
/** `media/<id>/<file>` → the newsroom's authenticated preview path of the same file. */
export const previewMediaUrl: MediaUrl = (rendition) =>
  `/api/${rendition.key.replace(/^media\/([^/]+)\//, 'media/$1/renditions/')}`;
export const mediaUrlOf = (input: Pick<ArticlePageInput, 'mediaUrls'>): MediaUrl =>
  input.mediaUrls === 'preview' ? previewMediaUrl : publicMediaUrl;

export interface Placed {
  rendition: Rendition;
  url: string;
}

/** One crop in one format, narrowest first, only renditions with a size and a URL a page may carry. */
export const renditionsOf = (
  image: Pick<PageImage, 'renditions'>,
  ratio: RenditionRatio,
  format: Rendition['format'],
  url: MediaUrl,
): Placed[] =>
  image.renditions
    .filter((r) => r.ratio === ratio && r.format === format && r.width > 0 && r.height > 0)
    .map((rendition) => ({ rendition, url: url(rendition) }))
    .filter((p) => SAFE_URL.test(p.url))
    .sort((a, b) => a.rendition.width - b.rendition.width);

/** The narrowest at least `width` wide, else the widest there is. */
export const atLeast = (placed: readonly Placed[], width: number): Placed | undefined =>
  placed.find((p) => p.rendition.width >= width) ?? placed.at(-1);

/** Thumbnails are 7rem wide: twice that in pixels, so they stay sharp on dense screens. */
const THUMBNAIL_WIDTH = 224;

/** The listing thumbnail of a lead image: its narrowest 16:9 JPEG at least THUMBNAIL_WIDTH wide, else the widest. */
export const decideThumbnail = (
  image: Pick<PageImage, 'renditions' | 'alt'>,
  mediaUrl: MediaUrl = publicMediaUrl,
): ListingItem['image'] => {
  const chosen = atLeast(renditionsOf(image, '16:9', 'jpeg', mediaUrl), THUMBNAIL_WIDTH);
  return chosen
    ? { url: chosen.url, width: chosen.rendition.width, height: chosen.rendition.height, alt: image.alt }
    : undefined;
};
