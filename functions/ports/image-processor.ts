import type { PlannedRendition, ProbedImage } from '../domain/media-renditions.js';
import type { MediaFailureCode } from '../domain/media.js';

/** An image the library refused to decode, with the processor's failure code. */
export class ImageRefused extends Error {
  override readonly name = 'ImageRefused';
  constructor(
    readonly code: MediaFailureCode,
    message: string,
  ) {
    super(message);
  }
}

/** A decoded, EXIF-oriented image, ready to be cut into renditions. */
export interface DecodedImage {
  width: number;
  height: number;
  /** Encodes one rendition (crop, resize, format) with no metadata at all. */
  render(plan: PlannedRendition): Promise<Uint8Array>;
}

/** The image library (sharp in Lambda and locally). */
export interface ImageProcessor {
  /** What the bytes are, from their header only (no decode); `format` undefined when they are no image. */
  probe(bytes: Uint8Array): Promise<ProbedImage>;
  /** Decodes fully (refusing truncated data and pixel bombs with ImageRefused) and applies EXIF orientation. */
  decode(bytes: Uint8Array): Promise<DecodedImage>;
}
