import type { Rendition, RenditionRatio } from '../media.js';
import { escapeHtml } from './escape.js';
import { MEDIA_SCHEME, mediaIdOf } from './media-refs.js';
import { atLeast, mediaUrlOf, renditionsOf, SAFE_URL, type MediaUrl, type Placed } from './media-urls.js';
import { absoluteUrl } from './site-paths.js';
import { typesetText } from './typeset.js';
import type { ArticlePageInput, Lang, ListingItem, PageImage } from './types.js';

/**
 * Photographs on the reader's page (issue 11 §5): `<figure><picture>` with a modern-format `<source>` per format
 * the processor wrote (AVIF first, then WebP) and a JPEG `<img>` that every browser can show, each with the full
 * `srcset` of its crop so the browser picks the width for the screen. `width`/`height` give the box its ratio
 * before the bytes arrive (no layout shift; the stylesheet adds `height: auto`).
 */

/**
 * The text column: 42.5rem wide with 1.25rem padding each side, so at most 40rem of picture, else the viewport
 * less the padding. The renditions' `w` descriptors and this let the browser pick by width and pixel density.
 */
export const FIGURE_SIZES = '(min-width: 42.5rem) 40rem, calc(100vw - 2.5rem)';

/** The JPEG in `src` for browsers that ignore `srcset`: the narrowest at least this wide. */
const FALLBACK_WIDTH = 800;
/** Search engines and social cards want pictures at least 1200 px wide. */
const SHARE_WIDTH = 1200;
/**
 * A body image keeps the crop closest to its own shape: 16:9 for originals at least as wide as the midpoint of
 * 16:9 and 4:3 (1.78 and 1.33), 4:3 for everything narrower. Portraits and squares get 4:3 too, not 1:1: in a text
 * column a square is as tall as a phone's screen, and 4:3 keeps the most of a landscape news photo.
 */
const WIDE_ASPECT = (16 / 9 + 4 / 3) / 2;
const MODERN_FORMATS = ['avif', 'webp'] as const;
const MIME: Record<Rendition['format'], string> = { avif: 'image/avif', webp: 'image/webp', jpeg: 'image/jpeg' };

export const decideBodyRatio = (image: Pick<PageImage, 'width' | 'height'>): RenditionRatio =>
  image.height > 0 && image.width / image.height >= WIDE_ASPECT ? '16:9' : '4:3';

const srcset = (placed: readonly Placed[]): string =>
  placed.map((p) => `${escapeHtml(p.url)} ${p.rendition.width}w`).join(', ');

export interface FigureOptions {
  ratio: RenditionRatio;
  lang: Lang;
  mediaUrl: MediaUrl;
  lead: boolean;
}

const loadingOf = (lead: boolean): string =>
  // The lead image is the page's largest paint: fetch it first. Body images wait until the reader scrolls near.
  lead ? ' loading="eager" fetchpriority="high" decoding="async"' : ' loading="lazy" decoding="async"';

/** The `<img>` alone (JPEG), or '' when the crop has no JPEG rendition to show. */
const renderImg = (image: PageImage, options: FigureOptions, fallbackAlt = ''): string => {
  const jpeg = renditionsOf(image, options.ratio, 'jpeg', options.mediaUrl);
  const src = atLeast(jpeg, FALLBACK_WIDTH);
  if (!src) return '';
  const alt = image.alt.trim() || fallbackAlt;
  return (
    `<img src="${escapeHtml(src.url)}" srcset="${srcset(jpeg)}" sizes="${FIGURE_SIZES}"` +
    ` width="${src.rendition.width}" height="${src.rendition.height}" alt="${escapeHtml(alt)}"${loadingOf(options.lead)}>`
  );
};

/** `<figure>` with `<picture>` and caption, or '' when there is nothing to show. */
export const renderFigure = (image: PageImage, options: FigureOptions, fallbackAlt = ''): string => {
  const img = renderImg(image, options, fallbackAlt);
  if (!img) return '';
  const sources = MODERN_FORMATS.map((format) => renditionsOf(image, options.ratio, format, options.mediaUrl))
    .filter((placed) => placed.length > 0)
    .map((placed) => {
      const format = placed[0]?.rendition.format ?? 'jpeg';
      return `<source type="${MIME[format]}" srcset="${srcset(placed)}" sizes="${FIGURE_SIZES}">`;
    })
    .join('');
  const caption = image.caption.trim() ? escapeHtml(typesetText(image.caption.trim(), options.lang)) : '';
  const credit = image.credit.trim() ? `<span class="credit">${escapeHtml(image.credit.trim())}</span>` : '';
  const figcaption = caption || credit ? `<figcaption>${[caption, credit].filter(Boolean).join(' ')}</figcaption>` : '';
  return `<figure class="${options.lead ? 'photo lead' : 'photo'}"><picture>${sources}${img}</picture>${figcaption}</figure>`;
};

