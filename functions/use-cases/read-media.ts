import { DomainError } from '../domain/errors.js';
import { canSeeMedia } from '../domain/media-policy.js';
import { isRenditionFile, mediaKeyPrefix } from '../domain/media-renditions.js';
import type { Principal } from '../domain/principal.js';
import type { MediaFiles, StoredFile } from '../ports/media-files.js';
import type { Page } from '../ports/article-store.js';
import type { StoredMedia } from '../ports/media-store.js';
import type { AppDeps } from './deps.js';

export const requireMediaFiles = (deps: Pick<AppDeps, 'mediaFiles'>): MediaFiles => {
  if (!deps.mediaFiles) throw new Error('no uploads bucket is configured for the photo desk');
  return deps.mediaFiles;
};

/** One image the caller may see; 404 otherwise (as for stories, an image's existence is not disclosed). */
export const getMedia =
  (deps: Pick<AppDeps, 'media'>) =>
  async ({ actor, id }: { actor: Principal; id: string }): Promise<StoredMedia> => {
    const media = await deps.media.get(id);
    if (!media || !canSeeMedia(actor, media)) throw new DomainError('not_found', `no image ${id}`);
    return media;
  };

/** The caller's own images, newest first (the app's grid). */
export const listMyMedia =
  (deps: Pick<AppDeps, 'media'>) =>
  ({ actor, cursor, limit }: { actor: Principal; cursor?: string; limit: number }): Promise<Page<StoredMedia>> =>
    deps.media.listByOwner(actor.sub, { limit, ...(cursor ? { cursor } : {}) });

/** A private rendition for the newsroom's previews: only of an image the caller may see, only a rendition file. */
export const readMediaRendition =
  (deps: Pick<AppDeps, 'media' | 'mediaFiles'>) =>
  async ({ actor, id, file }: { actor: Principal; id: string; file: string }): Promise<StoredFile> => {
    const media = await getMedia(deps)({ actor, id });
    const key = `${mediaKeyPrefix(media.id)}${file}`;
    if (!isRenditionFile(file) || !media.renditions.some((r) => r.key === key)) {
      throw new DomainError('not_found', `image ${id} has no rendition ${file}`);
    }
    const stored = await requireMediaFiles(deps).read(key);
    if (!stored) throw new DomainError('not_found', `image ${id} has no rendition ${file}`);
    return stored;
  };
