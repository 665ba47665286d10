import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../../functions/domain/errors.js';
import { typesetStory } from '../../../functions/domain/render/article-page.js';
import { DRAFT_LIMITS, DRAFT_SAMPLES } from '../../../functions/domain/render/draft-limits.js';
import { parseDraft } from '../../../functions/domain/render/parse-draft.js';
import { renderMarkdownBody } from '../../../functions/domain/render/render-markdown.js';
import { typesetHtml, typesetText } from '../../../functions/domain/render/typeset.js';
import type { Fix, Lang, ParsedDraft } from '../../../functions/domain/render/types.js';
import { ADVERSARIAL_DRAFTS } from '../../support/adversarial-drafts.js';
import { DESK_NAMES, NBSP, pageInput } from './helpers.js';

/**
 * Properties of the draft parser (issue 8 §2), over arbitrary text and over generated drafts:
 * 1. it returns a draft or throws a typed draft error (`draft_too_complex`, `front_matter_invalid`, or
 *    `invalid_input` for a draft without a title), never anything else;
 * 2. the text round-trips: the words of the parsed story (title, standfirst, lede, body, signature, in that order)
 *    are the words of the draft, except where a repair joined a word split by a hyphen, and each such join is the
 *    one its `Fix` reports; every `Fix` is exactly reversible (`before` is `after` with the reporter's break put
 *    back) and bounded in size;
 * 3. typography is idempotent: typesetting typeset text changes nothing.
 * No timing is asserted here (the bench measures the 300 ms goal); a hang would hit the test timeout.
 */

const DRAFT_ERRORS = ['draft_too_complex', 'front_matter_invalid', 'invalid_input'];
const TIMEOUT_MS = 120_000;
// Vitest types its asymmetric matchers as `any`; held as `unknown`, they go into the expected shape unflagged.
const aString: unknown = expect.any(String);
const aNumber: unknown = expect.any(Number);

/** Parse, or undefined after a typed refusal; anything else fails the property. */
const parseOrRefuse = (text: string): ParsedDraft | undefined => {
  try {
    return parseDraft(text, { deskNames: DESK_NAMES });
  } catch (error) {
    if (!isDomainError(error) || !DRAFT_ERRORS.includes(error.code)) throw error;
    return undefined;
  }
};

// ---- generators -------------------------------------------------------------------------------------------

/** Characters that mean something to Markdown, YAML, the repairs or the typography. */
const SPECIAL = [
  // eslint-disable-next-line @typescript-eslint/no-misused-spread -- one entry per code point is meant: all are single BMP characters, nothing to split
  ...'#*_[]()!<>`-\n\n\n \t\u00AD\r:&"\'«»—.,;|\\{}~=+0123456789аяAz',
  '\u00A0',
  '\u2028',
  '---',
  '&lt;',
];
const specialText = fc.array(fc.constantFrom(...SPECIAL), { maxLength: 600 }).map((parts) => parts.join(''));

const CYRILLIC_WORDS = ['слово', 'министр', 'встреча', 'и', 'в', 'по', 'не', 'право', 'сотрудничество', 'пресс'];
const LATIN_WORDS = ['word', 'minister', 'talks', 'and', 'in', 'self', 'well', 'Geneva', 'OpenAI', 'the'];
const lowerWord = fc.oneof(
  fc.constantFrom(...CYRILLIC_WORDS, ...LATIN_WORDS),
  fc.stringMatching(/^[а-яa-z]{1,12}$/),
  fc.constantFrom('аbвgд', 'mixedСлово'),
);
const word = fc.oneof(
  lowerWord,
  lowerWord.map((w) => w.charAt(0).toUpperCase() + w.slice(1)),
  fc.stringMatching(/^[А-ЯA-Z][а-яa-z]{0,10}$/),
);
const words = (max: number) => fc.array(word, { minLength: 1, maxLength: max }).map((ws) => ws.join(' '));

