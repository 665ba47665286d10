import { DomainError } from '../errors.js';

/**
 * The hard bounds on a draft (issue 8). Every step of the draft pipeline is linear in the draft's size; these
 * bounds keep the libraries we call (yaml, markdown-it, Typograf) on inputs they handle quickly, and keep what a
 * save stores (repairs) small. Each is far above what a real story needs: a long story is about 100,000
 * characters, its paragraphs a few thousand, its words under 100 and its URLs under 2,000.
 *
 * A draft over a bound is refused with `draft_too_complex` and `details: {limit, max, actual?, line?}`, `limit`
 * being the key below in snake case (e.g. `line_characters`); bad YAML is `front_matter_invalid`. Exported as
 * data so the web app can show the same numbers.
 */
export const DRAFT_LIMITS = {
  /** The whole draft, front matter included (the API refuses longer bodies too). */
  draftCharacters: 150_000,
  /** The YAML between the `---` lines, in UTF-8 bytes (title, deck, byline and 30 tags fit in a few KB). */
  frontMatterBytes: 16_384,
  /** Nesting of YAML collections (a mapping holding a list of tags is 2); yaml's parser recurses on depth. */
  frontMatterDepth: 8,
  /**
   * Lines, blank ones included (a 100,000-character story pasted from a narrow PDF column has about 3,000). Checked
   * before markdown-it reads the draft, whose cost grows with the number of lines and list items.
   */
  lines: 10_000,
  /** One line; a paragraph written as a single line is the longest real one. */
  lineCharacters: 20_000,
  /** A run of characters without white space: a word, a URL, a Markdown link with its target. */
  wordCharacters: 5_000,
  /**
   * The headline, from `# …` or front matter `title:`. Real ones are under 200; the desk decides how long a
   * headline is, so this only keeps the slug and typography of a pasted paragraph cheap.
   */
  titleCharacters: 2_000,
  /**
   * Markdown block elements at any depth: paragraphs, headings, list items, quotes, code blocks, rules, table rows
   * (a 100,000-character story has a few hundred; each costs the renderer about 30 µs).
   */
  blocks: 5_000,
  /**
   * Repairs of layout damage (joined hyphenations and paragraphs), each listed to the reporter and stored with the
   * revision: a 100,000-character story pasted from a PDF needs a few hundred. Each record is at most about 400
   * bytes (excerpts of DRAFT_SAMPLES.excerptCharacters each side), so the list stays under 200 KB.
   */
  repairs: 500,
  /** Authors named in front matter `authors` (a story with more credits its desk); each has a page. */
  authors: 10,
  /** Tags in front matter `tags`: each is a page and a feed rewritten on publish, so publish cost stays bounded. */
  tags: 20,
  /** One author's name or one tag. */
  topicNameCharacters: 100,
  /**
   * Photographs placed in the body (`![alt](media:<id>)`), repeats included. A long photo story has a few dozen;
   * each costs the page a figure of some 600 bytes and the publishing job a copy of its renditions.
   */
  images: 50,
} as const;

export type DraftLimit = keyof typeof DRAFT_LIMITS;

/** Not refusals: bounds on what the parser keeps or looks at. */
export const DRAFT_SAMPLES = {
  /** Characters each side of a repaired break quoted in a repair record (`Fix.before`/`after`). */
  excerptCharacters: 40,
  /** Blank lines shown between two joined paragraphs in a repair record (more are shown as this many). */
  excerptBlankLines: 4,
  /** Characters of the draft read to decide its language. */
  languageSample: 20_000,
} as const;

const snakeCase = (name: string): string => name.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`);

/** 31000 → "31,000" (fixed, so the message does not depend on the machine's locale). */
export const formatCount = (n: number): string => String(n).replace(/\B(?=(\d{3})+$)/g, ',');

/**
 * The `draft_too_complex` error for a bound. `what` says what was too big, `advice` what to do, e.g.
 * `tooComplex('lineCharacters', 31000, 'line 12 is 31,000 characters long', 'break it into paragraphs', 12)`.
 */
export const tooComplex = (
  limit: DraftLimit,
  actual: number | undefined,
  what: string,
  advice: string,
  line?: number,
): DomainError =>
  new DomainError('draft_too_complex', `${what}; the limit is ${formatCount(DRAFT_LIMITS[limit])} — ${advice}.`, {
    limit: snakeCase(limit),
    max: DRAFT_LIMITS[limit],
    ...(actual !== undefined ? { actual } : {}),
    ...(line !== undefined ? { line } : {}),
  });

const isSpace = (code: number): boolean => code === 32 || code === 9 || code === 10;

/** Refuse a draft longer than DRAFT_LIMITS.draftCharacters: the first check, before anything copies the text. */
export const checkDraftLength = (text: string): void => {
  if (text.length > DRAFT_LIMITS.draftCharacters) {
    throw tooComplex(
      'draftCharacters',
      text.length,
      `the draft is ${formatCount(text.length)} characters long`,
      'split the story or remove pasted material',
    );
  }
};

/**
 * Refuse a draft (already normalized: `\n` line ends, no other control characters) with too many lines, or a line
 * or a word over its bound; lines are numbered as the reporter sees them. One pass over the characters.
 */
export const checkDraftLines = (text: string): void => {
  let line = 1;
  let lineStart = 0;
  let wordStart = 0;
  for (let i = 0; i <= text.length; i += 1) {
    const code = i < text.length ? text.charCodeAt(i) : 10;
    if (!isSpace(code)) continue;
    const word = i - wordStart;
    if (word > DRAFT_LIMITS.wordCharacters) {
      throw tooComplex(
        'wordCharacters',
        word,
        `line ${formatCount(line)} has a run of ${formatCount(word)} characters without a space`,
        'put spaces between the words, or link long addresses with shorter text',
        line,
      );
    }
    wordStart = i + 1;
    if (code !== 10) continue;
    const length = i - lineStart;
    if (length > DRAFT_LIMITS.lineCharacters) {
      throw tooComplex(
        'lineCharacters',
        length,
        `line ${formatCount(line)} is ${formatCount(length)} characters long`,
        'break it into paragraphs',
        line,
      );
    }
    line += 1;
    lineStart = i + 1;
    if (i < text.length && line > DRAFT_LIMITS.lines) {
      throw tooComplex(
        'lines',
        countLines(text),
        `the draft has ${formatCount(countLines(text))} lines`,
        'join lines that belong to one paragraph, or split the story',
      );
    }
  }
};

const countLines = (text: string): number => text.split('\n').length;
