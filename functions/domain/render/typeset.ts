import Typograf from 'typograf';
import { createBoundedCache } from './bounded-cache.js';
import type { Lang } from './types.js';

const LOCALES: Record<Lang, string[]> = { ru: ['ru', 'en-US'], en: ['en-US'] };

/**
 * Typograf's 'common/space/afterColon' and 'common/space/afterComma' put a space after the mark unless a quote or
 * another mark follows, but each consumes the character after the mark, so of two marks in a row only the first got
 * its space (",#,#" → ", #,#", and again → ", #, #"); and its quote rule runs later and turns a straight quote into
 * «», so typesetting the result again spaced it (":»" → ": »"). The same rules, matching the neighbours without
 * consuming them and with every quote mark in the exceptions, keep typography idempotent. A comma between two digits
 * stays a decimal comma. (Typograf's rules are global: added once, when this module loads.)
 */
const NOT_AFTER_MARK = String.raw`[^)"«»„“”‹›,:.?\s/\\\uF000]`;
const AFTER_COLON = new RegExp(String.raw`(?<=\D):(?=${NOT_AFTER_MARK})`, 'g');
const AFTER_COMMA = new RegExp(String.raw`(?<=(.)),(?=(${NOT_AFTER_MARK}))`, 'g');
const isDigit = (ch: string): boolean => ch >= '0' && ch <= '9';
Typograf.addRule({
  name: 'common/space/afterColonUnlessQuote',
  handler: (text: string) => text.replace(AFTER_COLON, ': '),
});
Typograf.addRule({
  name: 'common/space/afterCommaUnlessQuote',
  handler: (text: string) =>
    text.replace(AFTER_COMMA, (_comma: string, before: string, after: string) =>
      isDigit(before) && isDigit(after) ? ',' : ', ',
    ),
});
/**
 * Typograf's 'common/space/delBeforePunctuation' deletes one space before , ; : ! ? per pass, so an indented line that
 * starts with a mark ("x\n \t ,y": a tab is four spaces by then) lost one space per pass and never settled within the
 * passes allowed. The same rule deleting the whole run: the text where the original would have ended, in one pass.
 * A run after another mark stays (". ," as before), and a mark before ")" keeps its space.
 */
const SPACES_BEFORE_MARK = /(?<=^|[^!?:;,.… ]) +(?=[!?:;,](?!\)))/g;
Typograf.addRule({
  name: 'common/space/delBeforePunctuationRun',
  handler: (text: string) => text.replace(SPACES_BEFORE_MARK, ''),
});
const instances = new Map<Lang, Typograf>();

/**
 * Rules whose changes cannot make any rule at or before them in Typograf's order match the result, so a pass in
 * which only these changed the text ends at a fixed point, and no second pass is needed to confirm it (below).
 * - trimLeft, trimRight: they delete whitespace at the ends of the text, where no earlier rule's pattern starts
 *   or ends on whitespace;
 * - html/quot: it turns &quot; into " before every rule of the main queue, so those saw its result already;
 * - the no-break space rules: they turn a space into a no-break space. Every rule before them treats the two
 *   alike (both are \s, or both are listed), except delRepeatSpace, whose runs of spaces they cannot create;
 * - ru/dash/main (" - " → " — "): as above for the space it replaces; the dash it writes ends the match, so a
 *   second dash right after it ("a - - b") is left for the next pass. The pattern says when that happened.
 * A rule not listed here (or a listed one whose pattern matches the result) sends the text through more passes.
 * Found from the rules' sources; the property tests (typesetting typeset text changes nothing) check it.
 */
const SETTLING_RULES: ReadonlyMap<string, RegExp | undefined> = new Map([
  ['common/space/trimLeft', undefined],
  ['common/space/trimRight', undefined],
  ['common/html/quot', undefined],
  ['common/nbsp/afterShortWord', undefined],
  ['common/nbsp/afterShortWordByList', undefined],
  ['common/nbsp/beforeShortLastWord', undefined],
  ['ru/nbsp/dayMonth', undefined],
  ['ru/dash/main', /(?: (?:--?|‒|–|—)|\u00A0(?:--?|‒|–))[ \u00A0\n]/],
]);

