import { diffWords } from 'diff';

/** Word-level differences between two texts, shaped for display (the review diff and the conflict screen). */
export type DiffOp = 'equal' | 'insert' | 'delete' | 'gap';

export interface DiffSegment {
  op: DiffOp;
  text: string;
}

export interface WordDiff {
  segments: DiffSegment[];
  insertedWords: number;
  deletedWords: number;
}

const countWords = (text: string): number => text.split(/\s+/).filter(Boolean).length;

/**
 * jsdiff's own word pattern knows only Latin letters and cuts Cyrillic into single characters; Intl's word
 * segmenter knows every script (and is in every browser the newsroom supports).
 */
let segmenter: Intl.Segmenter | undefined;
const wordSegmenter = (): Intl.Segmenter | undefined => {
  if (typeof Intl.Segmenter !== 'function') return undefined;
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' });
  return segmenter;
};

export const buildWordDiff = (before: string, after: string): WordDiff => {
  const segments: DiffSegment[] = [];
  let insertedWords = 0;
  let deletedWords = 0;
  const intlSegmenter = wordSegmenter();
  for (const change of diffWords(before, after, intlSegmenter ? { intlSegmenter } : {})) {
    const op: DiffOp = change.added ? 'insert' : change.removed ? 'delete' : 'equal';
    if (op === 'insert') insertedWords += countWords(change.value);
    if (op === 'delete') deletedWords += countWords(change.value);
    const last = segments[segments.length - 1];
    if (last && last.op === op) last.text += change.value;
    else segments.push({ op, text: change.value });
  }
  return { segments, insertedWords, deletedWords };
};

/**
 * Shortens long unchanged stretches to `context` words on either side of a change, so a three-word edit in a long
 * story is found at a glance. The elided part becomes one `gap` segment holding the number of words left out.
 */
export const collapseUnchanged = (segments: readonly DiffSegment[], context = 12): DiffSegment[] => {
  const out: DiffSegment[] = [];
  segments.forEach((segment, index) => {
    if (segment.op !== 'equal') {
      out.push(segment);
      return;
    }
    // Words sit at even indexes, whitespace at odd ones, so cuts fall on word boundaries.
    const tokens = segment.text.split(/(\s+)/);
    const wordAt = tokens.flatMap((t, i) => (i % 2 === 0 && t !== '' ? [i] : []));
    const keepHead = index > 0 ? context : 0;
    const keepTail = index < segments.length - 1 ? context : 0;
    const elided = wordAt.length - keepHead - keepTail;
    if (elided <= 4) {
      out.push(segment);
      return;
    }
    const cutStart = wordAt[keepHead] ?? 0;
    const cutEnd = (wordAt[wordAt.length - keepTail - 1] ?? tokens.length - 1) + 1;
    const headText = tokens.slice(0, cutStart).join('');
    const tailText = tokens.slice(cutEnd).join('');
    if (headText) out.push({ op: 'equal', text: headText });
    out.push({ op: 'gap', text: String(elided) });
    if (tailText) out.push({ op: 'equal', text: tailText });
  });
  return out;
};

/**
 * The base of the review diff: the revision submitted before the one under review. `submittedRevisions` come from
 * the history's `submitted` events; the newest one older than the current text is the desk's last look.
 */
export const decideDiffBase = (currentRevision: number, submittedRevisions: readonly number[]): number | undefined => {
  const earlier = submittedRevisions.filter((r) => r < currentRevision);
  return earlier.length ? Math.max(...earlier) : undefined;
};
