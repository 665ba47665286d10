import { createHash } from 'node:crypto';
import { MEDIA_LIMITS, type MediaFailureCode, type Rendition } from '../domain/media.js';
import {
  CONTENT_TYPE_OF_FORMAT,
  mediaIdOfUploadKey,
  planRenditions,
  refusalOf,
  renditionKey,
  uploadKey,
} from '../domain/media-renditions.js';
import { ImageRefused, type ImageProcessor } from '../ports/image-processor.js';
import type { MediaFiles } from '../ports/media-files.js';
import type { MediaStore } from '../ports/media-store.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';

export interface MediaProcessingDeps {
  media: MediaStore;
  files: MediaFiles;
  images: ImageProcessor;
  clock: Clock;
  log: Logger;
}

export type ProcessingOutcome = 'ready' | 'failed' | 'ignored';

class Refusal extends Error {
  constructor(
    readonly code: MediaFailureCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Turns one uploaded original into renditions (S3 ObjectCreated in AWS, s3rver's event locally). The status moves
 * `awaiting_upload` → `processing` by a conditional update, so a re-delivered event finds nothing to do. Renditions
 * are all written before the record says `ready`; on any failure the ones written are deleted, and a refused
 * upload's original too: nothing of a bad image is kept.
 */
export const processMediaUpload =
  (deps: MediaProcessingDeps) =>
  async (objectKey: string): Promise<ProcessingOutcome> => {
    const id = mediaIdOfUploadKey(objectKey);
    if (!id) return 'ignored';
    const claimed = await deps.media.startProcessing(id, deps.clock.now().toISOString());
    if (!claimed) {
      deps.log.info('media event with nothing to do (re-delivered, or not ours)', { mediaId: id });
      return 'ignored';
    }
    const written: string[] = [];
    try {
      const size = await deps.files.sizeOf(objectKey);
      if (size === undefined) throw new Refusal('processing_failed', 'the upload is gone');
      // Checked before reading: the policy enforces this in S3, but s3rver does not.
      if (size > MEDIA_LIMITS.uploadBytes) {
        throw new Refusal('too_large', `the file has ${size} bytes; at most ${MEDIA_LIMITS.uploadBytes}`);
      }
      const original = await deps.files.read(objectKey);
      if (!original) throw new Refusal('processing_failed', 'the upload is gone');
      const refusal = refusalOf(await deps.images.probe(original.body));
      if (refusal) throw new Refusal(refusal.code, refusal.message);
      const image = await deps.images.decode(original.body);
      const renditions: Rendition[] = [];
      for (const plan of planRenditions(image.width, image.height, claimed.focalPoint)) {
        const bytes = await image.render(plan);
        const hash = createHash('sha256').update(bytes).digest('hex');
        const key = renditionKey(id, plan, hash);
        written.push(key);
        await deps.files.writePrivate(key, bytes, CONTENT_TYPE_OF_FORMAT[plan.format]);
        renditions.push({ ratio: plan.ratio, width: plan.width, height: plan.height, format: plan.format, key });
      }
      const done = await deps.media.finishProcessing(
        id,
        { status: 'ready', width: image.width, height: image.height, renditions, focalPoint: claimed.focalPoint },
        deps.clock.now().toISOString(),
      );
      if (!done) {
        await deps.files.deletePrivate(written);
        return 'ignored';
      }
      // A re-crop: the earlier renditions are replaced (copies already on the site are the published stories').
      const kept = new Set(written);
      await deps.files.deletePrivate(claimed.renditions.map((r) => r.key).filter((k) => !kept.has(k)));
      return 'ready';
    } catch (error) {
      const refused = error instanceof Refusal || error instanceof ImageRefused;
      const code: MediaFailureCode = refused ? error.code : 'processing_failed';
      const message = refused ? error.message : 'the image could not be processed';
      deps.log.error('media processing failed', { mediaId: id, code, error: String(error) });
      await deps.files.deletePrivate([...written, ...claimed.renditions.map((r) => r.key)]);
      if (refused) await deps.files.deletePrivate([uploadKey(id)]);
      await deps.media.finishProcessing(
        id,
        { status: 'failed', error: { code, message } },
        deps.clock.now().toISOString(),
      );
      // Our own faults go to the on-failure destination (and its alarm); a refused image is the reporter's to fix.
      if (!refused) throw error;
      return 'failed';
    }
  };
