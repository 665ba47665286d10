import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseNameList, readBylineField, writeBylineField } from '../../../web/src/lib/byline-front-matter.js';

const BODY = '# Заголовок\n\nТекст.\n';

describe('byline fields in the front matter', () => {
  it('adds a front matter block with the authors when the text has none, and the server reads it back', () => {
    const text = writeBylineField(BODY, 'authors', ['Анна Смирнова', 'Дмитрий Орлов']);
    expect(text).toBe(`---\nauthors: ["Анна Смирнова", "Дмитрий Орлов"]\n---\n${BODY}`);
    expect(readBylineField(text, 'authors')).toEqual(['Анна Смирнова', 'Дмитрий Орлов']);
  });

  it('replaces a block list in place and keeps the other fields and the body exactly', () => {
    const text = `---\ntitle: Заголовок\ntags:\n  - право\n  - ОТГ\nlang: ru\n---\n${BODY}`;
    expect(readBylineField(text, 'tags')).toEqual(['право', 'ОТГ']);
    const next = writeBylineField(text, 'tags', ['юстиция']);
    expect(next).toBe(`---\ntitle: Заголовок\ntags: ["юстиция"]\nlang: ru\n---\n${BODY}`);
  });

  it('reads comma lists and quoted names, and writes names with commas, quotes and colons that YAML reads back', () => {
    expect(readBylineField(`---\ntags: право, ОТГ\n---\n${BODY}`, 'tags')).toEqual(['право', 'ОТГ']);
    const awkward = ['Иванов, И. И.', 'Мария "Маша" Петрова', 'ТАСС: корреспондент'];
    const text = writeBylineField(`---\ntitle: X\n---\n${BODY}`, 'authors', awkward);
    expect(readBylineField(text, 'authors')).toEqual(awkward);
    const yaml = /^---\n([\s\S]*?)\n---\n/.exec(text)?.[1] ?? '';
    expect(parseYaml(yaml)).toEqual({ title: 'X', authors: awkward });
  });

  it('removes the field when the list is emptied (the reporter is the author again)', () => {
    const text = `---\nauthors: [Анна]\ntags: [ОТГ]\n---\n${BODY}`;
    expect(writeBylineField(text, 'authors', [])).toBe(`---\ntags: [ОТГ]\n---\n${BODY}`);
    expect(readBylineField(BODY, 'authors')).toBeUndefined();
    expect(parseNameList(' Анна ,, Борис ')).toEqual(['Анна', 'Борис']);
  });
});