/** A line of words, maybe ending in a word split by a hyphen or a soft hyphen. */
const line = fc
  .tuple(words(8), fc.option(fc.tuple(fc.stringMatching(/^[а-яa-z]{1,6}$/), fc.constantFrom('-', '\u00AD'))))
  .map(([text, split]) => (split ? `${text} ${split[0]}${split[1]}` : text));
const paragraph = fc
  .tuple(fc.array(line, { minLength: 1, maxLength: 5 }), fc.constantFrom('', '.', ',', '!', ' -'))
  .map(([lines, end]) => lines.join('\n') + end);
const block = fc.oneof(
  { weight: 6, arbitrary: paragraph },
  { weight: 1, arbitrary: words(6).map((w) => `## ${w}`) },
  {
    weight: 1,
    arbitrary: fc.array(words(4), { minLength: 1, maxLength: 4 }).map((ws) => ws.map((w) => `- ${w}`).join('\n')),
  },
  { weight: 1, arbitrary: words(6).map((w) => `> ${w}`) },
);
const gap = fc.constantFrom('\n\n', '\n\n\n', '\n\n\n\n\n\n\n\n\n');
/** A story of plain words: title, blocks, breaks of every kind; maybe a bold lede. */
const plainStory = fc
  .tuple(words(10), fc.option(words(12)), fc.array(fc.tuple(block, gap), { minLength: 1, maxLength: 12 }))
  .map(([title, lede, blocks]) => {
    const body = blocks.map(([b, g]) => b + g).join('');
    return `# ${title}\n\n${lede ? `**${lede}**\n\n` : ''}${body}`;
  });

/** YAML values, nested up to 12 levels (past the depth limit), with anchors and aliases now and then. */
const yamlValue: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    words(4),
    fc.constantFrom('2026', 'true', 'null', '"quoted: [x]"', "'it''s'", '*a', '&a x', '[', '{a: ', '|\n  block'),
    fc.array(tie('value'), { maxLength: 3 }).map((items) => `[${items.join(', ')}]`),
    fc.array(tie('value'), { maxLength: 3 }).map((items) => `{${items.map((v, i) => `k${i}: ${v}`).join(', ')}}`),
  ),
})).value;
const frontMatter = fc
  .array(
    fc.tuple(fc.constantFrom('title', 'deck', 'desk', 'byline', 'tags', 'lang', 'other', 'tags:\n  -'), yamlValue),
    { maxLength: 6 },
  )
  .map((fields) => `---\n${fields.map(([key, value]) => `${key}: ${value}`).join('\n')}\n---\n`);

/** A huge token or deep structure near, at or past a limit. */
const extreme = fc.oneof(
  fc.integer({ min: DRAFT_LIMITS.wordCharacters - 2, max: DRAFT_LIMITS.wordCharacters + 2 }).map((n) => 'я'.repeat(n)),
  fc.integer({ min: 1, max: 3_000 }).map((n) => '['.repeat(n)),
  fc.integer({ min: 1, max: 300 }).map((n) => '> '.repeat(n) + 'текст'),
  fc.integer({ min: 1, max: 300 }).map((n) => '  '.repeat(n) + '- пункт'),
  fc.integer({ min: 1, max: 2_000 }).map((n) => 'a-\n'.repeat(n)),
  fc.integer({ min: 1, max: 2_000 }).map((n) => '*a **b ![c ['.repeat(n)),
  fc.integer({ min: 1, max: 2_000 }).map((n) => '&lt;a <b &amp; '.repeat(n)),
);

const anyDraft = fc.oneof(
  fc.string({ maxLength: 2_000 }),
  fc.string({ unit: 'binary', maxLength: 2_000 }),
  specialText,
  fc.tuple(fc.option(frontMatter), specialText).map(([fm, text]) => (fm ?? '') + text),
  fc.tuple(fc.option(frontMatter), plainStory).map(([fm, text]) => (fm ?? '') + text),
  fc.tuple(plainStory, extreme, plainStory).map(([a, x, b]) => `${a}\n\n${x}\n\n${b}`),
);

