/**
 * Hostile and extreme drafts of about 150,000 characters each (the API's limit), shaped after the failures in
 * issue 8 and after what is known to make Markdown, YAML and typography libraries slow. The bench
 * (tests/bench/render.ts) times each one; the property tests (tests/unit/render/parse-draft.property.test.ts) parse
 * each one and accept only a parse or a typed refusal.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DRAFT_LIMITS } from '../../functions/domain/render/draft-limits.js';

const SIZE = DRAFT_LIMITS.draftCharacters;
const SEED = fileURLToPath(new URL('../../content/drafts/otg-justice-ministers-baku.txt', import.meta.url));

/** `unit` repeated to fill the draft after `head` (cut to exactly SIZE characters at most). */
const fill = (head: string, unit: string, size: number = SIZE, tail = ''): string => {
  const room = size - head.length - tail.length;
  return head + unit.repeat(Math.max(0, Math.floor(room / unit.length))) + tail;
};

/** `unit` repeated in lines just under the line limit, to fill the draft after `head`. */
const fillLines = (head: string, unit: string, lineEnd = '\n'): string =>
  fill(head, unit.repeat(Math.floor((DRAFT_LIMITS.lineCharacters - 1) / unit.length)) + lineEnd);

const TITLE = '# Заголовок материала\n\n';
const word = (n: number, ch = 'а') => ch.repeat(n);
/** A line of `words` words of `length` letters, as long as a line may be. */
const longLine = (length: number, max: number = DRAFT_LIMITS.lineCharacters) =>
  `${`${word(length)} `.repeat(Math.floor(max / (length + 1)) - 1)}${word(length)}`;

export interface AdversarialDraft {
  name: string;
  /** What the parser must do with it: parse it, or refuse it with this DomainError code. */
  expect: 'parses' | 'draft_too_complex' | 'front_matter_invalid';
  text: () => string;
}

