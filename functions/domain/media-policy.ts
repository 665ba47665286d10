import { DomainError } from './errors.js';
import { ACCEPTED_IMAGE_TYPES, MEDIA_LIMITS, type AcceptedImageType, type MediaRecord } from './media.js';
import { isChiefEditor, isEditorOf, type Principal } from './principal.js';

/**
 * Who may upload what, who may see an image, and whether a draft's images are usable. Pure: the use cases load the
 * records and pass them in.
 */

/**
 * Types taken at upload. HEIC is in the shared vocabulary "if the image library reads it": sharp's prebuilt libheif
 * reads AVIF only (no HEVC decoder), so HEIC is refused here with 415 rather than failing after the upload.
 */
export const UPLOADABLE_TYPES: readonly AcceptedImageType[] = ACCEPTED_IMAGE_TYPES.filter((t) => t !== 'image/heic');

const isUploadable = (type: string): type is AcceptedImageType =>
  (UPLOADABLE_TYPES as readonly string[]).includes(type);

/** Checks a declared upload; the processor checks the real bytes again. */
export const decideUpload = (input: { contentType: string; size: number }): AcceptedImageType => {
  const type = input.contentType.trim().toLowerCase();
  if (!isUploadable(type)) {
    throw new DomainError('media_type_unsupported', `${input.contentType} is not accepted`, {
      accepted: [...UPLOADABLE_TYPES],
    });
  }
  if (input.size > MEDIA_LIMITS.uploadBytes) {
    throw new DomainError('media_too_large', `the image has ${input.size} bytes; at most ${MEDIA_LIMITS.uploadBytes}`, {
      limit: MEDIA_LIMITS.uploadBytes,
    });
  }
  return type;
};

/**
 * The story rules applied to images: the uploader always; a desk's editors (and chief editors) once a story naming
 * the image has been submitted to that desk (`sharedWithDesks`, recorded at submit). Chief editors see what any desk
 * sees, never a reporter's unsubmitted upload.
 */
export const canSeeMedia = (actor: Principal, media: Pick<MediaRecord, 'owner'> & { sharedWithDesks: string[] }) =>
  media.owner.sub === actor.sub ||
  (media.sharedWithDesks.length > 0 && isChiefEditor(actor)) ||
  media.sharedWithDesks.some((desk) => isEditorOf(actor, desk));

export type DraftStage = 'save' | 'submit' | 'publish';

/**
 * Checks the images a draft names, in order (lead first): each must exist and be visible to the caller (422
 * media_unknown, without saying which of the two), be processed (media_not_ready), and from submit on carry alt text
 * (media_missing_alt). `found` holds the records the caller may see.
 */
export const assertDraftMedia = (
  mediaIds: readonly string[],
  found: ReadonlyMap<string, Pick<MediaRecord, 'status' | 'alt'>>,
  stage: DraftStage,
): void => {
  for (const mediaId of mediaIds) {
    const media = found.get(mediaId);
    if (!media) throw new DomainError('media_unknown', `no image ${mediaId} that you may use`, { mediaId });
    if (media.status !== 'ready') {
      throw new DomainError('media_not_ready', `image ${mediaId} is ${media.status.replace('_', ' ')}`, {
        mediaId,
        status: media.status,
      });
    }
    if (stage !== 'save' && media.alt.trim() === '') {
      throw new DomainError('media_missing_alt', `image ${mediaId} has no alt text`, { mediaId });
    }
  }
};
