import Typograf from 'typograf';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseDraft } from '../../../functions/domain/render/parse-draft.js';
import { renderMarkdownBody } from '../../../functions/domain/render/render-markdown.js';
import { typesetHtml, typesetHtmlByParagraph, typesetText } from '../../../functions/domain/render/typeset.js';
import { DESK_NAMES, NBSP, readFixture, readSeed } from './helpers.js';

const seedHtml = (): string => renderMarkdownBody(readSeed());

describe('typesetHtml (ru)', () => {
  const html = typesetHtml(seedHtml(), 'ru');

  it('puts a no-break space before the dash and after short words', () => {
    expect(html).toContain(`государств${NBSP}— членов`);
    expect(html).toContain(`стран${NBSP}— участниц`);
    expect(html).toContain(`в${NBSP}Баку`);
    expect(html).not.toContain(' - ');
  });

  it('uses «ёлочки» and Unicode, not entities', () => {
    expect(typesetHtml('<p>Он назвал это "прорывом" - и ушёл.</p>', 'ru')).toBe(
      `<p>Он${NBSP}назвал это «прорывом»${NBSP}— и${NBSP}ушёл.</p>`,
    );
    expect(html).not.toMatch(/&(?:nbsp|mdash|laquo|raquo);/);
  });

  it('is idempotent', () => {
    expect(typesetHtml(html, 'ru')).toBe(html);
  });

  it('is idempotent where one pass of Typograf is not (texts the property tests found)', () => {
    for (const source of ['<p>,#,#</p>', '<p>| .(</p>', '<p>a,b,c и x:y:z</p>', '<p>««|"</p>']) {
      const once = typesetHtml(source, 'ru');
      expect(typesetHtml(once, 'ru'), source).toBe(once);
    }
    // An indented line that starts with a mark: Typograf deleted one space before it per pass, more than the passes
    // allowed (a tab is four spaces by then).
    for (const source of ['x\n \t ,y', 'a\n\t ;b', 'a\n\t\t\t\t!b']) {
      const once = typesetText(source, 'ru');
      expect(once, source).not.toMatch(/ [,;!]/);
      expect(typesetText(once, 'ru'), source).toBe(once);
    }
    // A space after another mark stays, as Typograf has it; a mark before ")" keeps its space.
    expect(typesetText('a. , b', 'ru')).toBe('a. , b');
    expect(typesetText('(a ,) b', 'ru').replaceAll(NBSP, ' ')).toBe('(a ,) b');
    // Every comma and colon gets its space, not every other one; a decimal comma stays.
    expect(typesetHtml('<p>a,b,c и x:y:z, 3,14</p>', 'ru').replaceAll(NBSP, ' ')).toBe(
      '<p>a, b, c и x: y: z, 3,14</p>',
    );
  });

  it('never touches code, URLs or attributes', () => {
    const source =
      '<p><a href="https://example.org/a--b?x=1&amp;y=2" title="a - b">ссылка - "тут"</a> и https://example.org/x--y "тоже"</p>\n' +
      '<pre><code>if (a - b) { say("hi") }</code></pre>\n<p>Код <code>"x" - y</code> в строке.</p>';
    const out = typesetHtml(source, 'ru');
    expect(out).toContain('<a href="https://example.org/a--b?x=1&amp;y=2" title="a - b">');
    expect(out).toContain(`ссылка${NBSP}— «тут»`);
    expect(out).toContain('https://example.org/x--y');
    expect(out).toContain('<pre><code>if (a - b) { say("hi") }</code></pre>');
    expect(out).toContain('<code>"x" - y</code>');
  });

  it('leaves runs of 80+ characters without spaces (pasted data, never words) untouched', () => {
    const run = `${'ж'.repeat(90)}"кв"-ка`;
    expect(typesetHtml(`<p>${run} ка</p>`, 'ru')).toBe(`<p>${run} ка</p>`);
    expect(typesetHtml('<p>дай ка "это"</p>', 'ru')).toBe('<p>дай-ка «это»</p>');
  });

  it('leaves escaped markup and ampersands as they are', () => {
    // "AT&T" is one word to the rules, not a short "T" that would take a no-break space after it.
    expect(typesetHtml('<p>AT&amp;T и &lt;b&gt;не тег&lt;/b&gt;</p>', 'ru')).toBe(
      `<p>AT&amp;T и${NBSP}&lt;b&gt;не${NBSP}тег&lt;/b&gt;</p>`,
    );
  });
});

describe('typesetting without a confirming pass', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });
  /** How many times Typograf runs over a text not typeset before (a new sentence keeps the cache out of it). */
  const countPasses = (typeset: () => string): { passes: number; result: string } => {
    const execute = vi.spyOn(Typograf.prototype, 'execute');
    const result = typeset();
    return { passes: execute.mock.calls.length, result };
  };

  it('runs Typograf once over the seed: only rules that settle in one pass changed it', () => {
    const html = `${seedHtml()}<p>Пункт ${Math.random()} - и в Баку 20 ноя.</p>`;
    const { passes, result } = countPasses(() => typesetHtml(html, 'ru'));
    expect(passes).toBe(1);
    expect(result).toContain(`Пункт`);
    expect(result).toContain(`${NBSP}— и${NBSP}в${NBSP}Баку 20${NBSP}ноя.`);
    expect(typesetHtml(result, 'ru')).toBe(result);
  });

  it('confirms with another pass when another rule changed the text, or a dash follows a dash', () => {
    for (const html of ['<p>Он назвал это "прорывом".</p>', '<p>a,b и x:y</p>', '<p>а - - б</p>', '<p>а -- -- б</p>']) {
      const { passes, result } = countPasses(() => typesetHtml(html, 'ru'));
      expect(passes, html).toBeGreaterThan(1);
      expect(typesetHtml(result, 'ru'), html).toBe(result);
      vi.restoreAllMocks();
    }
  });
});

describe('typesetHtml fast path', () => {
  it('gives what per-paragraph processing gives when quotes stay inside paragraphs', () => {
    for (const html of [seedHtml(), renderMarkdownBody(readFixture('world-ceasefire-en.md'))]) {
      for (const lang of ['ru', 'en'] as const) {
        expect(typesetHtml(html, lang)).toBe(typesetHtmlByParagraph(html, lang));
      }
    }
  });

  it('falls back to per-paragraph processing when a quote is left open', () => {
    const html = renderMarkdownBody(
      'Он сказал: "начало без конца\n\n"Цитата" и "ещё одна" тут.\n\n«Ёлочки» и „лапки“.',
    );
    expect(typesetHtml(html, 'ru')).toBe(typesetHtmlByParagraph(html, 'ru'));
    expect(typesetHtml(html, 'ru')).toContain('<p>«Цитата» и«ещё одна» тут.</p>'.replace('и«', `и${NBSP}«`));
  });
});

describe('typesetHtml (en) and typesetText', () => {
  it('uses English quotes and apostrophes for English copy', () => {
    expect(typesetHtml('<p>"We don\'t know," she said - twice.</p>', 'en')).toBe(
      `<p>“We${NBSP}don’t know,” she said${NBSP}— twice.</p>`,
    );
  });

  it('typesets plain text and returns plain text', () => {
    const draft = parseDraft(readSeed(), { deskNames: DESK_NAMES });
    expect(typesetText(draft.deck ?? '', 'ru')).toBe(
      `В${NBSP}Баку состоялось второе заседание министров юстиции государств${NBSP}— членов Организации тюркских государств`,
    );
    expect(typesetText('Tom & Jerry <b> "x"', 'en')).toBe('Tom & Jerry <b> “x”');
  });
});
