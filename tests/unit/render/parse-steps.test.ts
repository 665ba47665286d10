import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../../functions/domain/errors.js';
import { detectLanguage } from '../../../functions/domain/render/detect-language.js';
import {
  detectDeck,
  detectLede,
  detectSignature,
  detectTitle,
  type DraftModel,
} from '../../../functions/domain/render/enhance-draft.js';
import { splitFrontMatter } from '../../../functions/domain/render/front-matter.js';
import { renderPlainInline, splitBlocks, unwrapWhollyBold } from '../../../functions/domain/render/markdown-blocks.js';
import { normalizeDraftText } from '../../../functions/domain/render/normalize-text.js';

describe('normalizeDraftText', () => {
  it('fixes line endings, invisible characters, no-break-space noise and trailing spaces', () => {
    expect(normalizeDraftText('\uFEFFа\r\nб\rв\u2028г')).toBe('а\nб\nв\nг');
    expect(normalizeDraftText('соци\u00ADальную\u200B сферу\u00A0\u00A0и\u202Fтак   \t\nдалее')).toBe(
      'социальную сферу  и так\nдалее',
    );
    expect(normalizeDraftText('a\u0000b\u0007c\u009Fd\te')).toBe('abcd\te');
  });

  it('keeps a soft hyphen that ends a line: it marks a word split at the break', () => {
    expect(normalizeDraftText('пер\u00AD  \r\n\r\nвом')).toBe('пер\u00AD\n\nвом');
  });
});

describe('splitFrontMatter', () => {
  it('reads the known fields', () => {
    expect(
      splitFrontMatter(
        '---\ntitle: 2026\ndeck: "Подзаголовок"\ndesk: politics\nbyline: Анна\ntags: право, ОТГ, право\nlang: ru\n---\n# Тело',
      ),
    ).toEqual({
      frontMatter: {
        title: '2026',
        deck: 'Подзаголовок',
        desk: 'politics',
        byline: 'Анна',
        tags: ['право', 'ОТГ'],
        lang: 'ru',
      },
      body: '# Тело',
    });
  });

  it('leaves a draft without front matter, or with thematic breaks around prose, as it is', () => {
    expect(splitFrontMatter('# Title\n\nText')).toEqual({ frontMatter: {}, body: '# Title\n\nText' });
    const prose = '---\nNote: this is prose between rules\n---\n# Title';
    expect(splitFrontMatter(prose)).toEqual({ frontMatter: {}, body: prose });
  });

  it('refuses invalid YAML and invalid fields with a message that names the problem', () => {
    const cases: [string, RegExp][] = [
      ['---\ntitle: [unclosed\n---\n', /not valid YAML/],
      ['---\nlang: de\n---\n', /"lang" must be "ru" or "en"/],
      ['---\ntitle: x\nsubtitle: y\n---\n', /unknown field\(s\) "subtitle"/],
      ['---\ndesk: Politics Desk\n---\n', /"desk" must be a desk id/],
    ];
    for (const [text, message] of cases) {
      try {
        splitFrontMatter(text);
        expect.unreachable(text);
      } catch (error) {
        expect(isDomainError(error) && error.code).toBe('front_matter_invalid');
        expect((error as Error).message).toMatch(message);
      }
    }
  });
});

describe('splitBlocks', () => {
  it('splits top-level blocks as markdown-it sees them, keeping their source', () => {
    const text =
      '# Title\n\nPara one\nstill one\n\n- a\n- b\n\n> q\n\n```\nx\n\ny\n```\n\n[ref]: https://example.org\n\n---\n\nEnd';
    expect(splitBlocks(text).map((b) => [b.kind, b.text])).toEqual([
      ['heading', '# Title'],
      ['paragraph', 'Para one\nstill one'],
      ['list', '- a\n- b'],
      ['quote', '> q'],
      ['code', '```\nx\n\ny\n```'],
      ['other', '[ref]: https://example.org'],
      ['rule', '---'],
      ['paragraph', 'End'],
    ]);
  });

  it('gives plain text of inline Markdown and recognises wholly bold paragraphs', () => {
    expect(renderPlainInline('Страны *ОТГ* и [ссылка](https://x.org) \\*не курсив\\* &amp;')).toBe(
      'Страны ОТГ и ссылка *не курсив* &',
    );
    expect(unwrapWhollyBold('**Лид целиком.**')).toBe('Лид целиком.');
    expect(unwrapWhollyBold('__Lede in full.__')).toBe('Lede in full.');
    expect(unwrapWhollyBold('**Часть** и **часть**')).toBeUndefined();
    expect(unwrapWhollyBold('**Начало** и конец')).toBeUndefined();
    expect(unwrapWhollyBold('Обычный абзац')).toBeUndefined();
  });
});

const modelOf = (text: string, overrides: Partial<DraftModel> = {}): DraftModel => {
  const blocks = splitBlocks(text);
  return { blocks, roles: blocks.map(() => 'body'), deskNames: ['Отдел политики'], ...overrides };
};