/** The rules that changed the text in the current pass (Typograf runs synchronously: one pass at a time). */
const pass = { changedBy: new Set<string>(), before: '' };

const watchRules = (typograf: Typograf): void => {
  typograf.onBeforeRule = (_name, context) => {
    pass.before = context.text;
  };
  typograf.onAfterRule = (name, context) => {
    if (context.text !== pass.before) pass.changedBy.add(name);
  };
};

/** One pass of Typograf, and whether its result is known to be a fixed point (another pass would change nothing). */
const executeWatched = (run: () => string): { text: string; settled: boolean } => {
  pass.changedBy.clear();
  const text = run();
  pass.before = '';
  const settled = [...pass.changedBy].every(
    (name) => SETTLING_RULES.has(name) && !(SETTLING_RULES.get(name)?.test(text) ?? false),
  );
  return { text, settled };
};

// Anchored at the start of a run (the lookbehind): unanchored, the engine tried 80 characters from every position.
const LONG_RUN = /(?<![^\s<>])[^\s<>]{80,}/g;

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
    typograf.disableRule('common/space/afterComma');
    typograf.disableRule('common/space/delBeforePunctuation');
    watchRules(typograf);
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

/** Passes of Typograf over a fragment until it stops changing (see typesetHtml). */
const MAX_PASSES = 4;

/**
 * Typeset results kept per warm process (about 4 MB of UTF-16 at most): a preview or autosave typesets the same
 * title and body again, listings the same titles and decks, bylines the same names. Typograf is pure and the key
 * holds everything the result depends on (which typesetter, the language, the text), so a hit gives exactly what
 * the passes would. A result is also kept as its own entry only once a pass has confirmed it changes nothing.
 */
const FIXED_POINTS = createBoundedCache(2_000_000);

/** Runs `once` until the text stops changing (at most MAX_PASSES): typesetting typeset text then changes nothing. */
const toFixedPoint = (key: string, text: string, once: (t: string) => string): string => {
  const cached = FIXED_POINTS.get(key + text);
  if (cached !== undefined) return cached;
  const first = executeWatched(() => once(text));
  let current = first.text;
  // Known settled without a confirming pass: not kept as its own entry, so typesetting the result again (as the
  // property tests do) really runs Typograf over it.
  let confirmed = false;
  for (let n = 1; n < MAX_PASSES && !first.settled && !confirmed; n += 1) {
    const next = once(current);
    confirmed = next === current;
    current = next;
  }
  FIXED_POINTS.set(key + text, current);
  if (confirmed) FIXED_POINTS.set(key + current, current);
  return current;
};

/**
 * Typeset an HTML fragment. Typograf leaves tags, attributes, <code>/<pre> and URLs alone (its safe tags); the
 * result still goes through the sanitizer, so nothing here is trusted as safe HTML.
 *
 * By default Typograf runs all its rules once per paragraph, so that an unclosed quote in one paragraph cannot
 * change the quotes of the next; that costs 2.1 ms on the seed story (most of the page's budget). When every
 * paragraph's quotes are self-contained the per-paragraph split changes nothing (the tests check that the
 * outputs are equal), so the rules run once over the whole fragment: 0.6 ms. Otherwise the exact, slower way.
 *
 * One pass of Typograf is not always its own fixed point: a rule can make text another rule, earlier in its order,
 * would have changed (unpaired quotes: '««|"' becomes '«„|“', and that '«„|»'; "| .(" becomes "| . (", and that
 * "|. ("). Property tests found such texts, so a fragment runs again until nothing changes, and typesetting typeset
 * text changes nothing. The confirming pass is skipped where only SETTLING_RULES changed the text (the seed story
 * and most plain prose): one pass instead of two, 0.5 ms less on the seed story.
 */
export const typesetHtml = (html: string, lang: Lang): string =>
  toFixedPoint(`html\u0000${lang}\u0000`, html, (t) => typesetOnce(t, lang));

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
export const typesetText = (text: string, lang: Lang): string =>
  toFixedPoint(`text\u0000${lang}\u0000`, text, (t) => typografFor(lang).execute(t));