/**
 * Prose made of what the rules that settle in one pass act on (typeset.ts SETTLING_RULES: short words, dashes,
 * day and month, spaces at the ends) mixed with what other rules act on (quotes, marks, abbreviations, numbers).
 * No tabs or line breaks: a run of them before a mark takes more passes than typeset.ts allows (a known limit).
 */
const TYPOGRAPHIC_TOKENS = [
  ...['а', 'в', 'и', 'к', 'с', 'у', 'о', 'не', 'же', 'бы', 'ли', 'ка', 'то', 'из', 'за', 'под', 'but', 'of', 'a'],
  ...['слово', 'министр', 'Баку', 'Иванов', 'word', 'the', 'OpenAI', 'ноября', 'янв', 'понедельник', 'XX', 'в.'],
  ...['20', '2024', '9', '3,14', '1/2', '2 x 3', '+-', '!=', '->', '(c)', '№', '§', 'т. е.', 'т.д.', 'г.', 'ул.', 'д.'],
  ...['-', ' - ', ' -- ', '--', '—', '–', '"', "'", '«', '»', '„', '“', '(', ')', '[', ']', '.', ',', ':', ';', '!'],
  ...['?', '...', '…', '!?', '..', '%', ' ', ' ', '  ', NBSP, 'https://example.org/a-b?x=1', 'из-за', 'как-то'],
];
const typographicText = fc
  .array(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...TYPOGRAPHIC_TOKENS) }, fc.constant(' ')), {
    maxLength: 60,
  })
  .map((tokens) => tokens.join(''));

// ---- the round trip ---------------------------------------------------------------------------------------

const wordsOf = (text: string): string[] => text.split(/\s+/).filter(Boolean);
const HYPHENS = /[-\u00AD]$/;

/** The story's words in reading order, with the Markdown the parser took away put back (`#`, `**`). */
const storyWords = (draft: ParsedDraft, hadHeading: boolean): string[] => [
  ...(hadHeading ? ['#', ...wordsOf(draft.title)] : []),
  ...wordsOf(draft.deck ?? ''),
  ...(draft.lede ? wordsOf(`**${draft.lede}**`) : []),
  ...wordsOf(draft.bodyMarkdown),
  ...wordsOf(draft.signature ?? ''),
];

/**
 * Walk the draft's words and the story's together: equal words match; a word ending in a hyphen matches the start
 * of the story's word when joined with the next (the hyphen dropped or kept, as the repair decided). Returns how
 * many joins it took, or the first place where the two differ.
 */
const matchWords = (input: string[], output: string[]): { joins: number } | { mismatch: string } => {
  let i = 0;
  let joins = 0;
  for (const [j, target] of output.entries()) {
    let acc = input[i] ?? '';
    i += 1;
    while (acc.replaceAll('\u00AD', '') !== target && HYPHENS.test(acc) && i < input.length) {
      const next = input[i] ?? '';
      const dropped = acc.slice(0, -1) + next;
      const kept = acc.replace(/\u00AD$/, '-') + next;
      acc = target.startsWith(dropped) ? dropped : kept;
      i += 1;
      joins += 1;
    }
    if (acc.replaceAll('\u00AD', '') !== target) return { mismatch: `word ${j}: "${acc}" ≠ "${target}"` };
  }
  return i === input.length ? { joins } : { mismatch: `${input.length - i} words of the draft are missing` };
};

/** `before` is `after` with the reporter's break (and a dropped hyphen) put back, and both are short. */
const expectReversible = (fix: Fix): void => {
  const parts = /^([^\n]*)(\n+)([^\n]*)$/.exec(fix.before);
  expect(parts, JSON.stringify(fix)).not.toBeNull();
  const [, left = '', , right = ''] = parts ?? [];
  if (fix.kind === 'hyphenation') {
    expect(left).toMatch(/-$/);
    expect([left.slice(0, -1) + right, left + right]).toContain(fix.after);
  } else {
    expect(fix.after).toBe(`${left} ${right}`);
  }
  const side = DRAFT_SAMPLES.excerptCharacters;
  expect(fix.before.length).toBeLessThanOrEqual(2 * side + DRAFT_SAMPLES.excerptBlankLines + 1);
  expect(fix.after.length).toBeLessThanOrEqual(2 * side + 1);
};

