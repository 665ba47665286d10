import { describe, expect, it } from 'vitest';
import { parseDraft } from '../../../functions/domain/render/parse-draft.js';
import { locateFix, showBreaks } from '../../../web/src/lib/fix-text.js';

const TEXT = '# Заголовок\n\nДепутаты обсудили бюджет на\n\nследующий год и приняли расши-\nрения программы.\n';
const fixes = parseDraft(TEXT, { deskNames: [], lang: 'ru' }).fixes;

describe('repairs as the app shows them', () => {
  it('a paragraph join no longer reads the same before and after: the removed break shows as ¶', () => {
    const join = fixes.find((f) => f.kind === 'paragraph-join');
    expect(join).toBeDefined();
    const before = showBreaks(join?.before ?? '');
    expect(before).toBe('обсудили бюджет на ¶ следующий год и');
    expect(before).not.toBe(join?.after);
  });

  it('a hyphenated word shows the removed line break as ↵ next to its hyphen', () => {
    const hyphen = fixes.find((f) => f.kind === 'hyphenation');
    expect(showBreaks(hyphen?.before ?? '')).toBe('и приняли расши-↵рения программы.');
  });

  it('finds each repair in the text being edited, however its white space was written', () => {
    for (const fix of fixes) {
      const at = locateFix(TEXT, fix.before);
      expect(at, fix.before).toBeDefined();
      const found = TEXT.slice(at?.start, at?.end);
      expect(found.replace(/\s+/g, ' ')).toContain(fix.before.split('\n')[0]?.trim().split(' ').at(-1));
    }
    // Extra blank lines and trailing spaces in the text the reporter keeps editing do not lose the place.
    const edited = TEXT.replace('на\n\nследующий', 'на  \n\n\n\nследующий');
    const join = fixes.find((f) => f.kind === 'paragraph-join');
    const at = locateFix(edited, join?.before ?? '');
    expect(edited.slice(at?.start, at?.end)).toMatch(/^обсудили бюджет на\s+следующий год и$/);
  });

  it('falls back to the part after the break when the part before has changed, and says when it is gone', () => {
    const join = fixes.find((f) => f.kind === 'paragraph-join');
    const rewritten = TEXT.replace('обсудили бюджет', 'приняли бюджет');
    const at = locateFix(rewritten, join?.before ?? '');
    expect(rewritten.slice(at?.start, at?.end)).toBe('следующий год и');
    expect(locateFix('Совсем другой текст.', join?.before ?? '')).toBeUndefined();
  });
});
