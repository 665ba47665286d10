/**
 * The bytes of the photo desk: originals and renditions in the private uploads bucket, renditions copied into the
 * public site bucket when a story is published. Keys are built in domain/media-renditions.ts.
 */

/** How the browser sends the original straight to the bucket (architecture §3, `POST /api/media`). */
export type UploadTicket =
  | { method: 'POST'; url: string; fields: Record<string, string> }
  | { method: 'PUT'; url: string; headers: Record<string, string> };

export interface StoredFile {
  body: Uint8Array;
  contentType?: string;
}

export interface MediaFiles {
  /** A presigned upload of at most `maxBytes` bytes of `contentType` to `key`, valid for `expiresSeconds`. */
  presignUpload(key: string, contentType: string, maxBytes: number, expiresSeconds: number): Promise<UploadTicket>;
  /** The stored size of an upload, undefined when there is none (read before the bytes: a size guard). */
  sizeOf(key: string): Promise<number | undefined>;
  /** A private object's bytes (an original or a rendition), undefined when there is none. */
  read(key: string): Promise<StoredFile | undefined>;
  /** Writes a rendition to the private store. */
  writePrivate(key: string, body: Uint8Array, contentType: string): Promise<void>;
  /** Deletes private objects (missing ones are fine). */
  deletePrivate(keys: readonly string[]): Promise<void>;
  /** Re-announces an upload (copy onto itself), so the processor runs again: a re-crop after a focal point edit. */
  touchUpload(key: string): Promise<void>;
  /** Copies a rendition from the private store to the same key in the site bucket, served `immutable`. */
  publish(key: string, contentType: string): Promise<void>;
  /** Deletes renditions from the site bucket. */
  unpublish(keys: readonly string[]): Promise<void>;
}
