import { PutBucketCorsCommand, type S3Client } from '@aws-sdk/client-s3';
import { createSharpImageProcessor } from '../adapters/image/sharp-image-processor.js';
import { createMediaProcessorHandler } from '../handlers/media-processor-handler.js';
import type { AppDeps } from '../use-cases/deps.js';
import { ensureBucket } from './provision.js';

/** The local stack's private uploads bucket (in AWS a PrivateBucket in the stateful stack). */
export const LOCAL_UPLOADS_BUCKET = 'newsroom-uploads';

/**
 * Creates the uploads bucket with CORS for the app's origin only, as the CDK stack does: the browser sends the bytes
 * straight to s3rver with the presigned POST.
 */
export const provisionUploadsBucket = async (client: S3Client, appOrigin: string): Promise<void> => {
  await ensureBucket(client, LOCAL_UPLOADS_BUCKET);
  await client.send(
    new PutBucketCorsCommand({
      Bucket: LOCAL_UPLOADS_BUCKET,
      CORSConfiguration: {
        CORSRules: [
          { AllowedOrigins: [appOrigin], AllowedMethods: ['POST', 'PUT'], AllowedHeaders: ['*'], MaxAgeSeconds: 3000 },
        ],
      },
    }),
  );
};

/**
 * s3rver's object events → the photo processor, as the S3 event notification invokes the processing Lambda in AWS.
 * s3rver starts before the app exists, so events wait until `attach`; they are processed one at a time (the
 * machine's cores are the API's too), and only those of the uploads bucket.
 */
export const createLocalMediaEvents = (log: (line: string) => void) => {
  let handle: ((event: unknown) => Promise<unknown>) | undefined;
  const waiting: unknown[] = [];
  let chain: Promise<unknown> = Promise.resolve();
  const run = (event: unknown): void => {
    const h = handle;
    if (!h) return;
    chain = chain
      .then(() => h(event))
      .catch((error: unknown) =>
        log(`photo processing failed: ${error instanceof Error ? error.message : String(error)}`),
      );
  };
  return {
    onObjectEvent(event: unknown): void {
      if (!isUploadsBucketEvent(event)) return;
      if (handle) run(event);
      else waiting.push(event);
    },
    attach(deps: AppDeps): void {
      if (!deps.mediaFiles) return;
      handle = createMediaProcessorHandler({
        media: deps.media,
        files: deps.mediaFiles,
        images: createSharpImageProcessor(),
        clock: deps.clock,
        log: deps.log,
      });
      for (const event of waiting.splice(0)) run(event);
    },
    /** Settles when every event so far is processed (tests, shutdown). */
    idle: (): Promise<unknown> => chain,
  };
};

/** The notification covers the uploads bucket only (renditions and site copies raise events too). */
const isUploadsBucketEvent = (event: unknown): boolean =>
  typeof event === 'object' &&
  event !== null &&
  'Records' in event &&
  Array.isArray(event.Records) &&
  event.Records.some(
    (r: unknown) =>
      typeof r === 'object' &&
      r !== null &&
      's3' in r &&
      JSON.stringify(r.s3).includes(`"name":"${LOCAL_UPLOADS_BUCKET}"`),
  );
