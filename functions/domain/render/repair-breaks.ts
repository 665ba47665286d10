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
 * Only the end of a paragraph can hold the split word: matching the regex against the last characters keeps a
 * pasted 100,000-letter "word" from costing quadratic time.
 */
const TAIL = 120;
const matchSplitWord = (text: string) => SPLIT_WORD_END.exec(text.slice(-TAIL));
const FIRST_WORD = /^[\p{L}\p{M}]+/u;

/**
 * The next block continues the sentence only if it starts with a wholly lower-case word: "iPhone" or "eBay" at the
 * start of a paragraph are names, not continuations.
 */
const startsWithLowerCaseWord = (text: string): string | undefined => {
  const word = FIRST_WORD.exec(text)?.[0];
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

/**
 * Whether the hyphen at a break belongs to the word (a compound split at its own hyphen) rather than to the layout.
 * Evidence in the same story wins (the compound written whole elsewhere, or the joined word); otherwise a short
 * list of prefixes and particles that are always hyphenated; otherwise the hyphen is layout and goes.
 */
const keepsHyphen = (left: string, right: string, document: string): boolean => {
  const l = left.toLowerCase();
  const r = right.toLowerCase();
  if (document.includes(`${l}-${r}`)) return true;
  if (document.includes(`${l}${r}`)) return false;
  if (HYPHEN_PARTICLES.has(r) || HYPHEN_PREFIXES.has(l)) return true;
  // по-русски, по-новому, по-своему, по-лисьи; во-первых, в-третьих
  if (l === 'по' && /(?:ски|цки|ому|ему|ьи)$/.test(r)) return true;
  if ((l === 'во' || l === 'в') && /^(?:перв|втор|трет|четв|пят|шест|седьм|восьм|девят|десят)ых$/.test(r)) {
    return true;
  }
  return false;
};

const EXCERPT_WORDS = 3;
const lastWords = (text: string): string => text.trim().split(/\s+/).slice(-EXCERPT_WORDS).join(' ');
const firstWords = (text: string): string => text.trim().split(/\s+/).slice(0, EXCERPT_WORDS).join(' ');

interface Join {
  kind: Fix['kind'];
  /** The text of the first half with the layout hyphen removed, if there was one. */
  head: string;
  /** What goes between the halves: nothing after a split word, one space after a cut sentence. */
  glue: string;
}

/** Decide whether `tail` continues `head` across a break, and how to glue them. */
const decideJoin = (head: string, tail: string, document: string): Join | undefined => {
  const nextWord = startsWithLowerCaseWord(tail);
  if (!nextWord) return undefined;
  const split = matchSplitWord(head);
  if (split) {
    const [, fragment = '', mark] = split;
    const keep = mark === '-' && keepsHyphen(fragment, nextWord, document);
    return { kind: 'hyphenation', head: keep ? head : head.slice(0, -1), glue: '' };
  }
  if (MID_SENTENCE_END.test(head)) return { kind: 'paragraph-join', head, glue: ' ' };
  return undefined;
};

const contentOf = (text: string): string =>
  text
    .split('\n')
    .map((line) => line.trim())
    .join('\n');

/** Words split across a line break inside one paragraph ("расши-\nрения"): Markdown would show "расши- рения". */
const repairLines = (block: Block, document: string, fixes: Omit<BlockFix, 'block'>[]): Block => {
  const lines = block.text.split('\n');
  const out: string[] = [lines[0] ?? ''];
  for (const line of lines.slice(1)) {
    const previous = out[out.length - 1] ?? '';
    const join = matchSplitWord(previous) ? decideJoin(previous, line.trimStart(), document) : undefined;
    if (!join) {
      out.push(line);
      continue;
    }
    const merged = join.head + join.glue + line.trimStart();
    fixes.push({
      kind: join.kind,
      before: `${lastWords(previous)}\n${firstWords(line)}`,
      after: lastWords(join.head) + join.glue + firstWords(line),
    });
    out[out.length - 1] = merged;
  }
  const text = out.join('\n');
  return text === block.text ? block : { ...block, text, content: contentOf(text) };
};

const stripSoftHyphens = (block: Block): Block =>
  block.text.includes(SOFT_HYPHEN)
    ? { ...block, text: block.text.replaceAll(SOFT_HYPHEN, ''), content: block.content.replaceAll(SOFT_HYPHEN, '') }
    : block;

/**
 * Repair layout damage (architecture.md §5): a word hyphenated across a break is joined without the hyphen, a
 * paragraph cut mid-sentence is joined with the next. Only two paragraphs are ever joined (never a heading, list,
 * quote, code block or table), only when the next one starts with a lower-case word, and only when the first ends
 * in a letter + hyphen or mid-sentence. Every repair is returned, nothing is silent.
 */
export const repairBrokenParagraphs = (blocks: readonly Block[], document: string): RepairResult => {
  const lowerDocument = document.toLowerCase();
  const out: Block[] = [];
  const fixes: BlockFix[] = [];
  for (const original of blocks) {
    const lineFixes: Omit<BlockFix, 'block'>[] = [];
    const block = original.kind === 'paragraph' ? repairLines(original, lowerDocument, lineFixes) : original;
    const previous = out[out.length - 1];
    const head = previous?.text.trimEnd() ?? '';
    const join =
      previous?.kind === 'paragraph' && block.kind === 'paragraph'
        ? decideJoin(head, block.text.trimStart(), lowerDocument)
        : undefined;
    if (previous && join) {
      const gap = '\n'.repeat(Math.max(2, block.startLine - previous.endLine + 1));
      const text = join.head + join.glue + block.text.trimStart();
      out[out.length - 1] = { ...previous, text, content: contentOf(text), endLine: block.endLine };
      fixes.push({
        kind: join.kind,
        before: lastWords(head) + gap + firstWords(block.text),
        after: lastWords(join.head) + join.glue + firstWords(block.text),
        block: out.length - 1,
      });
    } else {
      out.push(block);
    }
    fixes.push(...lineFixes.map((fix) => ({ ...fix, block: out.length - 1 })));
  }
  return { blocks: out.map(stripSoftHyphens), fixes: fixes.map(stripSoftHyphensFromFix) };
};

const stripSoftHyphensFromFix = (fix: BlockFix): BlockFix => ({
  ...fix,
  before: fix.before.replaceAll(SOFT_HYPHEN, '-'),
  after: fix.after.replaceAll(SOFT_HYPHEN, ''),
});
