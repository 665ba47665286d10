import * as z from 'zod/mini';
import type { MediaProcessingDeps, ProcessingOutcome } from '../use-cases/process-media-upload.js';
import { processMediaUpload } from '../use-cases/process-media-upload.js';

/** S3 event records as far as the processor reads them (keys arrive URL-encoded, spaces as `+`). */
const s3EventSchema = z.object({
  Records: z.array(
    z.object({
      eventName: z.string(),
      s3: z.object({ bucket: z.object({ name: z.string() }), object: z.object({ key: z.string() }) }),
    }),
  ),
});

/** The same event as EventBridge delivers it (the deployed trigger: see infra/constructs/media-processing.ts). */
const eventBridgeSchema = z.object({
  'detail-type': z.literal('Object Created'),
  detail: z.object({ bucket: z.object({ name: z.string() }), object: z.object({ key: z.string() }) }),
});

const decodeKey = (key: string): string => decodeURIComponent(key.replace(/\+/g, ' '));

/** Object keys created, from either shape (S3 notification records are URL-encoded; EventBridge keys are too). */
const createdKeys = (event: unknown): string[] => {
  const bridged = eventBridgeSchema.safeParse(event);
  if (bridged.success) return [decodeKey(bridged.data.detail.object.key)];
  return s3EventSchema
    .parse(event)
    .Records.filter((r) => r.eventName.startsWith('ObjectCreated:'))
    .map((r) => decodeKey(r.s3.object.key));
};

/**
 * The processing entry point without its composition: the Lambda (media-processor.ts, EventBridge's Object Created)
 * and the local stack (s3rver's S3-notification-shaped event) both call it.
 */
export const createMediaProcessorHandler = (deps: MediaProcessingDeps) => {
  const processOne = processMediaUpload(deps);
  return async (event: unknown): Promise<ProcessingOutcome[]> => {
    const outcomes: ProcessingOutcome[] = [];
    for (const key of createdKeys(event)) outcomes.push(await processOne(key));
    return outcomes;
  };
};