// ---- properties -------------------------------------------------------------------------------------------

describe('parseDraft on arbitrary drafts', () => {
  it(
    'returns a draft or a typed draft error, never anything else',
    () => {
      fc.assert(
        fc.property(anyDraft, (text) => {
          parseOrRefuse(text);
        }),
        { numRuns: 400 },
      );
    },
    TIMEOUT_MS,
  );

  it(
    'round-trips the words of the story, modulo the reported joins, each exactly reversible',
    () => {
      fc.assert(
        fc.property(plainStory, (text) => {
          const draft = parseOrRefuse(text);
          if (!draft) return;
          const body = text.replace(/\u00AD\n/g, '\u00AD\n');
          const matched = matchWords(wordsOf(body), storyWords(draft, true));
          expect(matched).toEqual({ joins: draft.fixes.filter((f) => f.kind === 'hyphenation').length });
          draft.fixes.forEach(expectReversible);
        }),
        { numRuns: 300 },
      );
    },
    TIMEOUT_MS,
  );

  it(
    'typesets idempotently: typesetting typeset text changes nothing',
    () => {
      fc.assert(
        fc.property(
          fc.oneof(
            plainStory,
            specialText.map((t) => `# Заголовок\n\n${t}`),
          ),
          (text) => {
            const draft = parseOrRefuse(text);
            if (!draft) return;
            const html = typesetHtml(renderMarkdownBody(draft.bodyMarkdown), draft.lang);
            expect(typesetHtml(html, draft.lang)).toBe(html);
            const title = typesetText(draft.title, draft.lang);
            expect(typesetText(title, draft.lang)).toBe(title);
            // The whole typeset step runs too (sanitizer included) without throwing.
            typesetStory(pageInput(draft));
          },
        ),
        { numRuns: 200 },
      );
    },
    TIMEOUT_MS,
  );

  it(
    'typesets idempotently where one pass settles the text (the rules it then skips confirming)',
    () => {
      fc.assert(
        fc.property(typographicText, fc.constantFrom('ru', 'en'), fc.boolean(), (text, lang: Lang, asHtml) => {
          if (asHtml) {
            const html = typesetHtml(renderMarkdownBody(text), lang);
            expect(typesetHtml(html, lang)).toBe(html);
          } else {
            const typeset = typesetText(text, lang);
            expect(typesetText(typeset, lang)).toBe(typeset);
          }
        }),
        { numRuns: 1_000 },
      );
    },
    TIMEOUT_MS,
  );
});

