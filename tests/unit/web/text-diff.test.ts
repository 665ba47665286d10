import { describe, expect, it } from 'vitest';
import { buildWordDiff, collapseUnchanged, decideDiffBase } from '../../../web/src/lib/text-diff.js';

describe('buildWordDiff', () => {
  it('marks replaced words and counts them', () => {
    expect(buildWordDiff('Встреча прошла в Баку.', 'Встреча прошла в Астане.')).toEqual({
      segments: [
        { op: 'equal', text: 'Встреча прошла в ' },
        { op: 'delete', text: 'Баку' },
        { op: 'insert', text: 'Астане' },
        { op: 'equal', text: '.' },
      ],
      insertedWords: 1,
      deletedWords: 1,
    });
  });

  it('reports no change for equal texts', () => {
    expect(buildWordDiff('один два', 'один два')).toEqual({
      segments: [{ op: 'equal', text: 'один два' }],
      insertedWords: 0,
      deletedWords: 0,
    });
  });
});

describe('collapseUnchanged', () => {
  const words = (from: number, to: number): string =>
    Array.from({ length: to - from + 1 }, (_, i) => `w${from + i}`).join(' ');

  it('keeps context words around a change and elides the rest', () => {
    const segments = [
      { op: 'equal' as const, text: `${words(1, 20)} ` },
      { op: 'insert' as const, text: 'NEW' },
      { op: 'equal' as const, text: ` ${words(21, 40)}` },
    ];
    expect(collapseUnchanged(segments, 3)).toEqual([
      { op: 'gap', text: '17' },
      { op: 'equal', text: ' w18 w19 w20 ' },
      { op: 'insert', text: 'NEW' },
      { op: 'equal', text: ' w21 w22 w23 ' },
      { op: 'gap', text: '17' },
    ]);
  });

  it('leaves short unchanged runs whole', () => {
    const segments = [
      { op: 'delete' as const, text: 'a' },
      { op: 'equal' as const, text: ' b c d e ' },
      { op: 'insert' as const, text: 'f' },
    ];
    expect(collapseUnchanged(segments, 3)).toEqual(segments);
  });
});

describe('decideDiffBase', () => {
  it('compares a resubmission with the submission before it', () => {
    expect(decideDiffBase(2, [1, 2])).toBe(1);
  });
  it('shows copy-edits made after the last submission', () => {
    expect(decideDiffBase(3, [1, 2])).toBe(2);
  });
  it('has no base on a first submission', () => {
    expect(decideDiffBase(1, [1])).toBeUndefined();
    expect(decideDiffBase(1, [])).toBeUndefined();
  });
});
