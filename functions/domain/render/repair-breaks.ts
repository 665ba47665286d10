import { DRAFT_LIMITS, DRAFT_SAMPLES, formatCount, tooComplex } from './draft-limits.js';
import type { Block } from './markdown-blocks.js';
import { SOFT_HYPHEN } from './normalize-text.js';
import type { Fix } from './types.js';

/** A repair, tied to the block (in the repaired list) that now holds the text. */
export interface BlockFix {
  kind: Fix['kind'];
  before: string;
  after: string;
  block: number;
}

export interface RepairResult {
  blocks: Block[];
  fixes: BlockFix[];
}

/**
 * Endings after which a sentence clearly goes on. A whitelist, not a blacklist of sentence-final marks: precision
 * comes first, so a paragraph ending in anything unusual (`.`, `!`, `?`, `…`, `:`, `»`, `"`, `*`, a URL's `/`…) is
 * never joined. A spaced hyphen (" -") is a dash typed on a keyboard.
 */
const MID_SENTENCE_END = /(?:[\p{L}\p{N},;—–)]| -)$/u;
/** A word fragment and the hyphen (or soft hyphen) that split it across the break. */
const SPLIT_WORD_END = /([\p{L}\p{M}]+)(-|\u00AD)$/u;
/**
 * Only the end of a paragraph can hold the split word, and only the start of the next its other half: the regexes
 * look at this many characters, never at a whole paragraph (a regex anchored with `$` is retried at every position
 * of its input, and paragraphs grow as they are joined).
 */
const TAIL = 120;
const WINDOW = 2 * TAIL;
// Most paragraphs end otherwise: the end-anchored regex would still start at each of the TAIL positions.
const matchSplitWord = (text: string) =>
  text.endsWith('-') || text.endsWith('\u00AD') ? SPLIT_WORD_END.exec(text.slice(-TAIL)) : null;
const FIRST_WORD = /^[\p{L}\p{M}]+/u;

/**
 * The next block continues the sentence only if it starts with a wholly lower-case word: "iPhone" or "eBay" at the
 * start of a paragraph are names, not continuations.
 */
const startsWithLowerCaseWord = (text: string): string | undefined => {
  const word = FIRST_WORD.exec(text.slice(0, WINDOW))?.[0];
  if (!word || !/^\p{Ll}/u.test(word) || /[\p{Lu}\p{Lt}]/u.test(word)) return undefined;
  return word;
};

/** Second halves of Russian hyphenated words that a break can fall before ("кто-\nто", "всё-\nтаки"). */
const HYPHEN_PARTICLES = new Set(['то', 'либо', 'нибудь', 'таки', 'ка', 'де', 'тка', 'с']);
/** First halves that only ever stand in hyphenated compounds ("пресс-\nслужба", "вице-\nпремьер", "self-\nmade"). */
const HYPHEN_PREFIXES = new Set([
  'пресс',
  'вице',
  'экс',
  'лейб',
  'обер',
  'унтер',
  'штаб',
  'кое',
  'кой',
  'северо',
  'юго',
  'контр',
  'премьер',
  'интернет',
  'бизнес',
  'медиа',
  'онлайн',
  'топ',
  'self',
  'ex',
  'well',
  'all',
  'quasi',
  'semi',
  'anti',
  'pro',
]);

/** The story's own spelling, to tell a compound split at its hyphen from a word split by the layout. */
export interface Evidence {
  /** Whether the story writes `left-right` as neighbours in a hyphenated compound ("государствами-членами"). */
  hasPair: (left: string, right: string) => boolean;
  /** Whether the story has this word (whole, or as a part of a hyphenated compound). */
  hasWord: (word: string) => boolean;
}

const WORD_OR_COMPOUND = /[\p{L}\p{M}]+(?:-[\p{L}\p{M}]+)*/gu;
const LETTER_OR_MARK = /[\p{L}\p{M}]/u;

/** Every word and every pair of neighbours in a compound, lower-cased: one pass over the story. */
const collectWords = (document: string): { words: Set<string>; pairs: Set<string> } => {
  const words = new Set<string>();
  const pairs = new Set<string>();
  for (const [compound] of document.matchAll(WORD_OR_COMPOUND)) {
    const parts = compound.split('-');
    for (const [i, part] of parts.entries()) {
      words.add(part);
      if (i > 0) pairs.add(`${parts[i - 1] ?? ''}-${part}`);
    }
  }
  return { words, pairs };
};

/** The code point that ends right before `at` (a letter outside the Basic Multilingual Plane takes two units). */
const codePointBefore = (text: string, at: number): string => {
  const isPair = at > 1 && /[\uD800-\uDBFF][\uDC00-\uDFFF]/.test(text.slice(at - 2, at));
  return text.slice(isPair ? at - 2 : at - 1, at);
};

/** Whether `needle` (letters, marks and hyphens) stands in `text` with no letter or mark right before or after it. */
const hasWhole = (text: string, needle: string): boolean => {
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) {
    const after = text.codePointAt(at + needle.length);
    const next = after === undefined ? '' : String.fromCodePoint(after);
    if (!LETTER_OR_MARK.test(codePointBefore(text, at)) && !LETTER_OR_MARK.test(next)) return true;
  }
  return false;
};

