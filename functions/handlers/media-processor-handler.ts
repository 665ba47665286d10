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

const decodeKey = (key: string): string => decodeURIComponent(key.replace(/\+/g, ' '));

/**
 * The processing entry point without its composition: the Lambda (media-processor.ts) and the local stack (s3rver's
 * object-created event) both call it with an S3 event.
 */
export const createMediaProcessorHandler = (deps: MediaProcessingDeps) => {
  const processOne = processMediaUpload(deps);
  return async (event: unknown): Promise<ProcessingOutcome[]> => {
    const parsed = s3EventSchema.parse(event);
    const outcomes: ProcessingOutcome[] = [];
    for (const record of parsed.Records) {
      if (!record.eventName.startsWith('ObjectCreated:')) continue;
      outcomes.push(await processOne(decodeKey(record.s3.object.key)));
    }
    return outcomes;
  };
};