export const ADVERSARIAL_DRAFTS: readonly AdversarialDraft[] = [
  {
    name: 'seed story repeated (a long real story)',
    expect: 'parses',
    text: () => {
      const seed = readFileSync(SEED, 'utf8');
      const body = seed.slice(seed.indexOf('\n') + 1);
      return fill(seed, `\n\n${body}`);
    },
  },
  {
    name: 'one paragraph of maximal lines',
    expect: 'parses',
    text: () => fill(TITLE, `${longLine(7)}\n`),
  },
  {
    name: 'words at the word limit',
    expect: 'parses',
    text: () => fill(TITLE, `${longLine(DRAFT_LIMITS.wordCharacters - 1)}\n\n`),
  },
  {
    name: 'Latin words at the word limit (language detection)',
    expect: 'parses',
    text: () => fillLines('# T\n\n', `${word(DRAFT_LIMITS.wordCharacters - 1, 'a')} `),
  },
  {
    name: 'title at the title limit, then 8,000 short lines',
    expect: 'parses',
    text: () => fill(`# ${'a'.repeat(DRAFT_LIMITS.titleCharacters - 2)} b\n\n`, `${longLine(5, 20)}\n`),
  },
  {
    name: 'hyphen breaks up to the repair limit, then long lines',
    expect: 'parses',
    text: () => fillLines(`${TITLE}${'ab-\n'.repeat(DRAFT_LIMITS.repairs)}\n`, 'Слово '),
  },
  {
    name: 'paragraph joins up to the repair limit, then blank-line paragraphs',
    expect: 'parses',
    text: () => fill(TITLE + 'слово и\n\n'.repeat(DRAFT_LIMITS.repairs), `${longLine(5, 100)}.\n\n`),
  },
  {
    name: 'paragraphs up to the block limit',
    expect: 'parses',
    text: () =>
      TITLE + `${longLine(6, Math.floor(SIZE / DRAFT_LIMITS.blocks) - 4)}.\n\n`.repeat(DRAFT_LIMITS.blocks - 2),
  },
  {
    name: 'a list up to the block limit, then one long line',
    expect: 'parses',
    text: () => fillLines(TITLE + '- а\n'.repeat(DRAFT_LIMITS.blocks - 10) + '\n', 'слово '),
  },
  {
    name: 'nested lists and quotes',
    expect: 'parses',
    text: () => fill(TITLE, `${'> '.repeat(40)}${'- '.repeat(40)}слово\n`),
  },
  {
    name: 'emphasis delimiters',
    expect: 'parses',
    text: () => fillLines(TITLE, '*a **b _c __d '),
  },
  {
    name: 'unclosed links and images',
    expect: 'parses',
    text: () => fillLines(TITLE, '[a ![b [c](d '),
  },
  {
    name: 'backticks of every length',
    expect: 'parses',
    text: () => fillLines(TITLE, '` `` ``` a '),
  },
  {
    name: 'angle brackets and entities',
    expect: 'parses',
    text: () => fillLines(TITLE, '<a &amp; <b &#x41; '),
  },
  {
    name: 'URLs of 2,000 characters',
    expect: 'parses',
    text: () =>
      fill(TITLE, `https://example.org/${'a/'.repeat(990)} [ссылка](https://example.org/${'b'.repeat(1980)})\n\n`),
  },
  {
    name: 'typography: quotes, dashes and ellipses',
    expect: 'parses',
    text: () => fillLines(TITLE, '"а" - «б "в» ... -- 1-2 '),
  },
  {
    name: 'quotes that never pair up (typography runs to a fixed point)',
    expect: 'parses',
    text: () => fillLines(TITLE, '««а "б „в ', '\n\n'),
  },
  {
    name: 'a wide table',
    expect: 'parses',
    text: () => {
      const row = `|${' a |'.repeat(4_000)}\n`;
      return fill(TITLE + row + `|${' --- |'.repeat(3_000)}\n`, row);
    },
  },
  {
    name: 'Cyrillic and Latin mixed in every word',
    expect: 'parses',
    text: () => fillLines(TITLE, 'аbвgдe '),
  },
  {
    name: 'spaces and soft hyphens at line ends',
    expect: 'parses',
    text: () => fill(TITLE, `Слово\u00AD${' '.repeat(200)}\n`),
  },
  {
    name: 'front matter at its limits',
    expect: 'parses',
    text: () => {
      // 20 tags and 10 authors of up to 100 characters (DRAFT_LIMITS.tags, authors, topicNameCharacters).
      const tags = Array.from({ length: 20 }, (_, i) => `  - ${'т'.repeat(90)}${i}`).join('\n');
      const authors = Array.from({ length: 10 }, (_, i) => `  - ${'а'.repeat(90)}${i}`).join('\n');
      return fillLines(`---\ntitle: Заголовок\ntags:\n${tags}\nauthors:\n${authors}\n---\n# Заголовок\n\n`, 'слово ');
    },
  },
  // Refused, quickly: the shapes from issue 8 that crashed or stalled the API.
  {
    name: 'front matter of 20,000 nested [ (issue 8)',
    expect: 'draft_too_complex',
    text: () => fill(`---\ntitle: ${'['.repeat(20_000)}\n---\n`, 'слово ', SIZE),
  },
  {
    name: 'front matter of nested [ under the size limit',
    expect: 'draft_too_complex',
    text: () => fillLines(`---\ntitle: ${'[ '.repeat(8_000)}\n---\n`, 'слово '),
  },
  {
    name: 'front matter aliases (billion laughs)',
    expect: 'front_matter_invalid',
    text: () =>
      fillLines(
        '---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\ntitle: t\n---\n',
        'слово ',
      ),
  },
  {
    name: '48,000 lines of "a-" (issue 8)',
    expect: 'draft_too_complex',
    text: () => fill(TITLE, 'a-\n'),
  },
  {
    name: '16,000 broken paragraphs (issue 8)',
    expect: 'draft_too_complex',
    text: () => fill(TITLE, 'слово и\n\n'),
  },
  {
    name: 'a title of 100,000 letters (issue 8)',
    expect: 'draft_too_complex',
    text: () => fill('# ', 'a', 100_002, '\n\nТекст.'),
  },
  {
    name: 'one word of 150,000 letters (issue 8)',
    expect: 'draft_too_complex',
    text: () => fill(TITLE, 'a'),
  },
  {
    name: 'one list of 37,000 one-word items',
    expect: 'draft_too_complex',
    text: () => fill(TITLE, '- а\n'),
  },
  {
    name: 'a line of 150,000 characters',
    expect: 'draft_too_complex',
    text: () => fill(TITLE, 'слово '),
  },
];
