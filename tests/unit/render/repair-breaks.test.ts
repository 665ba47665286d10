import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitBlocks } from '../../../functions/domain/render/markdown-blocks.js';
import { createEvidence, repairBrokenParagraphs } from '../../../functions/domain/render/repair-breaks.js';

/** Repair a Markdown text and return the blocks' text and the fixes' kinds. */
const repair = (text: string) => {
  const result = repairBrokenParagraphs(splitBlocks(text), text);
  return { blocks: result.blocks.map((b) => b.text), kinds: result.fixes.map((f) => f.kind), fixes: result.fixes };
};

describe('repairBrokenParagraphs joins layout damage', () => {
  it('joins a word hyphenated across paragraphs, without the hyphen, over any number of blank lines', () => {
    for (const gap of ['\n\n', '\n\n\n', '\n\n\n\n\n\n']) {
      expect(repair(`а также расши-${gap}рения обмена опытом.`)).toMatchObject({
        blocks: ['а также расширения обмена опытом.'],
        kinds: ['hyphenation'],
      });
    }
  });

  it('joins a paragraph cut mid-sentence with the next one, with a space', () => {
    expect(repair('упрощает процессы, но\n\nи формирует среду.')).toMatchObject({
      blocks: ['упрощает процессы, но и формирует среду.'],
      kinds: ['paragraph-join'],
    });
    expect(repair('and a joint statement could follow if the\n\ntalks go well.').blocks).toEqual([
      'and a joint statement could follow if the talks go well.',
    ]);
  });

  it('joins after a comma, semicolon, dash, digit or closing bracket', () => {
    for (const end of ['итоги,', 'итоги;', 'итоги —', 'итоги -', 'в 2026', 'итоги (ОТГ)']) {
      expect(repair(`${end}\n\nи дальше.`).kinds).toEqual(['paragraph-join']);
    }
  });

  it('joins a chain of breaks into one paragraph', () => {
    expect(repair('один\n\nдва\n\nтри.').blocks).toEqual(['один два три.']);
  });

  it('joins a word split across a line inside a paragraph', () => {
    expect(repair('Участники подчеркнули важность расши-\nрения обмена.')).toMatchObject({
      blocks: ['Участники подчеркнули важность расширения обмена.'],
      kinds: ['hyphenation'],
    });
  });

  it('joins at a soft hyphen left at a break, never keeping a hyphen', () => {
    expect(repair('в пресс\u00AD\n\nслужбе министерства.').blocks).toEqual(['в прессслужбе министерства.']);
  });

  it('reports what the reporter wrote and what it became', () => {
    expect(repair('Стороны договорились провести третью встречу\n\nминистров юстиции в Турции.').fixes).toEqual([
      {
        kind: 'paragraph-join',
        before: 'провести третью встречу\n\nминистров юстиции в',
        after: 'провести третью встречу министров юстиции в',
        block: 0,
      },
    ]);
  });
});

describe('repairBrokenParagraphs leaves intact text alone (precision first)', () => {
  it('never touches hyphenated compounds inside a line', () => {
    const text = 'Между государствами-членами.\n\nВ пресс-службе сообщили.';
    expect(repair(text)).toEqual({ blocks: text.split('\n\n'), kinds: [], fixes: [] });
  });

  it('keeps the hyphen of a compound split at its own hyphen', () => {
    expect(repair('сообщили в пресс-\n\nслужбе министерства.').blocks).toEqual([
      'сообщили в пресс-службе министерства.',
    ]);
    expect(repair('кто-\n\nто пришёл.').blocks).toEqual(['кто-то пришёл.']);
    expect(repair('говорил по-\n\nрусски хорошо.').blocks).toEqual(['говорил по-русски хорошо.']);
    // Evidence from the story itself: the compound is written whole elsewhere.
    expect(repair('Встреча с государствами-членами.\n\nОбмен между государствами-\n\nчленами.').blocks).toEqual([
      'Встреча с государствами-членами.',
      'Обмен между государствами-членами.',
    ]);
    expect(repair('Between member states and self-\n\nemployed staff.').blocks).toEqual([
      'Between member states and self-employed staff.',
    ]);
  });

  it('never joins after sentence-final punctuation', () => {
    for (const end of ['.', '!', '?', '…', ':', '»', '"', '?!', '...']) {
      expect(repair(`Первый абзац закончился${end}\n\nвторой начинается со строчной.`).kinds).toEqual([]);
    }
  });

  it('never joins before a capital letter, a digit or a name written in mixed case', () => {
    for (const next of ['Второй абзац.', '2026 год.', 'iPhone продаётся.', '«цитата».', '— реплика.', '(скобка).']) {
      expect(repair(`Первый абзац без точки\n\n${next}`).kinds).toEqual([]);
    }
  });

  it('never joins before a heading, list, quote, code block or table', () => {
    for (const next of [
      '## заголовок',
      '- пункт',
      '1. пункт',
      '> цитата',
      '```\nкод\n```',
      '    код',
      '| а | б |\n|---|---|\n| в | г |',
    ]) {
      const result = repair(`Абзац оборван на полу-\n\n${next}`);
      expect(result.kinds).toEqual([]);
      expect(result.blocks).toHaveLength(2);
    }
  });

  it('never joins a heading, list or quote with the paragraph after it', () => {
    for (const first of ['## Заголовок без точки', '- пункт списка', '> цитата без точки']) {
      expect(repair(`${first}\n\nи продолжение.`).kinds).toEqual([]);
    }
  });

  it('leaves paragraphs ending in a hyphen-minus that is not a split word', () => {
    expect(repair('Итог --\n\nи дальше.').kinds).toEqual([]);
  });
});

describe('the story as evidence for a hyphen', () => {
  // Letters (one outside the Basic Multilingual Plane, one that lower-cases to two units), a combining mark,
  // hyphens and other marks: where a searched word or pair could start or end.
  const PIECES = ['а', 'б', 'аб', 'б-а', 'А', 'İ', '\u0301', '𝒜', '-', '--', ' ', '\n', '.', '«', '1'];
  const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((parts) => parts.join(''));
  const part = fc.array(fc.constantFrom('а', 'б', 'i̇', '\u0301', '𝒜'), { minLength: 1, maxLength: 3 });

  it('answers by searching the story exactly as by collecting all its words and pairs', () => {
    fc.assert(
      fc.property(text, part, part, (story, left, right) => {
        const [l, r] = [left.join(''), right.join('')];
        const searched = createEvidence(story, Number.POSITIVE_INFINITY);
        const collected = createEvidence(story, 0);
        expect(searched.hasPair(l, r)).toBe(collected.hasPair(l, r));
        expect(searched.hasWord(l + r)).toBe(collected.hasWord(l + r));
      }),
      { numRuns: 2_000 },
    );
  });

  it('finds pairs and words only whole', () => {
    const evidence = createEvidence('Государствами-членами и пресс-служба; экс-вице-премьер', Number.POSITIVE_INFINITY);
    expect(evidence.hasPair('государствами', 'членами')).toBe(true);
    expect(evidence.hasPair('вице', 'премьер')).toBe(true);
    expect(evidence.hasPair('ами', 'член')).toBe(false);
    expect(evidence.hasWord('служба')).toBe(true);
    expect(evidence.hasWord('лужба')).toBe(false);
  });
});
