import type { Lang } from './types.js';

/**
 * Russian or English, by the share of Cyrillic letters. Russian copy is full of Latin names, URLs and code, so
 * a third of Cyrillic letters is enough to call it Russian. Undecidable text (no letters) gets the fallback.
 */
export const detectLanguage = (markdown: string, fallback: Lang): Lang => {
  // Code, URLs, link targets and markup are Latin whatever the story's language: they don't count.
  const text = markdown.replace(/```[\s\S]*?```|`[^`\n]*`|\]\([^)\s]*\)|[a-z][a-z\d+.-]*:\/\/\S+|<[^>\n]*>/gi, ' ');
  const cyrillic = text.match(/\p{Script=Cyrillic}/gu)?.length ?? 0;
  const latin = text.match(/\p{Script=Latin}/gu)?.length ?? 0;
  if (cyrillic + latin === 0) return fallback;
  return cyrillic * 3 >= cyrillic + latin ? 'ru' : 'en';
};
