import sharp, { type OutputInfo, type Sharp } from 'sharp';
import { MEDIA_LIMITS } from '../../domain/media.js';
import type { PlannedRendition, ProbedImage } from '../../domain/media-renditions.js';
import { ImageRefused, type DecodedImage, type ImageProcessor } from '../../ports/image-processor.js';

/** Encoder settings per format (see RENDITION_FORMATS for why AVIF at effort 2). */
const encode = (pipeline: Sharp, plan: PlannedRendition): Sharp => {
  switch (plan.format) {
    case 'avif':
      return pipeline.avif({ quality: 50, effort: 2 });
    case 'webp':
      return pipeline.webp({ quality: 75 });
    case 'jpeg':
      return pipeline.jpeg({ quality: 80, progressive: true });
  }
};

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * sharp (libvips). Input options on every read: at most MEDIA_LIMITS.pixels (a decompression bomb is refused before
 * its pixels are allocated) and `failOn: 'truncated'` (a cut-off file is an error, not a grey bottom half). Output
 * keeps no metadata: sharp writes none unless asked (`keepMetadata`/`withMetadata`), and tests read it back.
 */
export const createSharpImageProcessor = (): ImageProcessor => ({
  async probe(bytes): Promise<ProbedImage> {
    try {
      const meta = await sharp(bytes, { limitInputPixels: false }).metadata();
      return {
        format: meta.format,
        ...(meta.compression ? { compression: meta.compression } : {}),
        width: meta.width,
        height: meta.height,
        bytes: bytes.byteLength,
      };
    } catch {
      // Not a format the library knows at all: not an image, as far as the newsroom is concerned.
      return { width: 0, height: 0, bytes: bytes.byteLength };
    }
  },

  async decode(bytes): Promise<DecodedImage> {
    let raw: { data: Buffer; info: OutputInfo };
    try {
      raw = await sharp(bytes, { limitInputPixels: MEDIA_LIMITS.pixels, failOn: 'truncated' })
        .rotate() // EXIF orientation, then the pixels are upright and the tag is gone
        .raw()
        .toBuffer({ resolveWithObject: true });
    } catch (error) {
      const message = messageOf(error);
      if (/pixel limit/i.test(message)) throw new ImageRefused('too_many_pixels', 'the image has too many pixels');
      // libvips reports a cut-off file as premature end / truncated / unexpected end, depending on the format.
      if (/premature|truncat|unexpected end|end of (file|stream)|read error/i.test(message)) {
        throw new ImageRefused('truncated', 'the file is cut off');
      }
      throw new ImageRefused('processing_failed', 'the image could not be decoded');
    }
    const { width, height, channels } = raw.info;
    return {
      width,
      height,
      // Each rendition starts from the decoded pixels: the original is decoded once, not once per rendition.
      render: async (plan) =>
        encode(
          sharp(raw.data, { raw: { width, height, channels } })
            .extract(plan.crop)
            .resize(plan.width, plan.height, { fit: 'fill' }),
          plan,
        ).toBuffer(),
    };
  },
});
