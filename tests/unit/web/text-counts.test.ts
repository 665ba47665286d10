import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../../functions/http/request.js';
import { DRAFT_LIMITS } from '../../../functions/domain/render/draft-limits.js';
import {
  DRAFT_MAX_CHARACTERS,
  SAVE_LIMIT_BYTES,
  bytesPerLetter,
  countText,
  countWords,
  findTitleAndStandfirst,
  jsonUtf8Bytes,
} from '../../../web/src/lib/text-counts.js';

describe('counts while writing', () => {
  it('keeps the limits equal to the server’s', () => {
    expect(SAVE_LIMIT_BYTES).toBe(MAX_BODY_BYTES);
    expect(DRAFT_MAX_CHARACTERS).toBe(DRAFT_LIMITS.draftCharacters);
  });

  it('counts words in Russian with hyphenated compounds, numbers and abbreviations as one word each', () => {
    expect(countWords('Министры стран-участниц встретились 20 ноября в г. Баку — «впервые».')).toBe(9);
    expect(countWords('')).toBe(0);
    expect(countWords('— … «»')).toBe(0);
  });

  it('gives characters, reading time at 180 words a minute, title and standfirst', () => {
    const text = `# Страны ОТГ усиливают сотрудничество\n\nВ Баку прошло заседание министров.\n\n${'слово '.repeat(361)}`;
    const c = countText(text);
    expect(c.title).toBe('Страны ОТГ усиливают сотрудничество');
    expect(c.titleLength).toBe(35);
    expect(c.standfirst).toBe('В Баку прошло заседание министров.');
    expect(c.words).toBe(4 + 5 + 361);
    expect(c.readingMinutes).toBe(3);
    expect(c.characters).toBe(Array.from(text).length);
    expect(c.charactersNoSpaces).toBe(text.replace(/\s/g, '').length);
    expect(c.sizeWarning).toBeUndefined();
  });

  it('reads title and deck from front matter, and finds no standfirst where the draft has a lede or a list', () => {
    expect(findTitleAndStandfirst('---\ntitle: "Заголовок"\ndeck: Вводка\n---\n\nТекст.')).toEqual({
      title: 'Заголовок',
      standfirst: 'Вводка',
    });
    expect(findTitleAndStandfirst('# Заголовок\n\n**Лид целиком жирный.**\n\nТекст.').standfirst).toBe('');
    expect(findTitleAndStandfirst('# Заголовок\n\n- пункт\n\nТекст.').standfirst).toBe('');
    expect(findTitleAndStandfirst('Просто текст.')).toEqual({ title: '', standfirst: '' });
  });

  it('measures the size as the save sends it: escaped JSON in UTF-8', () => {
    expect(jsonUtf8Bytes('abc')).toBe(5);
    expect(jsonUtf8Bytes('жук')).toBe(8);
    expect(jsonUtf8Bytes('a\nb"')).toBe(8);
    expect(bytesPerLetter('Текст на русском, with English')).toBe(2);
    expect(bytesPerLetter('Plain English text')).toBe(1);
  });

  it('warns from 80% of the byte limit with the room left in characters of the text’s script', () => {
    const cyrillic = 'я'.repeat(78_000);
    expect(countText(cyrillic).sizeWarning).toBeUndefined();
    const near = countText('я'.repeat(80_000));
    const room = Math.floor((SAVE_LIMIT_BYTES - 64 - jsonUtf8Bytes('я'.repeat(80_000))) / 2);
    expect(near.sizeWarning).toEqual({ remainingCharacters: room, percent: 81 });
    // English text reaches the character limit before the byte limit: the room is in characters.
    const english = countText('a'.repeat(125_000));
    expect(english.sizeWarning).toEqual({ remainingCharacters: 25_000, percent: 83 });
    expect(countText('я'.repeat(100_000)).sizeWarning?.remainingCharacters).toBe(0);
  });
});
