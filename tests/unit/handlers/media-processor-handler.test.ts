import { describe, expect, it } from 'vitest';
import { createMediaProcessorHandler } from '../../../functions/handlers/media-processor-handler.js';
import type { MediaProcessingDeps } from '../../../functions/use-cases/process-media-upload.js';

/** The processor reads object keys from both shapes it is started with; everything else is refused loudly. */
const seen: string[] = [];
const deps: MediaProcessingDeps = {
  media: {
    startProcessing: (id: string) => {
      seen.push(id);
      return Promise.resolve(undefined);
    },
  } as unknown as MediaProcessingDeps['media'], // only startProcessing is reached: every event here is a no-op
  files: {} as MediaProcessingDeps['files'],
  images: {} as MediaProcessingDeps['images'],
  clock: { now: () => new Date('2026-11-30T00:00:00Z') },
  log: { info: () => undefined, error: () => undefined },
};

describe('media processor handler', () => {
  it('takes S3 notification records (local s3rver) and EventBridge Object Created events (AWS)', async () => {
    seen.length = 0;
    const handle = createMediaProcessorHandler(deps);
    const s3Event = {
      Records: [
        {
          eventName: 'ObjectCreated:Post',
          s3: { bucket: { name: 'u' }, object: { key: 'uploads/01JABCDEF0123456789' } },
        },
        {
          eventName: 'ObjectRemoved:Delete',
          s3: { bucket: { name: 'u' }, object: { key: 'uploads/01JREMOVED000000000' } },
        },
        {
          eventName: 'ObjectCreated:Put',
          s3: { bucket: { name: 'u' }, object: { key: 'media/01JABCDEF0123456789/x.jpg' } },
        },
      ],
    };
    expect(await handle(s3Event)).toEqual(['ignored', 'ignored']);
    const bridged = {
      'detail-type': 'Object Created',
      source: 'aws.s3',
      detail: { bucket: { name: 'u' }, object: { key: 'uploads/01JBRIDGED000000000' } },
    };
    expect(await handle(bridged)).toEqual(['ignored']);
    // Only uploads reach the store; a removal and a rendition never do.
    expect(seen).toEqual(['01JABCDEF0123456789', '01JBRIDGED000000000']);
    await expect(handle({ hello: 'world' })).rejects.toThrow();
  });
});
