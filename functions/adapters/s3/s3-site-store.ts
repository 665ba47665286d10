import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { STATUS_METADATA_KEY, type SiteObject, type SiteStore, type StoredSiteObject } from '../../ports/site-store.js';

export interface S3SiteStoreOptions {
  client: S3Client;
  bucket: string;
}

const httpStatusOf = (error: unknown): number | undefined => {
  if (typeof error !== 'object' || error === null || !('$metadata' in error)) return undefined;
  const meta = error.$metadata;
  if (typeof meta !== 'object' || meta === null || !('httpStatusCode' in meta)) return undefined;
  return typeof meta.httpStatusCode === 'number' ? meta.httpStatusCode : undefined;
};

const isMissing = (error: unknown): boolean => error instanceof NoSuchKey || httpStatusOf(error) === 404;

export const createS3SiteStore = ({ client, bucket }: S3SiteStoreOptions): SiteStore => ({
  async put(object: SiteObject): Promise<void> {
    await client.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: object.key,
        Body: object.body,
        ContentType: object.contentType,
        CacheControl: object.cacheControl,
        Metadata: object.status ? { [STATUS_METADATA_KEY]: String(object.status) } : undefined,
      }),
    );
  },

  async get(key: string): Promise<StoredSiteObject | undefined> {
    try {
      const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      const body = out.Body ? await out.Body.transformToByteArray() : new Uint8Array();
      return {
        key,
        body,
        contentType: out.ContentType,
        cacheControl: out.CacheControl,
        etag: out.ETag,
        lastModified: out.LastModified,
        metadata: Object.fromEntries(Object.entries(out.Metadata ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
      };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  },

  async delete(key: string): Promise<void> {
    await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
  },
});