/** Questions answered by searching the story before collecting all its words costs less (the seed asks two). */
const DIRECT_QUESTIONS = 8;

/**
 * The first few questions search the story for the word or pair itself (a part of a compound is a run of letters
 * and marks with none on either side, so the search answers what the sets would); after that, one pass collects
 * every word and pair, so that many repairs cost one pass, not one search each (quadratic).
 */
export const createEvidence = (document: string, directQuestions = DIRECT_QUESTIONS): Evidence => {
  let lower: string | undefined;
  let sets: ReturnType<typeof collectWords> | undefined;
  let asked = 0;
  const ask = (needle: string, inSets: (found: ReturnType<typeof collectWords>) => boolean): boolean => {
    lower ??= document.toLowerCase();
    asked += 1;
    if (asked <= directQuestions) return hasWhole(lower, needle);
    sets ??= collectWords(lower);
    return inSets(sets);
  };
  return {
    hasPair: (left, right) => ask(`${left}-${right}`, ({ pairs }) => pairs.has(`${left}-${right}`)),
    hasWord: (word) => ask(word, ({ words }) => words.has(word)),
  };
};

/**
 * Whether the hyphen at a break belongs to the word (a compound split at its own hyphen) rather than to the layout.
 * Evidence in the same story wins (the compound written whole elsewhere, or the joined word); otherwise a short
 * list of prefixes and particles that are always hyphenated; otherwise the hyphen is layout and goes.
 */
const keepsHyphen = (left: string, right: string, evidence: Evidence): boolean => {
  const l = left.toLowerCase();
  const r = right.toLowerCase();
  if (evidence.hasPair(l, r)) return true;
  if (evidence.hasWord(`${l}${r}`)) return false;
  if (HYPHEN_PARTICLES.has(r) || HYPHEN_PREFIXES.has(l)) return true;
  // по-русски, по-новому, по-своему, по-лисьи; во-первых, в-третьих
  if (l === 'по' && /(?:ски|цки|ому|ему|ьи)$/.test(r)) return true;
  if ((l === 'во' || l === 'в') && /^(?:перв|втор|трет|четв|пят|шест|седьм|восьм|девят|десят)ых$/.test(r)) {
    return true;
  }
  return false;
};

/** The reporter sees a few words each side of a repaired break, never more than a bounded excerpt. */
const EXCERPT_WORDS = 3;
const { excerptCharacters, excerptBlankLines } = DRAFT_SAMPLES;
const leftExcerpt = (window: string): string =>
  window.trim().split(/\s+/).slice(-EXCERPT_WORDS).join(' ').slice(-excerptCharacters);
const rightExcerpt = (text: string): string =>
  text.slice(0, WINDOW).trim().split(/\s+/).slice(0, EXCERPT_WORDS).join(' ').slice(0, excerptCharacters);

interface Join {
  kind: Fix['kind'];
  /** Whether the last character of the first half (a layout hyphen) goes. */
  dropLast: boolean;
  /** What goes between the halves: nothing after a split word, one space after a cut sentence. */
  glue: string;
}

/** Decide whether `tail` continues the text ending in `headEnd` across a break, and how to glue them. */
const decideJoin = (headEnd: string, tail: string, evidence: Evidence): Join | undefined => {
  const nextWord = startsWithLowerCaseWord(tail);
  if (!nextWord) return undefined;
  const split = matchSplitWord(headEnd);
  if (split) {
    const [, fragment = '', mark] = split;
    const keep = mark === '-' && keepsHyphen(fragment, nextWord, evidence);
    return { kind: 'hyphenation', dropLast: !keep, glue: '' };
  }
  if (MID_SENTENCE_END.test(headEnd.slice(-TAIL))) return { kind: 'paragraph-join', dropLast: false, glue: ' ' };
  return undefined;
};

/**
 * Text being joined from pieces, built once at the end: appending to one growing string and looking at its end
 * again (trimEnd, slice, a regex) would copy it at every join, quadratic in the number of joins.
 */
class JoinedText {
  private readonly pieces: string[];
  /** The last WINDOW characters of the text so far. */
  private window: string;
  constructor(first: string) {
    this.pieces = [first];
    this.window = first.slice(-WINDOW);
  }
  get end(): string {
    return this.window;
  }
  trimEnd(): void {
    while (this.pieces.length > 1 && (this.pieces.at(-1) ?? '').trim() === '') this.pieces.pop();
    this.pieces[this.pieces.length - 1] = (this.pieces.at(-1) ?? '').trimEnd();
    this.window = this.window.trimEnd();
  }
  dropLast(): void {
    const last = this.pieces.length - 1;
    this.pieces[last] = (this.pieces[last] ?? '').slice(0, -1);
    this.window = this.window.slice(0, -1);
  }
  append(text: string): void {
    this.pieces.push(text);
    this.window = text.length >= WINDOW ? text.slice(-WINDOW) : (this.window + text).slice(-WINDOW);
  }
  toString(): string {
    return this.pieces.join('');
  }
}

