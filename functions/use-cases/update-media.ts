import { DomainError } from '../domain/errors.js';
import { uploadKey } from '../domain/media-renditions.js';
import type { Principal } from '../domain/principal.js';
import type { StoredMedia } from '../ports/media-store.js';
import type { AppDeps } from './deps.js';
import { getMedia, requireMediaFiles } from './read-media.js';

export interface UpdateMediaInput {
  actor: Principal;
  id: string;
  version: number;
  alt: string;
  caption?: string;
  credit?: string;
  focalPoint?: { x: number; y: number };
}

/**
 * `PUT /api/media/{id}`: the text readers see, and the focal point. A new focal point on a processed image is
 * recorded, then the upload is announced again so the processor re-cuts the crops from the stored original: the
 * record reads `processing` for those seconds, then `ready` with the new crops (the version, the editors' own, is not
 * moved by processing, so the photo panel's next save still applies). Stale version: 409.
 */
export const updateMedia =
  (deps: Pick<AppDeps, 'media' | 'mediaFiles' | 'clock'>) =>
  async (input: UpdateMediaInput): Promise<StoredMedia> => {
    const current = await getMedia(deps)({ actor: input.actor, id: input.id });
    if (current.version !== input.version) {
      throw new DomainError('stale_version', `image ${input.id} is at version ${current.version}`, {
        currentVersion: current.version,
      });
    }
    const focalPoint = input.focalPoint ?? current.focalPoint;
    const next: StoredMedia = {
      ...current,
      alt: input.alt.trim(),
      caption: (input.caption ?? current.caption).trim(),
      credit: (input.credit ?? current.credit).trim(),
      focalPoint,
      version: current.version + 1,
      updatedAt: deps.clock.now().toISOString(),
    };
    await deps.media.save(next, current.version);
    const moved = focalPoint.x !== current.focalPoint.x || focalPoint.y !== current.focalPoint.y;
    if (moved && current.status === 'ready') await requireMediaFiles(deps).touchUpload(uploadKey(current.id));
    return next;
  };
