import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../../functions/domain/errors.js';
import { parseDraft } from '../../../functions/domain/render/parse-draft.js';
import { DESK_NAMES, readFixture, readSeed } from './helpers.js';

const paragraphsOf = (markdown: string): string[] => markdown.split('\n\n');

describe('parseDraft on the seed story', () => {
  const draft = parseDraft(readSeed(), { deskNames: DESK_NAMES });

  it('finds the title, standfirst, lede and desk signature', () => {
    expect(draft.title).toBe('Страны ОТГ усиливают правовое сотрудничество');
    expect(draft.deck).toBe(
      'В Баку состоялось второе заседание министров юстиции государств - членов Организации тюркских государств',
    );
    expect(draft.lede).toBe(
      '20 ноября в Баку прошло второе заседание министров юстиции стран - участниц Организации тюркских государств (ОТГ).',
    );
    expect(draft.signature).toBe('Отдел политики');
    expect(draft.lang).toBe('ru');
    expect(draft.tags).toEqual([]);
  });

  it('leaves exactly the 7 body paragraphs, with the broken ones joined', () => {
    const paragraphs = paragraphsOf(draft.bodyMarkdown);
    expect(paragraphs).toHaveLength(7);
    expect(paragraphs.map((p) => p.slice(0, 20))).toEqual([
      'Как сообщили в пресс',
      'Затем под председате',
      'В ходе встречи обсуж',
      'Большое внимание был',
      'Участникам заседания',
      'Гости выразили благо',
      'Напомним, первая вст',
    ]);
    for (const phrase of ['расширения обмена опытом', 'но и формирует', 'третью встречу министров']) {
      expect(paragraphs.filter((p) => p.includes(phrase))).toHaveLength(1);
    }
    for (const p of paragraphs) {
      expect(p).not.toMatch(/(?:расши-|\sно|встречу)$/);
    }
    expect(draft.bodyMarkdown).toContain('между государствами-членами.');
    expect(draft.bodyMarkdown).toContain('в пресс-службе');
  });

  it('reports exactly the three repairs, located by body paragraph', () => {
    expect(draft.fixes).toEqual([
      {
        kind: 'hyphenation',
        before: 'а также расши-\n\n\n\nрения обмена опытом',
        after: 'а также расширения обмена опытом',
        paragraph: 3,
        part: 'body',
      },
      {
        kind: 'paragraph-join',
        before: 'упрощает процессы, но\n\nи формирует удобную',
        after: 'упрощает процессы, но и формирует удобную',
        paragraph: 4,
        part: 'body',
      },
      {
        kind: 'paragraph-join',
        before: 'провести третью встречу\n\nминистров юстиции государств',
        after: 'провести третью встречу министров юстиции государств',
        paragraph: 5,
        part: 'body',
      },
    ]);
  });

  it('is stable: parsing the repaired story again finds nothing more to repair', () => {
    const again = parseDraft(
      `# ${draft.title}\n\n${draft.deck}\n\n**${draft.lede}**\n\n${draft.bodyMarkdown}\n\n${draft.signature}`,
      { deskNames: DESK_NAMES },
    );
    expect(again.fixes).toEqual([]);
    expect(again.bodyMarkdown).toBe(draft.bodyMarkdown);
  });
});

describe('parseDraft on other drafts', () => {
  it('treats English copy the same way', () => {
    const draft = parseDraft(readFixture('world-ceasefire-en.md'), { deskNames: DESK_NAMES });
    expect(draft.lang).toBe('en');
    expect(draft.title).toBe('Ceasefire talks resume in Geneva as envoys meet');
    expect(draft.deck).toBe('Negotiators from both sides returned to the table on Tuesday after a two-week pause');
    expect(draft.lede).toBe('Envoys met in Geneva on Tuesday to restart talks on a ceasefire, officials said.');
    expect(draft.signature).toBe('World desk');
    expect(paragraphsOf(draft.bodyMarkdown)).toHaveLength(4);
    expect(draft.bodyMarkdown).toContain('accused the other of violating repeatedly');
    expect(draft.bodyMarkdown).toContain('if the talks go well.');
    expect(draft.bodyMarkdown).toContain('without a statement. Analysts warned against high hopes!');
    expect(draft.fixes.map(({ kind, paragraph }) => ({ kind, paragraph }))).toEqual([
      { kind: 'hyphenation', paragraph: 2 },
      { kind: 'paragraph-join', paragraph: 3 },
    ]);
  });

  it('reads front matter and repairs print damage (CRLF, soft hyphens, no-break spaces, trailing spaces)', () => {
    const draft = parseDraft(readFixture('budget-print-damage.md'), { deskNames: DESK_NAMES });
    expect(draft).toEqual({
      title: 'Бюджет на 2027 год внесён в парламент',
      byline: 'Анна Иванова',
      desk: 'politics',
      tags: ['бюджет', 'парламент'],
      lang: 'ru',
      bodyMarkdown:
        'Правительство внесло проект бюджета на 2027 год. Министр финансов заявил, что расходы на социальную ' +
        'сферу вырастут на 4 процента. Депутаты рассмотрят проект в первом чтении в октябре.\n\n' +
        'Заседание прошло в Москве.',
      fixes: [
        {
          kind: 'paragraph-join',
          before: 'социальную сферу вырастут\n\nна 4 процента.',
          after: 'социальную сферу вырастут на 4 процента.',
          paragraph: 1,
          part: 'body',
        },
        {
          kind: 'hyphenation',
          before: 'проект в пер-\n\nвом чтении в',
          after: 'проект в первом чтении в',
          paragraph: 1,
          part: 'body',
        },
      ],
    });
  });

  it('lets front matter language win over options and detection', () => {
    const text = '---\nlang: en\n---\n# Заголовок\n\nТекст.';
    expect(parseDraft(text, { deskNames: [], lang: 'ru' }).lang).toBe('en');
    expect(parseDraft('# Заголовок\n\nТекст.', { deskNames: [], lang: 'en' }).lang).toBe('en');
    expect(parseDraft('# Заголовок\n\nТекст.', { deskNames: [] }).lang).toBe('ru');
  });

  it('turns standfirst detection off with an empty front matter deck', () => {
    const draft = parseDraft('---\ndeck:\n---\n# Title\n\nFirst paragraph of the body\n\nSecond.', { deskNames: [] });
    expect(draft.deck).toBeUndefined();
    expect(paragraphsOf(draft.bodyMarkdown)).toHaveLength(2);
  });

  it('refuses a draft without a title with a message for the reporter', () => {
    for (const text of ['', 'Just a paragraph.\n\nAnother one.', '## Only a subheading\n\nText.', '#\n\nText']) {
      try {
        parseDraft(text, { deskNames: DESK_NAMES });
        expect.unreachable(`"${text}" has no title`);
      } catch (error) {
        expect(isDomainError(error) && error.code).toBe('invalid_input');
        expect((error as Error).message).toMatch(/no title.*"# /);
      }
    }
  });

  it('keeps what cannot be repaired safely: nothing joined before a heading, list, quote or code', () => {
    const text = [
      '# Title',
      'Deck line',
      'Paragraph that stops mid',
      '## heading',
      'Another that stops mid',
      '- list item',
      'Third that stops mid',
      '> quote',
      'Fourth that stops mid',
      '```\ncode\n```',
      'Last that ends well.',
    ].join('\n\n');
    const draft = parseDraft(text, { deskNames: [] });
    expect(draft.fixes).toEqual([]);
    expect(paragraphsOf(draft.bodyMarkdown)).toHaveLength(9);
  });
});
