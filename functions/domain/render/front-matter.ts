import { parse as parseYaml, Parser, YAMLError, type CST } from 'yaml';
import en from 'zod/v4/locales/en.js';
import * as z from 'zod/mini';
import { DomainError } from '../errors.js';
import { DRAFT_LIMITS, formatCount, tooComplex } from './draft-limits.js';
import { EXAMPLE_MEDIA_ID, MEDIA_ID_PATTERN } from './media-refs.js';
import type { Lang } from './types.js';

export interface FrontMatter {
  title?: string;
  /** An empty `deck:` says "this story has no standfirst" and turns off deck detection. */
  deck?: string;
  desk?: string;
  byline?: string;
  /** Names of the story's authors; an explicit empty list means an unsigned story (the desk's). */
  authors?: string[];
  tags?: string[];
  lang?: Lang;
  /** Media id of the lead image. */
  image?: string;
}

/** YAML turns `title: 2026` into a number; a reporter means the text. */
const textField = (max: number) =>
  z.pipe(
    z.pipe(
      z.union([z.string(), z.number(), z.boolean()]),
      z.transform((value) => String(value).replace(/\s+/g, ' ').trim()),
    ),
    z.string().check(z.maxLength(max, `must be at most ${max} characters`)),
  );

/**
 * A list of names (authors, tags): a YAML list, or `право, ОТГ` written by hand. Blank and repeated names go; the
 * count and length bounds are checked after parsing (`checkNameBounds`), as `draft_too_complex` with the bound named.
 */
const namesField = z.pipe(
  z.union([
    z.array(textField(DRAFT_LIMITS.frontMatterBytes)),
    z.pipe(
      z.string(),
      z.transform((value) => value.split(',').map((name) => name.trim())),
    ),
    z.pipe(
      z.null(),
      z.transform((): string[] => []),
    ),
  ]),
  z.transform((names) => [...new Set(names.filter((name) => name.length > 0))]),
);

const MEDIA_ID_MESSAGE = `must be a photograph id from the Photos panel (26 characters, e.g. ${EXAMPLE_MEDIA_ID})`;

const frontMatterSchema = z.strictObject({
  title: z.optional(textField(DRAFT_LIMITS.titleCharacters)),
  deck: z.optional(
    z.union([
      textField(1000),
      z.pipe(
        z.null(),
        z.transform(() => ''),
      ),
    ]),
  ),
  desk: z.optional(
    z.string().check(z.trim(), z.regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be a desk id such as "politics"')),
  ),
  byline: z.optional(textField(200)),
  authors: z.optional(namesField),
  tags: z.optional(namesField),
  lang: z.optional(z.enum(['ru', 'en'], { error: 'must be "ru" or "en"' })),
  // An empty `image:` means no lead image (the app clears the field that way).
  image: z.optional(
    z.union(
      [
        z.string().check(z.trim(), z.regex(MEDIA_ID_PATTERN, MEDIA_ID_MESSAGE)),
        z.pipe(
          z.null(),
          z.transform(() => undefined),
        ),
      ],
      { error: MEDIA_ID_MESSAGE },
    ),
  ),
});

const FRONT_MATTER_FIELDS = Object.keys(frontMatterSchema.shape);

/** zod/mini has no messages of its own: fields without one above get zod's English messages (about 3 KB of code). */
const englishIssues = en().localeError;

/** Front matter: a YAML block between `---` lines at the very top of the draft (blank lines before it are allowed). */
const FRONT_MATTER = /^(?:[ \t]*\n)*---[ \t]*\n(?:([\s\S]*?)\n)?(?:---|\.\.\.)[ \t]*(?:\n|$)/;

export interface SplitFrontMatter {
  frontMatter: FrontMatter;
  body: string;
}

/**
 * Split optional YAML front matter from the Markdown body. A `---` block whose content is not a YAML mapping (for
 * example a thematic break followed by prose) is not front matter and stays in the body; a mapping with invalid
 * YAML or invalid fields is refused (`front_matter_invalid`) with a message that names the field.
 *
 * yaml's composer recurses once per nesting level (20,000 nested `[` overflow the stack), so the size and the
 * depth are checked on yaml's own concrete syntax tree (built without recursion) before anything composes it.
 */
export const splitFrontMatter = (text: string): SplitFrontMatter => {
  const match = FRONT_MATTER.exec(text);
  if (!match) return { frontMatter: {}, body: text };
  const source = match[1] ?? '';
  const bytes = utf8Length(source);
  if (bytes > DRAFT_LIMITS.frontMatterBytes) {
    // Too big to read: front matter if it opens with one of our fields, else prose between two rules.
    if (!startsWithKnownField(source)) return { frontMatter: {}, body: text };
    throw tooComplex(
      'frontMatterBytes',
      bytes,
      `the front matter (the block between the --- lines at the top) is ${formatCount(bytes)} bytes`,
      'keep only title, deck, desk, byline, authors, tags, lang and image there and move the rest into the story',
    );
  }
  let data: unknown;
  try {
    checkYamlShape(source);
    data = parseYaml(source, { schema: 'core', uniqueKeys: true, maxAliasCount: 0 });
  } catch (error) {
    if (error instanceof DomainError && error.code === 'draft_too_complex') throw error;
    if (!looksLikeYamlMapping(source)) return { frontMatter: {}, body: text };
    if (error instanceof DomainError) throw error;
    const detail = error instanceof YAMLError ? (error.message.split('\n')[0] ?? '') : 'unreadable';
    throw new DomainError(
      'front_matter_invalid',
      `The front matter (the block between the --- lines at the top) is not valid YAML: ${detail}. ` +
        'Write one "field: value" per line, e.g. "title: Headline".',
    );
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return { frontMatter: {}, body: text };
  // A mapping without any known field is prose between two thematic breaks, not front matter.
  if (!Object.keys(data).some((key) => FRONT_MATTER_FIELDS.includes(key))) return { frontMatter: {}, body: text };
  const parsed = frontMatterSchema.safeParse(data, { error: englishIssues });
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) =>
        issue.code === 'unrecognized_keys'
          ? `unknown field(s) ${issue.keys.map((key) => `"${key}"`).join(', ')} (known: ${FRONT_MATTER_FIELDS.join(', ')})`
          : `"${issue.path.join('.')}" ${issue.message}`,
      )
      .join('; ');
    // The first field at fault, so the app can say which one (`error.code.front_matter_invalid.<field>`).
    const field = parsed.error.issues.map((issue) => issue.path[0]).find((key) => typeof key === 'string');
    throw new DomainError(
      'front_matter_invalid',
      `The front matter has invalid fields: ${problems}.`,
      field ? { field } : undefined,
    );
  }
  checkNameBounds(parsed.data);
  return { frontMatter: parsed.data, body: text.slice(match[0].length) };
};

