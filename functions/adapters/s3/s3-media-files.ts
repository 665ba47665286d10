import {
  CopyObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { CACHE_CONTROL_IMMUTABLE_MEDIA } from '../../domain/media-renditions.js';
import type { MediaFiles, StoredFile, UploadTicket } from '../../ports/media-files.js';

export interface S3MediaFilesOptions {
  client: S3Client;
  /** The private uploads bucket: originals under `uploads/`, renditions under `media/`. */
  uploadsBucket: string;
  /** The public site bucket, where renditions go when their story is published. */
  siteBucket: string;
}

const httpStatusOf = (error: unknown): number | undefined => {
  if (typeof error !== 'object' || error === null || !('$metadata' in error)) return undefined;
  const meta = error.$metadata;
  if (typeof meta !== 'object' || meta === null || !('httpStatusCode' in meta)) return undefined;
  return typeof meta.httpStatusCode === 'number' ? meta.httpStatusCode : undefined;
};

const isMissing = (error: unknown): boolean =>
  error instanceof NoSuchKey || error instanceof NotFound || httpStatusOf(error) === 404;

/** S3 allows 1,000 keys per DeleteObjects. */
const DELETE_BATCH = 1_000;

const deleteKeys = async (client: S3Client, bucket: string, keys: readonly string[]): Promise<void> => {
  for (let i = 0; i < keys.length; i += DELETE_BATCH) {
    const batch = keys.slice(i, i + DELETE_BATCH);
    if (batch.length === 0) continue;
    await client.send(
      new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }),
    );
  }
};

export const createS3MediaFiles = ({ client, uploadsBucket, siteBucket }: S3MediaFilesOptions): MediaFiles => ({
  async presignUpload(key, contentType, maxBytes, expiresSeconds): Promise<UploadTicket> {
    // A presigned POST carries a policy S3 enforces: the exact key, the declared type and at most maxBytes. (s3rver
    // stores POSTs without checking the policy; the processor checks the stored size and the bytes again.)
    const { url, fields } = await createPresignedPost(client, {
      Bucket: uploadsBucket,
      Key: key,
      Conditions: [
        ['content-length-range', 1, maxBytes],
        ['eq', '$Content-Type', contentType],
      ],
      Fields: { 'Content-Type': contentType },
      Expires: expiresSeconds,
    });
    return { method: 'POST', url, fields };
  },

  async sizeOf(key) {
    try {
      const out = await client.send(new HeadObjectCommand({ Bucket: uploadsBucket, Key: key }));
      return out.ContentLength ?? 0;
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  },

  async read(key): Promise<StoredFile | undefined> {
    try {
      const out = await client.send(new GetObjectCommand({ Bucket: uploadsBucket, Key: key }));
      const body = out.Body ? await out.Body.transformToByteArray() : new Uint8Array();
      return { body, ...(out.ContentType ? { contentType: out.ContentType } : {}) };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  },

  async writePrivate(key, body, contentType) {
    await client.send(new PutObjectCommand({ Bucket: uploadsBucket, Key: key, Body: body, ContentType: contentType }));
  },

  deletePrivate: (keys) => deleteKeys(client, uploadsBucket, keys),

  async touchUpload(key) {
    await client.send(
      new CopyObjectCommand({
        Bucket: uploadsBucket,
        Key: key,
        CopySource: `${uploadsBucket}/${encodeURIComponent(key).replaceAll('%2F', '/')}`,
        // S3 refuses a copy onto itself that changes nothing; new metadata makes it a new object (and an event).
        MetadataDirective: 'REPLACE',
        Metadata: { 'newsroom-touched': new Date().toISOString() },
      }),
    );
  },

  async publish(key, contentType) {
    await client.send(
      new CopyObjectCommand({
        Bucket: siteBucket,
        Key: key,
        CopySource: `${uploadsBucket}/${encodeURIComponent(key).replaceAll('%2F', '/')}`,
        MetadataDirective: 'REPLACE',
        ContentType: contentType,
        CacheControl: CACHE_CONTROL_IMMUTABLE_MEDIA,
      }),
    );
  },

  unpublish: (keys) => deleteKeys(client, siteBucket, keys),
});
