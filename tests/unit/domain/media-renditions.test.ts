import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../functions/domain/errors.js';
import { assertDraftMedia, canSeeMedia, decideUpload } from '../../../functions/domain/media-policy.js';
import {
  cropBoxFor,
  isRenditionFile,
  mediaIdOfUploadKey,
  planRenditions,
  refusalOf,
  renditionKey,
  renditionWidthsFor,
  uploadKey,
} from '../../../functions/domain/media-renditions.js';

const codeOf = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (error) {
    return error instanceof DomainError ? error.code : 'other';
  }
  return undefined;
};

describe('crop boxes around the focal point', () => {
  it('takes the largest box of the ratio, centred on the focal point', () => {
    expect(cropBoxFor(4000, 3000, '16:9', { x: 0.5, y: 0.5 })).toEqual({
      left: 0,
      top: 375,
      width: 4000,
      height: 2250,
    });
    expect(cropBoxFor(4000, 3000, '4:3', { x: 0.5, y: 0.5 })).toEqual({ left: 0, top: 0, width: 4000, height: 3000 });
    expect(cropBoxFor(4000, 3000, '1:1', { x: 0.5, y: 0.5 })).toEqual({ left: 500, top: 0, width: 3000, height: 3000 });
  });

  it('moves with the focal point and stops at the edges', () => {
    expect(cropBoxFor(4000, 3000, '1:1', { x: 0.2, y: 0.5 }).left).toBe(0);
    expect(cropBoxFor(4000, 3000, '1:1', { x: 1, y: 0.5 }).left).toBe(1000);
    expect(cropBoxFor(4000, 3000, '1:1', { x: 0.6, y: 0.5 }).left).toBe(900);
    expect(cropBoxFor(3000, 4000, '16:9', { x: 0.5, y: 0 }).top).toBe(0);
    expect(cropBoxFor(3000, 4000, '16:9', { x: 0.5, y: 1 })).toEqual({ left: 0, top: 2313, width: 3000, height: 1687 });
  });

  it('never leaves the image, whatever its shape', () => {
    for (const [w, h] of [
      [1, 1],
      [7, 3000],
      [5000, 2],
      [1601, 899],
    ] as const) {
      for (const ratio of ['16:9', '4:3', '1:1'] as const) {
        for (const fp of [0, 0.33, 1]) {
          const box = cropBoxFor(w, h, ratio, { x: fp, y: fp });
          expect(box.width).toBeGreaterThan(0);
          expect(box.height).toBeGreaterThan(0);
          expect(box.left + box.width).toBeLessThanOrEqual(w);
          expect(box.top + box.height).toBeLessThanOrEqual(h);
        }
      }
    }
  });
});

describe('rendition widths', () => {
  it('go up to 1600 and never above the crop', () => {
    expect(renditionWidthsFor(4000)).toEqual([320, 640, 960, 1200, 1600]);
    expect(renditionWidthsFor(1000)).toEqual([320, 640, 960]);
    expect(renditionWidthsFor(200)).toEqual([200]);
  });

  it('plan three crops in AVIF and JPEG with heights kept to the ratio', () => {
    const plan = planRenditions(4000, 3000, { x: 0.5, y: 0.5 });
    expect(plan).toHaveLength(3 * 5 * 2);
    expect(plan.find((p) => p.ratio === '16:9' && p.width === 1600)?.height).toBe(900);
    expect(plan.find((p) => p.ratio === '4:3' && p.width === 1200)?.height).toBe(900);
    expect(new Set(plan.map((p) => p.format))).toEqual(new Set(['avif', 'jpeg']));
  });
});

