import {
  MEDIA_LIMITS,
  RENDITION_RATIOS,
  type MediaFailureCode,
  type RenditionFormat,
  type RenditionRatio,
} from './media.js';

/**
 * Pure decisions of the photo processor: which crops, which widths, which keys. The image library (behind the
 * ImageProcessor port) only executes them, so every rule here is tested without pixels.
 */

export interface CropBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface FocalPoint {
  x: number;
  y: number;
}

/** Widths offered to browsers (`srcset`), capped by the crop's own width and MEDIA_LIMITS.maxWidth. */
export const RENDITION_WIDTHS = [320, 640, 960, 1200, 1600] as const;

/**
 * Formats written for every crop and width: AVIF for browsers that take it, JPEG as the fallback. AVIF at encoder
 * effort 2 took about as long as WebP on this machine (1600×900: 246 ms vs 172 ms) and came out a third smaller; the
 * default effort 4 took 2.7 s. See tests/bench/media.ts for the whole set.
 */
export const RENDITION_FORMATS: readonly RenditionFormat[] = ['avif', 'jpeg'];

const RATIO_PARTS: Record<RenditionRatio, readonly [number, number]> = {
  '16:9': [16, 9],
  '4:3': [4, 3],
  '1:1': [1, 1],
};

const clamp = (value: number, min: number, max: number): number => Math.min(Math.max(value, min), max);

/**
 * The largest box of `ratio` inside a `width`×`height` image, centred on the focal point as far as the edges allow.
 * Integer pixels; never empty for an image of at least 1×1.
 */
export const cropBoxFor = (width: number, height: number, ratio: RenditionRatio, focal: FocalPoint): CropBox => {
  const [rw, rh] = RATIO_PARTS[ratio];
  const boxWidth = Math.max(1, Math.min(width, Math.floor((height * rw) / rh)));
  const boxHeight = Math.max(1, Math.min(height, Math.floor((boxWidth * rh) / rw)));
  const left = Math.round(clamp(focal.x * width - boxWidth / 2, 0, width - boxWidth));
  const top = Math.round(clamp(focal.y * height - boxHeight / 2, 0, height - boxHeight));
  return { left, top, width: boxWidth, height: boxHeight };
};

/** Widths made for a crop `cropWidth` px wide: the ladder up to it (never upscaled); a small crop gets its own width. */
export const renditionWidthsFor = (cropWidth: number): number[] => {
  const cap = Math.min(cropWidth, MEDIA_LIMITS.maxWidth);
  const widths: number[] = RENDITION_WIDTHS.filter((w) => w <= cap);
  return widths.length > 0 ? widths : [cap];
};

/** `16:9` → `16x9` (a colon is awkward in URLs and file names). */
export const ratioSlug = (ratio: RenditionRatio): string => ratio.replace(':', 'x');

const EXTENSIONS: Record<RenditionFormat, string> = { avif: 'avif', webp: 'webp', jpeg: 'jpg' };

/** The object key of one rendition, with a content hash so that a new crop is a new URL (served `immutable`). */
export const renditionKey = (
  mediaId: string,
  r: { ratio: RenditionRatio; width: number; format: RenditionFormat },
  contentHashHex: string,
): string => `media/${mediaId}/${ratioSlug(r.ratio)}-${r.width}-${contentHashHex.slice(0, 8)}.${EXTENSIONS[r.format]}`;

/** The prefix every rendition of one image lives under. */
export const mediaKeyPrefix = (mediaId: string): string => `media/${mediaId}/`;

/** The file part of a rendition key (`16x9-1200-3f9a1c2b.avif`), as the preview path names it. */
export const renditionFileOf = (key: string): string => key.slice(key.lastIndexOf('/') + 1);

const RENDITION_FILE = /^(16x9|4x3|1x1)-\d{1,4}-[0-9a-f]{8}\.(avif|webp|jpg)$/;
export const isRenditionFile = (file: string): boolean => RENDITION_FILE.test(file);

/** Where the original upload lives in the uploads bucket: one object per media item. */
export const UPLOADS_PREFIX = 'uploads/';
export const uploadKey = (mediaId: string): string => `${UPLOADS_PREFIX}${mediaId}`;
/** The media id of an upload key, or undefined for any other object (the processor ignores those). */
export const mediaIdOfUploadKey = (key: string): string | undefined => {
  const m = /^uploads\/([0-9A-Za-z]{10,40})$/.exec(key);
  return m?.[1];
};

export interface PlannedRendition {
  ratio: RenditionRatio;
  crop: CropBox;
  width: number;
  height: number;
  format: RenditionFormat;
}

/** Every rendition of an image `width`×`height` (after EXIF orientation) with its focal point. */
export const planRenditions = (width: number, height: number, focal: FocalPoint): PlannedRendition[] =>
  RENDITION_RATIOS.flatMap((ratio) => {
    const crop = cropBoxFor(width, height, ratio, focal);
    return renditionWidthsFor(crop.width).flatMap((w) =>
      RENDITION_FORMATS.map((format) => ({
        ratio,
        crop,
        width: w,
        height: Math.max(1, Math.round((crop.height * w) / crop.width)),
        format,
      })),
    );
  });

/** Formats the image library reports that the newsroom takes (sharp's prebuilt libheif reads AVIF but not HEIC). */
const READABLE_FORMATS = new Set(['jpeg', 'png', 'webp', 'heif']);

/** What the real bytes say, checked before any pixel is decoded. */
export interface ProbedImage {
  /** The library's format name (`jpeg`, `png`, `heif`, `svg`, …), undefined when the bytes are no image at all. */
  format?: string;
  /** For `heif`: the compression inside (`av1` is AVIF, `hevc` is HEIC). */
  compression?: string;
  width: number;
  height: number;
  bytes: number;
}

/** Refuses, by the bytes, what the processor must not decode; undefined when the image may go ahead. */
export const refusalOf = (probe: ProbedImage): { code: MediaFailureCode; message: string } | undefined => {
  if (probe.bytes > MEDIA_LIMITS.uploadBytes) {
    return { code: 'too_large', message: `the file has ${probe.bytes} bytes; at most ${MEDIA_LIMITS.uploadBytes}` };
  }
  if (!probe.format) return { code: 'not_an_image', message: 'the file is not an image' };
  if (!READABLE_FORMATS.has(probe.format) || (probe.format === 'heif' && probe.compression !== 'av1')) {
    return { code: 'unsupported_format', message: `${probe.format} images are not accepted` };
  }
  if (probe.width * probe.height > MEDIA_LIMITS.pixels) {
    return {
      code: 'too_many_pixels',
      message: `${probe.width}×${probe.height} is over the limit of ${MEDIA_LIMITS.pixels} pixels`,
    };
  }
  return undefined;
};

/** Renditions in the site bucket: content-hashed keys, so a year and `immutable` are safe. */
export const CACHE_CONTROL_IMMUTABLE_MEDIA = 'public, max-age=31536000, immutable';

export const CONTENT_TYPE_OF_FORMAT: Record<RenditionFormat, string> = {
  avif: 'image/avif',
  webp: 'image/webp',
  jpeg: 'image/jpeg',
};