const contentOf = (text: string): string =>
  text
    .split('\n')
    .map((line) => line.trim())
    .join('\n');

/** Where each repair goes as it is made (the sink counts them against DRAFT_LIMITS.repairs, to stop early). */
type FixSink = (fix: Omit<BlockFix, 'block'>) => void;

/**
 * Join the second half across a break, recording the repair. `separator` is the break as the reporter wrote it
 * (shown in `before`).
 */
const joinAcross = (text: JoinedText, next: string, join: Join, separator: string, record: FixSink): void => {
  // Soft hyphens are invisible: the one at the join shows as the "-" the reporter saw, the others not at all.
  const left = leftExcerpt(text.end).replaceAll(SOFT_HYPHEN, '');
  const shownLeft = text.end.endsWith(SOFT_HYPHEN) ? `${left}-` : left;
  const right = rightExcerpt(next).replaceAll(SOFT_HYPHEN, '');
  if (join.dropLast) text.dropLast();
  text.append(join.glue + next);
  record({
    kind: join.kind,
    before: `${shownLeft}${separator}${right}`,
    after: (join.dropLast && shownLeft === left ? left.slice(0, -1) : left) + join.glue + right,
  });
};

/** Words split across a line break inside one paragraph ("расши-\nрения"): Markdown would show "расши- рения". */
const repairLines = (block: Block, evidence: Evidence, record: FixSink): Block => {
  const lines = block.text.split('\n');
  const out: string[] = [];
  let current = new JoinedText(lines[0] ?? '');
  for (const line of lines.slice(1)) {
    const next = line.trimStart();
    const join = matchSplitWord(current.end) ? decideJoin(current.end, next, evidence) : undefined;
    if (join) {
      joinAcross(current, next, join, '\n', record);
    } else {
      out.push(current.toString());
      current = new JoinedText(line);
    }
  }
  out.push(current.toString());
  if (out.length === lines.length) return block;
  const text = out.join('\n');
  return { ...block, text, content: contentOf(text) };
};

const stripSoftHyphens = (block: Block): Block =>
  block.text.includes(SOFT_HYPHEN)
    ? { ...block, text: block.text.replaceAll(SOFT_HYPHEN, ''), content: block.content.replaceAll(SOFT_HYPHEN, '') }
    : block;

/** A paragraph and the paragraphs joined onto it. */
interface Run {
  first: Block;
  text: JoinedText;
  endLine: number;
  joined: boolean;
}

/**
 * Repair layout damage (architecture.md §5): a word hyphenated across a break is joined without the hyphen, a
 * paragraph cut mid-sentence is joined with the next. Only two paragraphs are ever joined (never a heading, list,
 * quote, code block or table), only when the next one starts with a lower-case word, and only when the first ends
 * in a letter + hyphen or mid-sentence. Every repair is returned, nothing is silent. Linear in the draft's size;
 * more than DRAFT_LIMITS.repairs repairs are refused (`draft_too_complex`).
 */
export const repairBrokenParagraphs = (blocks: readonly Block[], document: string): RepairResult => {
  const evidence = createEvidence(document);
  const out: Block[] = [];
  const fixes: BlockFix[] = [];
  let run: Run | undefined;
  const closeRun = () => {
    if (!run) return;
    const text = run.text.toString();
    out[out.length - 1] = run.joined
      ? { ...run.first, text, content: contentOf(text), endLine: run.endLine }
      : run.first;
    run = undefined;
  };
  const recorded: Omit<BlockFix, 'block'>[] = [];
  let count = 0;
  const record: FixSink = (fix) => {
    count += 1;
    if (count > DRAFT_LIMITS.repairs) {
      throw tooComplex(
        'repairs',
        undefined,
        `the draft needs more than ${formatCount(DRAFT_LIMITS.repairs)} repairs of broken words and paragraphs`,
        'paste it again without the layout (as plain text, one paragraph per line)',
      );
    }
    recorded.push(fix);
  };
  for (const original of blocks) {
    recorded.length = 0;
    const block = original.kind === 'paragraph' ? repairLines(original, evidence, record) : original;
    // Line repairs are listed after the paragraph join that brings their paragraph into the previous one.
    const inBlock = recorded.splice(0);
    const next = block.text.trimStart();
    run?.text.trimEnd();
    const join = run && block.kind === 'paragraph' ? decideJoin(run.text.end, next, evidence) : undefined;
    if (run && join) {
      const gap = Math.min(excerptBlankLines + 1, Math.max(2, block.startLine - run.endLine + 1));
      joinAcross(run.text, next, join, '\n'.repeat(gap), record);
      run.endLine = block.endLine;
      run.joined = true;
    } else {
      closeRun();
      out.push(block);
      run =
        block.kind === 'paragraph'
          ? { first: block, text: new JoinedText(block.text), endLine: block.endLine, joined: false }
          : undefined;
    }
    for (const fix of [...recorded.splice(0), ...inBlock]) fixes.push({ ...fix, block: out.length - 1 });
  }
  closeRun();
  return { blocks: out.map(stripSoftHyphens), fixes };
};
