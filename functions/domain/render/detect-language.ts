import type { Lang } from './types.js';

/**
 * Russian or English, by the share of Cyrillic letters. Russian copy is full of Latin names, URLs and code, so
 * a third of Cyrillic letters is enough to call it Russian. Undecidable text (no letters) gets the fallback.
 */
export const detectLanguage = (text: string, fallback: Lang): Lang => {
  const cyrillic = text.match(/\p{Script=Cyrillic}/gu)?.length ?? 0;
  const latin = text.match(/\p{Script=Latin}/gu)?.length ?? 0;
  if (cyrillic + latin === 0) return fallback;
  return cyrillic * 3 >= cyrillic + latin ? 'ru' : 'en';
};