const looksLikeYamlMapping = (source: string): boolean => /^[ \t]*[A-Za-z_][\w-]*[ \t]*:/m.test(source);

const startsWithKnownField = (source: string): boolean => {
  const first = source.split('\n', 50).find((line) => line.trim() !== '' && !line.trimStart().startsWith('#'));
  const key = /^([A-Za-z_][\w-]{0,30})[ \t]*:/.exec(first ?? '')?.[1];
  return key !== undefined && FRONT_MATTER_FIELDS.includes(key);
};

const utf8Length = (text: string): number => {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    // A surrogate pair (4 bytes in UTF-8) counts 2 + 2.
    bytes += code < 0x80 ? 1 : code < 0x800 || (code >= 0xd800 && code < 0xe000) ? 2 : 3;
  }
  return bytes;
};

const deeperThanAllowed = (): DomainError =>
  tooComplex(
    'frontMatterDepth',
    undefined,
    'the front matter nests lists or mappings too deeply',
    'write one "field: value" per line, and tags as a list of words',
  );

/**
 * An upper estimate of the flow nesting (`[`, `{`), one pass over the characters: yaml's own syntax tree costs
 * tens of milliseconds on 16 KB of brackets, so a hostile block is refused before yaml sees it. Quoted text and
 * comments don't count; a line that starts a new top-level field starts again from 0.
 */
const checkFlowDepth = (source: string): void => {
  let depth = 0;
  let quote = '';
  let comment = false;
  for (let i = 0; i < source.length; i += 1) {
    const ch = source[i];
    if (ch === '\n') {
      comment = false;
      const next = source[i + 1];
      if (next !== undefined && next !== ' ' && next !== '\t' && next !== '\n') depth = 0;
    } else if (comment) {
      continue;
    } else if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === '#' && (i === 0 || source[i - 1] === ' ' || source[i - 1] === '\t')) {
      comment = true;
    } else if (ch === '[' || ch === '{') {
      depth += 1;
      if (depth > DRAFT_LIMITS.frontMatterDepth) throw deeperThanAllowed();
    } else if ((ch === ']' || ch === '}') && depth > 0) {
      depth -= 1;
    }
  }
};

/**
 * Walk yaml's concrete syntax tree with an explicit stack: refuse collections nested deeper than the bound and any
 * alias (`*name`: front matter has nothing to repeat, and aliases are how "billion laughs" documents blow up).
 */
const checkYamlShape = (source: string): void => {
  checkFlowDepth(source);
  const stack: Array<[CST.Token | null | undefined, number]> = [];
  for (const token of new Parser().parse(source)) stack.push([token, 0]);
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    const [token, depth] = entry;
    if (!token) continue;
    if (token.type === 'alias') {
      throw new DomainError(
        'front_matter_invalid',
        `The front matter uses an alias (${token.source.slice(0, 40)}); aliases are not allowed — write the value out.`,
      );
    }
    if (token.type === 'document') {
      stack.push([token.value, depth]);
    } else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      if (depth + 1 > DRAFT_LIMITS.frontMatterDepth) throw deeperThanAllowed();
      for (const item of token.items) stack.push([item.key, depth + 1], [item.value, depth + 1]);
    }
  }
};

/** Each author and tag is a page rewritten on publish: their number and length are bounded. */
const checkNameBounds = (frontMatter: FrontMatter): void => {
  const lists = [
    ['authors', frontMatter.authors ?? []],
    ['tags', frontMatter.tags ?? []],
  ] as const;
  for (const [limit, names] of lists) {
    if (names.length > DRAFT_LIMITS[limit]) {
      throw tooComplex(
        limit,
        names.length,
        `the front matter names ${names.length} ${limit}`,
        `keep the main ${limit}`,
      );
    }
    const long = names.find((name) => name.length > DRAFT_LIMITS.topicNameCharacters);
    if (long !== undefined) {
      throw tooComplex(
        'topicNameCharacters',
        long.length,
        `one of the ${limit} in the front matter is ${formatCount(long.length)} characters long`,
        'shorten it',
      );
    }
  }
};
