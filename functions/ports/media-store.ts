import type { MediaFailureCode, MediaRecord, Rendition } from '../domain/media.js';
import type { Page } from './article-store.js';

/** A media record as stored: the API's record plus who else may see it. */
export interface StoredMedia extends MediaRecord {
  /** Desks a story naming this image was submitted to: their editors may see it (domain/media-policy.ts). */
  sharedWithDesks: string[];
  /** The focal point the current renditions were cut around; differs from `focalPoint` while a re-crop is owed. */
  processedFocalPoint?: { x: number; y: number };
}

/** What the processor records when it is done. */
export type ProcessingResult =
  | { status: 'ready'; width: number; height: number; renditions: Rendition[]; focalPoint: { x: number; y: number } }
  | { status: 'failed'; error: { code: MediaFailureCode; message: string } };

/** A published story's use of an image: the rendition keys it copied into the site bucket. */
export interface MediaUse {
  mediaId: string;
  articleId: string;
  keys: string[];
}

export interface MediaStore {
  /** A new record (refused with conflict if the id exists). */
  create(media: StoredMedia): Promise<void>;
  get(id: string): Promise<StoredMedia | undefined>;
  /** The records that exist among `ids` (any order). */
  getMany(ids: readonly string[]): Promise<StoredMedia[]>;
  /** Saves an edit made on `expectedVersion` (stale_version when the record moved meanwhile). */
  save(media: StoredMedia, expectedVersion: number): Promise<void>;
  /**
   * Claims the record for processing: `awaiting_upload` → `processing`, or a `ready` record whose focal point moved
   * since its renditions were cut. Undefined (nothing changed) when there is nothing to do: a re-delivered event.
   */
  startProcessing(id: string, nowIso: string): Promise<StoredMedia | undefined>;
  /** `processing` → `ready` | `failed`; false when the record is not in `processing` (someone else finished it). */
  finishProcessing(id: string, result: ProcessingResult, nowIso: string): Promise<boolean>;
  /** The uploader's images, newest first. */
  listByOwner(sub: string, page: { limit: number; cursor?: string }): Promise<Page<StoredMedia>>;
  /** Lets a desk's editors see these images (a story naming them was submitted there). */
  shareWithDesk(ids: readonly string[], desk: string): Promise<void>;
  /** Records what a published story put on the site (replacing its earlier record). */
  recordUses(articleId: string, uses: readonly MediaUse[]): Promise<void>;
  /** What a story put on the site, as recorded. */
  usesOf(articleId: string): Promise<MediaUse[]>;
  /** Every published story's use of one image. */
  usesOfMedia(mediaId: string): Promise<MediaUse[]>;
  /** Forgets a story's uses (it came down). */
  forgetUses(articleId: string): Promise<void>;
}
