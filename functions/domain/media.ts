/**
 * The photo desk's model (issue 11): one uploaded image, its text for readers, its focal point and the renditions
 * the processing function made. Shared by the media API, the processor, draft validation and the page renderer.
 */

/** Types the newsroom accepts for upload, checked again on the real bytes by the processor. */
export const ACCEPTED_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/heic'] as const;
export type AcceptedImageType = (typeof ACCEPTED_IMAGE_TYPES)[number];

export const MEDIA_LIMITS = {
  /** Largest upload, bytes. */
  uploadBytes: 25 * 1024 * 1024,
  /** Decompression-bomb guard: the most pixels an image may declare. */
  pixels: 50_000_000,
  /** Widest rendition, px (never wider than the original). */
  maxWidth: 1600,
  altCharacters: 500,
  captionCharacters: 1_000,
  creditCharacters: 200,
} as const;

export const MEDIA_STATUSES = ['awaiting_upload', 'processing', 'ready', 'failed'] as const;
export type MediaStatus = (typeof MEDIA_STATUSES)[number];

/** Crops made around the focal point. */
export const RENDITION_RATIOS = ['16:9', '4:3', '1:1'] as const;
export type RenditionRatio = (typeof RENDITION_RATIOS)[number];

export type RenditionFormat = 'avif' | 'webp' | 'jpeg';

export interface Rendition {
  ratio: RenditionRatio;
  width: number;
  height: number;
  format: RenditionFormat;
  /** Content-hashed object key under the media prefix, e.g. `media/01J…/16x9-1200-3f9a1c2b.avif`. */
  key: string;
}

/** Why processing refused an image (shown to the reporter through the app's catalogue, `media.failure.<code>`). */
export const MEDIA_FAILURE_CODES = [
  'not_an_image',
  'unsupported_format',
  'truncated',
  'too_many_pixels',
  'too_large',
  'processing_failed',
] as const;
export type MediaFailureCode = (typeof MEDIA_FAILURE_CODES)[number];

export interface MediaRecord {
  id: string;
  status: MediaStatus;
  error?: { code: MediaFailureCode; message: string };
  /** Who uploaded it (sub and display name). */
  owner: { sub: string; name: string };
  filename: string;
  contentType: AcceptedImageType;
  size: number;
  /** Of the original after EXIF orientation; 0 until processed. */
  width: number;
  height: number;
  alt: string;
  caption: string;
  credit: string;
  /** 0..1 from the left and top. */
  focalPoint: { x: number; y: number };
  renditions: Rendition[];
  version: number;
  createdAt: string;
  updatedAt: string;
}
