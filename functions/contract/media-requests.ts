import * as z from 'zod/mini';
import { MEDIA_LIMITS } from '../domain/media.js';

/** Request shapes of the photo desk's API (issue 11; architecture.md §3). Unknown fields are refused. */

export const mediaIdParam = z.string().check(z.regex(/^[0-9A-Za-z]{10,40}$/, 'not a media id'));
export const renditionFileParam = z.string().check(z.regex(/^[0-9a-z-]{1,40}\.(avif|webp|jpg)$/, 'not a rendition'));

const fraction = z.number().check(z.minimum(0), z.maximum(1));

/** `POST /api/media`: what the browser is about to send (checked again on the real bytes). */
export const createMediaRequest = z.strictObject({
  filename: z.string().check(z.trim(), z.minLength(1), z.maxLength(255)),
  contentType: z.string().check(z.minLength(1), z.maxLength(100)),
  size: z.int().check(z.minimum(1), z.maximum(Number.MAX_SAFE_INTEGER)),
});
export type CreateMediaRequest = z.input<typeof createMediaRequest>;

/** `PUT /api/media/{id}` */
export const updateMediaRequest = z.strictObject({
  alt: z.string().check(z.maxLength(MEDIA_LIMITS.altCharacters)),
  caption: z.optional(z.string().check(z.maxLength(MEDIA_LIMITS.captionCharacters))),
  credit: z.optional(z.string().check(z.maxLength(MEDIA_LIMITS.creditCharacters))),
  focalPoint: z.optional(z.strictObject({ x: fraction, y: fraction })),
  version: z.int().check(z.minimum(1)),
});
export type UpdateMediaRequest = z.input<typeof updateMediaRequest>;

/** `GET /api/media?mine=1&cursor=&limit=` */
export const mediaListQuery = z.strictObject({
  mine: z.optional(z.enum(['1', 'true'])),
  cursor: z.optional(z.string().check(z.maxLength(2_000))),
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100))),
});
