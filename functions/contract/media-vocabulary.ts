/**
 * The photo desk's value lists for the newsroom app (issue 11): what it may upload, how large, and the failure
 * codes it has sentences for (`media.failure.<code>`). Plain data from the shared model, no schemas.
 */
export {
  ACCEPTED_IMAGE_TYPES,
  MEDIA_FAILURE_CODES,
  MEDIA_LIMITS,
  MEDIA_STATUSES,
  RENDITION_RATIOS,
  type AcceptedImageType,
  type MediaFailureCode,
  type MediaStatus,
  type RenditionRatio,
} from '../domain/media.js';
