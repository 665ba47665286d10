import { DRAFT_SAMPLES } from './draft-limits.js';
import type { Lang } from './types.js';

const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;

/**
 * Russian or English, by the share of Cyrillic letters. Russian copy is full of Latin names, URLs and code, so
 * a third of Cyrillic letters is enough to call it Russian. Undecidable text (no letters) gets the fallback.
 *
 * Written as one pass by hand over the first DRAFT_SAMPLES.languageSample characters: the regexes it replaces
 * (for URLs, code spans and link targets) backtracked over long runs of letters, 20 s on a 100,000-letter title.
 */
export const detectLanguage = (markdown: string, fallback: Lang): Lang => {
  const counts = { cyrillic: 0, latin: 0 };
  let inFence = false;
  for (const line of markdown.slice(0, DRAFT_SAMPLES.languageSample).split('\n')) {
    if (line.trimStart().startsWith('```')) {
      inFence = !inFence;
      continue;
    }
    if (inFence) continue;
    // Code, URLs, link targets and markup are Latin whatever the story's language: they don't count. A line with
    // none of them (most lines) counts whole: the spaces between its words are no letters.
    if (/[`<\]]/.test(line) || line.includes('://')) {
      for (const word of proseOf(line).split(/\s+/)) if (!word.includes('://')) countLetters(word, counts);
    } else {
      countLetters(line, counts);
    }
  }
  const { cyrillic, latin } = counts;
  if (cyrillic + latin === 0) return fallback;
  return cyrillic * 3 >= cyrillic + latin ? 'ru' : 'en';
};

/** Add up the Cyrillic and the Latin letters of `text`. */
const countLetters = (text: string, counts: { cyrillic: number; latin: number }): void => {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    // ASCII and the Russian alphabet without a regex per character (most of any story); the rest by script.
    if (code < 0x80) {
      if ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a) counts.latin += 1;
    } else if ((code >= 0x410 && code <= 0x44f) || code === 0x401 || code === 0x451) {
      counts.cyrillic += 1;
    } else {
      const ch = String.fromCodePoint(text.codePointAt(i) ?? code);
      if (ch.length === 2) i += 1;
      if (CYRILLIC.test(ch)) counts.cyrillic += 1;
      else if (LATIN.test(ch)) counts.latin += 1;
    }
  }
};

/**
 * A line without its `code spans` (between pairs of backticks), <markup> and link targets ("](…)"), in one pass:
 * every skip jumps forward, so no character is looked at twice.
 */
const proseOf = (line: string): string => {
  const parts: string[] = [];
  let start = 0;
  let tagsPossible = true;
  let i = 0;
  const skipTo = (end: number) => {
    parts.push(line.slice(start, i), ' ');
    i = end;
    start = end;
  };
  while (i < line.length) {
    const ch = line[i];
    if (ch === '`') {
      const close = line.indexOf('`', i + 1);
      if (close !== -1) skipTo(close + 1);
      else i += 1; // a lone backtick: none to its right, so nothing after it is code
    } else if (ch === '<' && tagsPossible) {
      const close = line.indexOf('>', i + 1);
      if (close !== -1) skipTo(close + 1);
      else tagsPossible = false; // no ">" to its right: no tag can close on this line
    } else if (ch === ']' && line[i + 1] === '(') {
      let end = i + 2;
      while (end < line.length && line[end] !== ')' && !/\s/.test(line[end] ?? '')) end += 1;
      skipTo(end + 1);
    } else {
      i += 1;
    }
  }
  parts.push(line.slice(start));
  return parts.join('');
};