describe('keys', () => {
  it('name the image, crop, width and content hash', () => {
    expect(
      renditionKey('01JABCDEF0123456789', { ratio: '16:9', width: 1200, format: 'avif' }, '3f9a1c2bdeadbeef'),
    ).toBe('media/01JABCDEF0123456789/16x9-1200-3f9a1c2b.avif');
    expect(renditionKey('01JABCDEF0123456789', { ratio: '1:1', width: 320, format: 'jpeg' }, 'abcdef0123')).toBe(
      'media/01JABCDEF0123456789/1x1-320-abcdef01.jpg',
    );
    expect(isRenditionFile('16x9-1200-3f9a1c2b.avif')).toBe(true);
    expect(isRenditionFile('../uploads/x')).toBe(false);
  });

  it('find the media id of an upload and nothing else', () => {
    expect(mediaIdOfUploadKey(uploadKey('01JABCDEF0123456789'))).toBe('01JABCDEF0123456789');
    expect(mediaIdOfUploadKey('media/01JABCDEF0123456789/1x1-320-abcdef01.jpg')).toBeUndefined();
    expect(mediaIdOfUploadKey('uploads/../site')).toBeUndefined();
  });
});

describe('what the bytes say', () => {
  const probe = { format: 'jpeg', width: 4000, height: 3000, bytes: 1_000_000 };
  it('lets a photograph through and refuses the rest with a code', () => {
    expect(refusalOf(probe)).toBeUndefined();
    expect(refusalOf({ ...probe, format: undefined })?.code).toBe('not_an_image');
    expect(refusalOf({ ...probe, format: 'svg' })?.code).toBe('unsupported_format');
    expect(refusalOf({ ...probe, format: 'heif', compression: 'hevc' })?.code).toBe('unsupported_format');
    expect(refusalOf({ ...probe, format: 'heif', compression: 'av1' })).toBeUndefined();
    expect(refusalOf({ ...probe, width: 30_000, height: 30_000 })?.code).toBe('too_many_pixels');
    expect(refusalOf({ ...probe, bytes: 26 * 1024 * 1024 })?.code).toBe('too_large');
  });
});

describe('upload and draft rules', () => {
  it('takes JPEG, PNG, WebP and AVIF up to 25 MB', () => {
    expect(decideUpload({ contentType: 'image/jpeg', size: 1 })).toBe('image/jpeg');
    expect(codeOf(() => decideUpload({ contentType: 'image/svg+xml', size: 1 }))).toBe('media_type_unsupported');
    expect(codeOf(() => decideUpload({ contentType: 'image/heic', size: 1 }))).toBe('media_type_unsupported');
    expect(codeOf(() => decideUpload({ contentType: 'image/png', size: 25 * 1024 * 1024 + 1 }))).toBe(
      'media_too_large',
    );
  });

  it('shows an image to its uploader, and to a desk once shared with it', () => {
    const media = { owner: { sub: 'anna', name: 'Анна' }, sharedWithDesks: [] as string[] };
    const editor = { sub: 'boris', name: 'Борис', groups: ['desk-politics'] };
    const chief = { sub: 'vera', name: 'Вера', groups: ['chief-editors'] };
    expect(canSeeMedia({ sub: 'anna', name: 'Анна', groups: ['reporters'] }, media)).toBe(true);
    expect(canSeeMedia(editor, media)).toBe(false);
    expect(canSeeMedia(chief, media)).toBe(false);
    const shared = { ...media, sharedWithDesks: ['politics'] };
    expect(canSeeMedia(editor, shared)).toBe(true);
    expect(canSeeMedia(chief, shared)).toBe(true);
    expect(canSeeMedia({ ...editor, groups: ['desk-world'] }, shared)).toBe(false);
  });

  it('checks each named image in order: known, ready, and with alt text from submit on', () => {
    const found = new Map([
      ['a', { status: 'ready' as const, alt: 'Министры' }],
      ['b', { status: 'processing' as const, alt: '' }],
      ['c', { status: 'ready' as const, alt: '  ' }],
    ]);
    expect(codeOf(() => assertDraftMedia(['a'], found, 'publish'))).toBeUndefined();
    expect(codeOf(() => assertDraftMedia(['a', 'x'], found, 'save'))).toBe('media_unknown');
    expect(codeOf(() => assertDraftMedia(['b'], found, 'save'))).toBe('media_not_ready');
    expect(codeOf(() => assertDraftMedia(['c'], found, 'save'))).toBeUndefined();
    expect(codeOf(() => assertDraftMedia(['c'], found, 'submit'))).toBe('media_missing_alt');
  });
});
