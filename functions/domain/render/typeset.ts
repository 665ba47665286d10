import Typograf from 'typograf';
import type { Lang } from './types.js';

const LOCALES: Record<Lang, string[]> = { ru: ['ru', 'en-US'], en: ['en-US'] };

/**
 * Typograf's 'common/space/afterColon' puts a space after a colon unless a straight quote follows; but its quote
 * rule runs later and turns that quote into «», so typesetting the result again spaced it (":»" → ": »"). The
 * same rule, with every quote mark in the exceptions, keeps typography idempotent. (Typograf's rules are global:
 * added once, when this module loads.)
 */
const AFTER_COLON = /(\D):([^)"«»„“”‹›,:.?\s/\\\uF000])/g;
Typograf.addRule({
  name: 'common/space/afterColonUnlessQuote',
  handler: (text: string) => text.replace(AFTER_COLON, '$1: $2'),
});
const instances = new Map<Lang, Typograf>();
const LONG_RUN = /[^\s<>]{80,}/g;

/**
 * Entities markdown-it writes in text, swapped for invisible characters while Typograf runs (Typograf deletes
 * private-use characters; normalizeDraftText deletes these two, so no draft holds them):
 * - "&amp;": Typograf does not decode it; as a character its ";" can't gain a space ("AT&amp; T");
 * - "&lt;": Typograf hides escaped tags with /&lt;\/?[a-z][^]*?&gt;/, which scans to the end of the text from every
 *   "&lt;a" no "&gt;" closes: quadratic (0.5 s for 140,000 characters of "<a").
 * Not as Typograf safe tags: each one becomes a label that Typograf looks up again once per safe-tag pattern
 * (a dozen), so thousands of them cost more than the typography itself.
 */
const PLACEHOLDERS: ReadonlyArray<[entity: string, placeholder: string]> = [
  ['&amp;', '\u2063'],
  ['&lt;', '\u2064'],
];
const protectEntities = (html: string): string =>
  PLACEHOLDERS.reduce((text, [entity, placeholder]) => text.replaceAll(entity, placeholder), html);
const restoreEntities = (html: string): string =>
  PLACEHOLDERS.reduce((text, [entity, placeholder]) => text.replaceAll(placeholder, entity), html);

/**
 * One Typograf per language, built on first use (construction sorts ~90 rules; execution is pure, so sharing
 * them is safe). Defaults otherwise: Unicode output, «ёлочки» and no-break spaces for ru.
 */
const typografFor = (lang: Lang): Typograf => {
  let typograf = instances.get(lang);
  if (!typograf) {
    typograf = new Typograf({ locale: LOCALES[lang], htmlEntity: { type: 'default' } });
    // Some rules are quadratic in the length of a word (ru/dash/ka: 50,000 letters take a second, 200,000 take
    // 16 s). No word is 80 characters long; such runs are pasted data, and typography has nothing to do in them.
    typograf.addSafeTag(LONG_RUN);
    // It swaps up to 3 Latin letters before Cyrillic ones per pass ("aaaaа" → "aаааа" → "ааааа"), so typesetting
    // twice gave a different text; and it changes what the text says (a mixed-script name), which is the desk's job.
    typograf.disableRule('ru/typo/switchingKeyboardLayout');
    typograf.disableRule('common/space/afterColon');
    instances.set(lang, typograf);
  }
  return typograf;
};

/** Where one block's text ends in the HTML that markdown-it writes. */
const BLOCK_END = /<\/(?:p|h[1-6]|li|td|th|blockquote)>/;
/** Quote marks Typograf pairs up (its 'common/quote' data) other than the straight " and «». */
const OTHER_QUOTES = /[‹›„“‟”]/;

/**
 * Whether every block's quotes open and close inside that block: straight quotes in pairs, «» properly nested,
 * no other quote marks. Then Typograf's quote nesting cannot carry from one paragraph into the next.
 */
const quotesStayInBlocks = (html: string): boolean =>
  html.split(BLOCK_END).every((chunk) => {
    const text = chunk.replace(/<[^>]*>/g, '');
    if (OTHER_QUOTES.test(text) || (text.match(/&quot;|"/g)?.length ?? 0) % 2 !== 0) return false;
    let depth = 0;
    for (const ch of text) {
      if (ch === '«') depth += 1;
      else if (ch === '»' && --depth < 0) return false;
    }
    return depth === 0;
  });

/** Passes of Typograf over a fragment whose quotes don't pair up, until it stops changing (see typesetHtml). */
const MAX_PASSES = 4;

/**
 * Typeset an HTML fragment. Typograf leaves tags, attributes, <code>/<pre> and URLs alone (its safe tags); the
 * result still goes through the sanitizer, so nothing here is trusted as safe HTML.
 *
 * By default Typograf runs all its rules once per paragraph, so that an unclosed quote in one paragraph cannot
 * change the quotes of the next; that costs 2.1 ms on the seed story (most of the page's budget). When every
 * paragraph's quotes are self-contained the per-paragraph split changes nothing (the tests check that the
 * outputs are equal), so the rules run once over the whole fragment: 0.6 ms. Otherwise the exact, slower way.
 *
 * With quotes that don't pair up, one pass of Typograf's quote rule is not its own fixed point ('««|"' becomes
 * '«„|“', and that '«„|»'), so that case runs again until nothing changes (at most MAX_PASSES): typesetting
 * typeset text then changes nothing. Real paragraphs pair their quotes and take one pass.
 */
export const typesetHtml = (html: string, lang: Lang): string => {
  let current = typesetOnce(html, lang);
  if (quotesStayInBlocks(html)) return current;
  for (let pass = 1; pass < MAX_PASSES; pass += 1) {
    const next = typesetOnce(current, lang);
    if (next === current) break;
    current = next;
  }
  return current;
};

const typesetOnce = (html: string, lang: Lang): string =>
  restoreEntities(
    typografFor(lang).execute(protectEntities(html), { processingSeparateParts: !quotesStayInBlocks(html) }),
  );

/** The same with Typograf's per-paragraph processing forced on (the reference the fast path is tested against). */
export const typesetHtmlByParagraph = (html: string, lang: Lang): string =>
  restoreEntities(typografFor(lang).execute(protectEntities(html), { processingSeparateParts: true }));

/**
 * Typeset plain text (title, deck, names). The result is plain text again: escape it where it is used.
 */
export const typesetText = (text: string, lang: Lang): string => typografFor(lang).execute(text);
