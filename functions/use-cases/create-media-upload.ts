import { MEDIA_LIMITS } from '../domain/media.js';
import { decideUpload } from '../domain/media-policy.js';
import { uploadKey } from '../domain/media-renditions.js';
import type { Principal } from '../domain/principal.js';
import type { UploadTicket } from '../ports/media-files.js';
import type { StoredMedia } from '../ports/media-store.js';
import type { AppDeps } from './deps.js';
import { requireMediaFiles } from './read-media.js';

export interface CreateMediaUploadInput {
  actor: Principal;
  filename: string;
  contentType: string;
  size: number;
}

/** How long the browser has to start sending the bytes. */
export const UPLOAD_TICKET_SECONDS = 15 * 60;

/**
 * `POST /api/media`: a media record awaiting its bytes, and a presigned upload straight to the private uploads
 * bucket (the API never carries image bytes). Type and size are checked here and again on the real bytes.
 */
export const createMediaUpload =
  (deps: Pick<AppDeps, 'media' | 'mediaFiles' | 'clock' | 'ids'>) =>
  async ({
    actor,
    filename,
    contentType,
    size,
  }: CreateMediaUploadInput): Promise<{
    media: StoredMedia;
    upload: UploadTicket;
  }> => {
    const files = requireMediaFiles(deps);
    const type = decideUpload({ contentType, size });
    const now = deps.clock.now().toISOString();
    const media: StoredMedia = {
      id: deps.ids.next(),
      status: 'awaiting_upload',
      owner: { sub: actor.sub, name: actor.name },
      filename,
      contentType: type,
      size,
      width: 0,
      height: 0,
      alt: '',
      caption: '',
      credit: '',
      focalPoint: { x: 0.5, y: 0.5 },
      renditions: [],
      version: 1,
      createdAt: now,
      updatedAt: now,
      sharedWithDesks: [],
    };
    await deps.media.create(media);
    const upload = await files.presignUpload(
      uploadKey(media.id),
      type,
      MEDIA_LIMITS.uploadBytes,
      UPLOAD_TICKET_SECONDS,
    );
    return { media, upload };
  };
