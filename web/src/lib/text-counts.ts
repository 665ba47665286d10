/**
 * Counts shown while writing (issue 12 §2): pure functions of the text, so they are cheap to run on every keystroke
 * and easy to test. Title and standfirst are found the way the draft parser finds them in the common cases (front
 * matter `title`/`deck`, else the first `# ` heading and the plain paragraph right after it); the server's parse,
 * shown in the preview, stays the authority.
 */

/** Reading speed for Russian news copy, a common newsroom figure (words per minute). */
export const READING_WPM = 180;
/** Search results show about this many characters of a title before cutting it (Google: ~600 px). */
export const SEARCH_TITLE_MAX = 70;
/** Social cards (og:title on Facebook, VK, Telegram) show about this many. */
export const SOCIAL_TITLE_MAX = 110;
/** A meta description (the standfirst) is cut at about this many characters in search results. */
export const DESCRIPTION_MAX = 160;
/**
 * What one save may weigh: the API refuses request bodies over 192 KiB (MAX_BODY_BYTES in functions/http/request.ts;
 * a unit test keeps the two equal). The text travels as JSON, so its escaped UTF-8 size is what counts.
 */
export const SAVE_LIMIT_BYTES = 192 * 1024;
/** The draft's own limit in characters (DRAFT_LIMITS.draftCharacters, the contract's 150,000). */
export const DRAFT_MAX_CHARACTERS = 150_000;
/** Warn from this share of the limit on. */
export const SIZE_WARNING_SHARE = 0.8;
/** Room the rest of a save request takes besides the text (`{"body":…,"version":…,"autosave":true}`). */
const REQUEST_OVERHEAD_BYTES = 64;

export interface TextCounts {
  /** Characters (Unicode code points), spaces included. */
  characters: number;
  charactersNoSpaces: number;
  words: number;
  /** Whole minutes, at least 1 for any text. */
  readingMinutes: number;
  title: string;
  titleLength: number;
  standfirst: string;
  standfirstLength: number;
  /** What the text weighs in a save request (escaped JSON, UTF-8). */
  bytes: number;
  /** Present from SIZE_WARNING_SHARE of a limit on: how many more characters of the text's script fit. */
  sizeWarning?: { remainingCharacters: number; percent: number };
}

const WORD = /[\p{L}\p{N}]+(?:[-'’.][\p{L}\p{N}]+)*/gu;

export const countWords = (text: string): number => text.match(WORD)?.length ?? 0;

export const countCharacters = (text: string): number => {
  let n = 0;
  for (const _ of text) n += 1;
  return n;
};

const utf8Length = (text: string): number => {
  let bytes = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return bytes;
};

/** UTF-8 size of the text as JSON sends it (quotes, backslashes and control characters escaped). */
export const jsonUtf8Bytes = (text: string): number => utf8Length(JSON.stringify(text));

/**
 * Bytes one more character of the text's main script costs: the UTF-8 width most of its letters have (2 for
 * Cyrillic, 1 for Latin; 2 for a text with no letters yet, the Russian desk's case).
 */
export const bytesPerLetter = (text: string): number => {
  const byWidth = new Map<number, number>();
  for (const m of text.matchAll(/\p{L}/gu)) {
    const width = utf8Length(m[0]);
    byWidth.set(width, (byWidth.get(width) ?? 0) + 1);
  }
  let best = 2;
  let most = 0;
  for (const [width, n] of byWidth) {
    if (n > most) [best, most] = [width, n];
  }
  return best;
};

const frontMatterOf = (text: string): { fields: Map<string, string>; rest: string } => {
  const fields = new Map<string, string>();
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!m) return { fields, rest: text };
  for (const line of (m[1] ?? '').split(/\r?\n/)) {
    const field = /^(\w+):\s*(.*)$/.exec(line);
    if (field) fields.set(field[1] ?? '', (field[2] ?? '').replace(/^(['"])(.*)\1$/, '$2').trim());
  }
  return { fields, rest: text.slice(m[0].length) };
};

/** Markdown emphasis and links reduced to their text, for counting what a reader sees. */
const plain = (md: string): string =>
  md
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();

export const findTitleAndStandfirst = (text: string): { title: string; standfirst: string } => {
  const { fields, rest } = frontMatterOf(text);
  const paragraphs = rest
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  const headingIndex = paragraphs.findIndex((p) => /^#\s/.test(p));
  const title = fields.get('title') ?? (headingIndex >= 0 ? plain((paragraphs[headingIndex] ?? '').slice(2)) : '');
  if (fields.has('deck')) return { title, standfirst: fields.get('deck') ?? '' };
  const next = headingIndex >= 0 ? paragraphs[headingIndex + 1] : undefined;
  // A plain paragraph right after the title (not a heading, list, quote or wholly bold lede) is the standfirst.
  const standfirst = next && !/^(#|[-*+>]\s|\d+[.)]\s|\*\*[\s\S]*\*\*$)/.test(next) ? plain(next) : '';
  return { title, standfirst };
};

export const countText = (text: string): TextCounts => {
  const characters = countCharacters(text);
  const words = countWords(text);
  const { title, standfirst } = findTitleAndStandfirst(text);
  const bytes = jsonUtf8Bytes(text);
  const byteRoom = SAVE_LIMIT_BYTES - REQUEST_OVERHEAD_BYTES - bytes;
  // The API counts the draft's length in UTF-16 units (a string's length), as zod does.
  const charRoom = DRAFT_MAX_CHARACTERS - text.length;
  const share = Math.max(bytes / (SAVE_LIMIT_BYTES - REQUEST_OVERHEAD_BYTES), text.length / DRAFT_MAX_CHARACTERS);
  const remainingCharacters = Math.max(0, Math.min(Math.floor(byteRoom / bytesPerLetter(text)), charRoom));
  return {
    characters,
    charactersNoSpaces: countCharacters(text.replace(/\s+/g, '')),
    words,
    readingMinutes: words === 0 ? 0 : Math.max(1, Math.ceil(words / READING_WPM)),
    title,
    titleLength: countCharacters(title),
    standfirst,
    standfirstLength: countCharacters(standfirst),
    bytes,
    ...(share >= SIZE_WARNING_SHARE
      ? { sizeWarning: { remainingCharacters, percent: Math.min(100, Math.floor(share * 100)) } }
      : {}),
  };
};
