import type { RenditionRatio } from '../../../functions/contract/media-vocabulary.js';
import type { Media } from './media-api.js';

/**
 * The focal point (issue 11 §7): where the processor centres its 16:9, 4:3 and 1:1 crops, 0..1 from the left and
 * top of the original. The reporter sets it by a click on the picture (or with the arrow keys) and sees the three
 * crops move at once, drawn by CSS `object-fit: cover` around the same point.
 */
export interface FocalPoint {
  x: number;
  y: number;
}

/** Two decimals are finer than any crop can show, and keep the stored value short. */
const round = (value: number): number => Math.round(Math.min(1, Math.max(0, value)) * 100) / 100;

/** A click at (clientX, clientY) on an image drawn in `box` → the focal point, 0..1 from the left and top. */
export const focalFromClick = (
  clientX: number,
  clientY: number,
  box: { left: number; top: number; width: number; height: number },
): FocalPoint => ({
  x: box.width > 0 ? round((clientX - box.left) / box.width) : 0.5,
  y: box.height > 0 ? round((clientY - box.top) / box.height) : 0.5,
});

const ARROWS: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

/** The keyboard's way to set it: an arrow key moves it 5 % (1 % with Shift); undefined for any other key. */
export const nudgeFocal = (point: FocalPoint, key: string, fine = false): FocalPoint | undefined => {
  const step = ARROWS[key];
  if (!step) return undefined;
  const by = fine ? 0.01 : 0.05;
  return { x: round(point.x + step[0] * by), y: round(point.y + step[1] * by) };
};

/** CSS for a crop preview: the same focal point the processor crops around, shown by `object-fit: cover`. */
export const cropPosition = (point: FocalPoint): string =>
  `${Math.round(point.x * 100)}% ${Math.round(point.y * 100)}%`;

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

const RATIOS: Record<RenditionRatio, number> = { '16:9': 16 / 9, '4:3': 4 / 3, '1:1': 1 };
const RATIO_NAMES = Object.keys(RATIOS) as RenditionRatio[];

/**
 * The box of a crop inside the original, centred on `focal` as far as the edges allow: the processor's rule
 * (functions/domain/media-renditions.ts, cropBoxFor), repeated here because the app may import only the contract.
 */
export const cropBox = (width: number, height: number, ratio: RenditionRatio, focal: FocalPoint): Box => {
  const r = RATIOS[ratio];
  const w = Math.max(1, Math.min(width, Math.floor(height * r)));
  const h = Math.max(1, Math.min(height, Math.floor(w / r)));
  const clamp = (v: number, max: number) => Math.min(Math.max(v, 0), max);
  return {
    left: Math.round(clamp(focal.x * width - w / 2, width - w)),
    top: Math.round(clamp(focal.y * height - h / 2, height - h)),
    width: w,
    height: h,
  };
};

/**
 * The picture the reporter clicks on. The server keeps no full-frame rendition, so: the original itself when this
 * browser still has it (just uploaded), else the crop that keeps the most of it (the one closest to its shape),
 * made around the focal point the renditions were made with. `box` says where that picture sits in the original.
 */
export interface Surface {
  ratio?: RenditionRatio;
  box: Box;
}

export const decideSurface = (media: Pick<Media, 'width' | 'height' | 'focalPoint'>, hasOriginal: boolean): Surface => {
  const full = { left: 0, top: 0, width: media.width, height: media.height };
  if (hasOriginal || media.width <= 0 || media.height <= 0) return { box: full };
  const aspect = media.width / media.height;
  const distance = (r: RenditionRatio): number => Math.abs(Math.log(RATIOS[r] / aspect));
  const ratio = RATIO_NAMES.reduce((best, r) => (distance(r) < distance(best) ? r : best));
  return { ratio, box: cropBox(media.width, media.height, ratio, media.focalPoint) };
};

/** A point on the surface (0..1 of it) → the same point in the original. */
export const surfaceToOriginal = (point: FocalPoint, surface: Surface, width: number, height: number): FocalPoint =>
  width > 0 && height > 0
    ? {
        x: round((surface.box.left + point.x * surface.box.width) / width),
        y: round((surface.box.top + point.y * surface.box.height) / height),
      }
    : point;

/** A point of the original → where it is on the surface (0..1 of it, clamped to its edges). */
export const originalToSurface = (point: FocalPoint, surface: Surface, width: number, height: number): FocalPoint =>
  surface.box.width > 0 && surface.box.height > 0
    ? {
        x: round((point.x * width - surface.box.left) / surface.box.width),
        y: round((point.y * height - surface.box.top) / surface.box.height),
      }
    : point;
