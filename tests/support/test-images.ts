import { crc32 } from 'node:zlib';
import sharp from 'sharp';

/** Image files made in the test with sharp (and one PNG header made by hand), for the photo desk's tests. */

/** A `width`×`height` JPEG with camera and GPS EXIF and an EXIF orientation, as a phone would write it. */
export const cameraJpeg = async (width: number, height: number, orientation = 1): Promise<Buffer> => {
  // A gradient with a little structure (a flat colour would make every encoder's job trivial).
  const base = sharp({
    create: { width, height, channels: 3, background: { r: 40, g: 90, b: 140 } },
  }).composite([
    {
      input: Buffer.from(
        `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g"><stop offset="0" stop-color="#e33"/><stop offset="1" stop-color="#3e3"/></linearGradient></defs><rect width="${width}" height="${height / 2}" fill="url(#g)"/><circle cx="${width / 2}" cy="${height / 2}" r="${height / 4}" fill="#fd0"/></svg>`,
      ),
    },
  ]);
  return base
    .jpeg({ quality: 85 })
    .withMetadata({ orientation })
    .withExifMerge({
      IFD0: { Make: 'Canon', Model: 'EOS R5', Software: 'newsroom-test' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '55/1 45/1 21/1', GPSLongitudeRef: 'E', GPSLongitude: '37/1 37/1 4/1' },
    })
    .toBuffer();
};

/** Tag ids in IFD0 of an EXIF block (sharp's `metadata().exif`: "Exif\0\0" then TIFF). */
export const exifTagsOf = (exif: Buffer | undefined): number[] => {
  if (!exif) return [];
  const tiff = exif.subarray(exif.indexOf('Exif\0\0') === 0 ? 6 : 0);
  const little = tiff.toString('latin1', 0, 2) === 'II';
  const u16 = (at: number) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  const ifd = u32(4);
  const count = u16(ifd);
  return Array.from({ length: count }, (_, i) => u16(ifd + 2 + i * 12));
};
export const EXIF_TAGS = { make: 0x010f, model: 0x0110, gpsIfd: 0x8825 } as const;

const chunk = (type: string, data: Buffer): Buffer => {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(8 + data.length + 4);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), 8 + data.length);
  return out;
};

/** A PNG that declares `width`×`height` pixels in a few dozen bytes (a decompression bomb's header). */
export const pngHeaderOnly = (width: number, height: number): Buffer => {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.writeUInt8(8, 8); // bit depth
  ihdr.writeUInt8(2, 9); // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])),
    chunk('IEND', Buffer.alloc(0)),
  ]);
};

export const SVG_WITH_SCRIPT = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><script>alert(document.cookie)</script><rect width="100" height="100"/></svg>',
);