describe('enhance steps', () => {
  it('detectTitle takes the top # heading, and drops it only when front matter says the same', () => {
    expect(detectTitle(modelOf('# Заголовок\n\nТекст.')).title).toBe('Заголовок');
    expect(detectTitle(modelOf('Заголовок\n=========\n\nТекст.')).title).toBe('Заголовок');
    expect(detectTitle(modelOf('## Подзаголовок\n\nТекст.')).title).toBeUndefined();
    expect(detectTitle(modelOf('# Заголовок', { title: 'Заголовок' })).roles).toEqual(['title']);
    expect(detectTitle(modelOf('# Другой', { title: 'Заголовок' })).roles).toEqual(['body']);
  });

  it('detectDeck takes the plain paragraph after the title, not a bold one, not the only one', () => {
    const titled = (text: string) => detectTitle(modelOf(text));
    expect(detectDeck(titled('# T\n\nПодводка\n\nТекст.')).deck).toBe('Подводка');
    expect(detectDeck(titled('# T\n\n**Лид.**\n\nТекст.')).deck).toBeUndefined();
    expect(detectDeck(titled('# T\n\nЕдинственный абзац.')).deck).toBeUndefined();
    expect(detectDeck(titled(`# T\n\n${'слово '.repeat(120)}\n\nТекст.`)).deck).toBeUndefined();
  });

  it('detectLede takes a wholly bold first body paragraph', () => {
    expect(detectLede(modelOf('**Лид.**\n\nТекст.')).lede).toBe('Лид.');
    expect(detectLede(modelOf('Текст.\n\n**Не лид.**')).lede).toBeUndefined();
  });

  it('detectSignature takes a final desk name or a name, nothing that reads like a sentence', () => {
    expect(detectSignature(modelOf('Текст.\n\nОтдел политики')).signature).toBe('Отдел политики');
    expect(detectSignature(modelOf('Текст.\n\nотдел  ПОЛИТИКИ')).signature).toBe('отдел ПОЛИТИКИ');
    expect(detectSignature(modelOf('Текст.\n\n— Иван Петров, Баку')).signature).toBe('Иван Петров, Баку');
    expect(detectSignature(modelOf('Text.\n\nAnna van Dijk')).signature).toBe('Anna van Dijk');
    expect(detectSignature(modelOf('Текст.\n\nПродолжение следует')).signature).toBeUndefined();
    expect(detectSignature(modelOf('Текст.\n\nИван Петров.')).signature).toBeUndefined();
    expect(detectSignature(modelOf('Текст.\n\n- Иван Петров')).signature).toBeUndefined();
  });
});

describe('detectLanguage', () => {
  it('calls Russian copy full of Latin names Russian, and English English', () => {
    expect(detectLanguage('Министр встретился с CEO компании OpenAI Sam Altman в Baku', 'en')).toBe('ru');
    expect(detectLanguage('Ceasefire talks resume in Geneva', 'ru')).toBe('en');
    expect(detectLanguage('2026 — 42!', 'en')).toBe('en');
  });

  it('counts neither code, markup, link targets nor URLs, and counts the prose around them', () => {
    const english = 'the quick brown fox jumps over the lazy dog';
    for (const line of [
      `Министр сказал: \`${english}\` и ушёл`,
      `Министр <span title="${english}">сказал</span> и ушёл`,
      `Министр [сказал](https://example.org/${english.replaceAll(' ', '-')}) и ушёл`,
      `Министр сказал https://example.org/${english.replaceAll(' ', '/')} и ушёл`,
    ]) {
      expect(detectLanguage(line, 'en'), line).toBe('ru');
      expect(detectLanguage(`${line} ${english} ${english}`, 'ru'), line).toBe('en');
    }
    expect(detectLanguage(`Министр\n\`\`\`\n${english}\n\`\`\`\nсказал`, 'en')).toBe('ru');
  });

  it('counts letters by script as a regex per character would (the Russian alphabet and ASCII take a shortcut)', () => {
    const byScript = (text: string): string => {
      let [cyrillic, latin] = [0, 0];
      for (const ch of text) {
        if (/\p{Script=Cyrillic}/u.test(ch)) cyrillic += 1;
        else if (/\p{Script=Latin}/u.test(ch)) latin += 1;
      }
      return cyrillic + latin === 0 ? 'none' : cyrillic * 3 >= cyrillic + latin ? 'ru' : 'en';
    };
    // Cyrillic outside the Russian alphabet (and a combining mark of no script), Latin outside ASCII, astral
    // characters, a lone surrogate, digits and marks (no backticks, markup or links: those are not prose).
    const PIECES = ['а', 'я', 'Ё', 'ё', 'А', 'Я', 'ж', 'ї', 'ђ', 'ѣ', '\u0485', '\u0483', 'Ѐ', 'ӿ', 'Ԁ', 'a', 'z', 'A'];
    PIECES.push('Z', '@', '[', '^', '{', 'é', 'ª', 'ÿ', 'Ā', '1', ' ', '.', '-', '𝒜', '𐐀', '\uD835');
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        const expected = byScript(text);
        expect(detectLanguage(text, 'en')).toBe(expected === 'none' ? 'en' : expected);
        expect(detectLanguage(text, 'ru')).toBe(expected === 'none' ? 'ru' : expected);
      }),
      { numRuns: 2_000 },
    );
  });
});