/**
 * Replace the `media:` placeholders the sanitizer let through (only on `<img src>`, only a well-formed id) with
 * the pictures. An image that is a paragraph of its own becomes a `<figure>` in place of the paragraph; one inside
 * other content (a sentence, a list item, a table cell) becomes a plain `<img>`, which is valid wherever text is.
 * A placeholder without a record, or whose crop has no JPEG, is removed: no broken picture on the page.
 */
export const placeBodyImages = (
  html: string,
  images: ReadonlyMap<string, PageImage> | undefined,
  lang: Lang,
  mediaUrl: MediaUrl,
): string => {
  if (!html.includes(`src="${MEDIA_SCHEME}`)) return html;
  const imageFor = (tag: string): { image?: PageImage; alt: string } => {
    const src = /\ssrc="([^"]*)"/.exec(tag)?.[1] ?? '';
    const alt = /\salt="([^"]*)"/.exec(tag)?.[1] ?? '';
    const id = mediaIdOf(src);
    // `alt` is already escaped by the sanitizer: decode the few entities it writes before escaping it again.
    return { ...(id ? { image: images?.get(id) } : {}), alt: unescapeAttribute(alt) };
  };
  const figureFor = (tag: string): string => {
    const { image, alt } = imageFor(tag);
    return image ? renderFigure(image, { ratio: decideBodyRatio(image), lang, mediaUrl, lead: false }, alt) : '';
  };
  const inlineFor = (tag: string): string => {
    const { image, alt } = imageFor(tag);
    return image ? renderImg(image, { ratio: decideBodyRatio(image), lang, mediaUrl, lead: false }, alt) : '';
  };
  return html
    .replace(/<p>\s*(<img\s[^>]*\bsrc="media:[^"]*"[^>]*>)\s*<\/p>/g, (_p: string, tag: string) => figureFor(tag))
    .replace(/<img\s[^>]*\bsrc="media:[^"]*"[^>]*>/g, inlineFor);
};

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const unescapeAttribute = (value: string): string =>
  value.replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity);

export interface ShareImage {
  url: string;
  width: number;
  height: number;
  alt: string;
}

const absolute = (baseUrl: string, url: string): string =>
  url.startsWith('https://') ? url : absoluteUrl(baseUrl, url);

/** The JPEG at ≥ 1200 px (else the widest) of one crop, as an absolute URL, for og:image and JSON-LD. */
const shareRendition = (
  image: PageImage,
  ratio: RenditionRatio,
  mediaUrl: MediaUrl,
  baseUrl: string,
): ShareImage | undefined => {
  const chosen = atLeast(renditionsOf(image, ratio, 'jpeg', mediaUrl), SHARE_WIDTH);
  return chosen
    ? {
        url: absolute(baseUrl, chosen.url),
        width: chosen.rendition.width,
        height: chosen.rendition.height,
        alt: image.alt,
      }
    : undefined;
};

export interface LeadImage {
  /** The figure after the title block ('' when it cannot be shown). */
  figure: string;
  /** og:image: the 16:9 JPEG at 1200 px. */
  card?: ShareImage;
  /** JSON-LD `image`: 16:9, 4:3 and 1:1 at ≥ 1200 px. */
  structured: string[];
}

/** The lead image of a page, if the draft names one and its record is there. */
export const decideLeadImage = (input: ArticlePageInput): LeadImage | undefined => {
  const id = input.draft.leadImage;
  const image = id ? input.images?.get(id) : undefined;
  if (!image) return undefined;
  const mediaUrl = mediaUrlOf(input);
  const figure = renderFigure(image, { ratio: '16:9', lang: input.draft.lang, mediaUrl, lead: true });
  if (!figure) return undefined;
  const shares = (['16:9', '4:3', '1:1'] as const).map((ratio) =>
    shareRendition(image, ratio, mediaUrl, input.site.baseUrl),
  );
  const card = shares[0];
  return {
    figure,
    ...(card ? { card } : {}),
    structured: shares.flatMap((share) => (share ? [share.url] : [])),
  };
};

/** A listing's small lead picture (front and desk pages), or '' when its URL is not one the page may carry. */
export const renderThumbnail = (image: ListingItem['image']): string =>
  image && SAFE_URL.test(image.url) && image.width > 0 && image.height > 0
    ? `<img class="thumb" src="${escapeHtml(image.url)}" width="${image.width}" height="${image.height}" alt="${escapeHtml(image.alt)}" loading="lazy" decoding="async">`
    : '';