describe('parseDraft on the shapes that crashed or stalled the API (issue 8) and other adversarial drafts', () => {
  it.each(ADVERSARIAL_DRAFTS.map((shape) => [shape.name, shape] as const))(
    '%s',
    (_name, shape) => {
      let outcome: string;
      let draft: ParsedDraft | undefined;
      try {
        draft = parseDraft(shape.text(), { deskNames: DESK_NAMES });
        outcome = 'parses';
      } catch (error) {
        if (!isDomainError(error)) throw error;
        outcome = error.code;
        // The refusal says which bound, and by how much when it knows.
        if (error.code === 'draft_too_complex') {
          expect(error.details).toMatchObject({ limit: aString, max: aNumber });
        }
      }
      expect(outcome).toBe(shape.expect);
      draft?.fixes.forEach(expectReversible);
    },
    TIMEOUT_MS,
  );

  const refusal = (text: string) => {
    try {
      parseDraft(text, { deskNames: DESK_NAMES });
    } catch (error) {
      if (isDomainError(error)) return { code: error.code, details: error.details, message: error.message };
      throw error;
    }
    return undefined;
  };

  it('refuses the front matter of 20,000 nested [ (40 KB) by size, and 4,000 of them by depth', () => {
    const brackets = `  ${'[ '.repeat(999)}[\n`.repeat(20);
    expect(refusal(`---\ntitle:\n${brackets}---\n# T\n\nТекст.`)).toMatchObject({
      code: 'draft_too_complex',
      details: { limit: 'front_matter_bytes', max: DRAFT_LIMITS.frontMatterBytes, actual: 7 + brackets.length - 1 },
    });
    expect(refusal(`---\ntitle: ${'['.repeat(4_000)}\n---\n# T\n\nТекст.`)).toMatchObject({
      code: 'draft_too_complex',
      details: { limit: 'front_matter_depth', max: DRAFT_LIMITS.frontMatterDepth },
    });
  });

  it('refuses YAML aliases, syntax errors and wrong types as front_matter_invalid', () => {
    for (const yaml of ['title: &t T\ndeck: *t', 'title: [unclosed', 'title: {a: 1}', 'tags: [[a]]']) {
      expect(refusal(`---\n${yaml}\n---\n# T\n\nТекст.`), yaml).toMatchObject({ code: 'front_matter_invalid' });
    }
  });

  it('refuses 5,000 lines of "a-" (15 KB) for its repairs, and 48,000 for its lines', () => {
    expect(refusal(`# T\n\n${'a-\n'.repeat(5_000)}`)).toMatchObject({
      code: 'draft_too_complex',
      details: { limit: 'repairs', max: DRAFT_LIMITS.repairs },
    });
    expect(refusal(`# T\n\n${'a-\n'.repeat(48_000)}`)).toMatchObject({
      code: 'draft_too_complex',
      details: { limit: 'lines', max: DRAFT_LIMITS.lines, actual: 48_003 },
    });
  });

  it('keeps the repairs of 500 hyphenated lines (3.5 KB) small: excerpts, not the merged word', () => {
    const draft = parseDraft(`# T\n\n${'слово-\n'.repeat(500)}`, { deskNames: DESK_NAMES });
    expect(draft.fixes).toHaveLength(499);
    draft.fixes.forEach(expectReversible);
    expect(JSON.stringify(draft.fixes).length).toBeLessThan(500 * 200);
  });

  it('refuses a 100,000-character title, an 80 KB word and a 31,000-character line, saying where', () => {
    expect(refusal(`# ${'заголовок '.repeat(10_000)}\n\nТекст.`)).toMatchObject({
      code: 'draft_too_complex',
      details: { limit: 'line_characters', line: 1 },
    });
    expect(refusal(`# ${'заголовок '.repeat(1_000)}\n\nТекст.`)).toMatchObject({
      code: 'draft_too_complex',
      details: { limit: 'title_characters', max: DRAFT_LIMITS.titleCharacters, actual: 9_999 },
    });
    expect(refusal(`# T\n\n${'a'.repeat(80_000)}`)).toMatchObject({
      code: 'draft_too_complex',
      details: { limit: 'word_characters', actual: 80_000, line: 3 },
    });
    const long = refusal(`# T\n\n${'слово '.repeat(5_166)}конец`);
    expect(long).toMatchObject({ code: 'draft_too_complex', details: { limit: 'line_characters', line: 3 } });
    expect(long?.message).toBe('line 3 is 31,001 characters long; the limit is 20,000 — break it into paragraphs.');
  });

  it('refuses 16,000 repaired paragraphs for their lines, and a title and 5,000 list items for their blocks', () => {
    expect(refusal(`# T\n\n${'слово и\n\n'.repeat(16_000)}`)).toMatchObject({ details: { limit: 'lines' } });
    expect(refusal(`# T\n${'- пункт\n'.repeat(DRAFT_LIMITS.blocks)}`)).toMatchObject({
      code: 'draft_too_complex',
      details: { limit: 'blocks', max: DRAFT_LIMITS.blocks, actual: DRAFT_LIMITS.blocks + 1 },
    });
  });
});
