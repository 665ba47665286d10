import { parse as parseYaml, YAMLParseError } from 'yaml';
import en from 'zod/v4/locales/en.js';
import * as z from 'zod/mini';
import { DomainError } from '../errors.js';
import type { Lang } from './types.js';

export interface FrontMatter {
  title?: string;
  /** An empty `deck:` says "this story has no standfirst" and turns off deck detection. */
  deck?: string;
  desk?: string;
  byline?: string;
  tags?: string[];
  lang?: Lang;
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

const frontMatterSchema = z.strictObject({
  title: z.optional(textField(300)),
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
  tags: z.optional(
    z.pipe(
      z.union([
        z.array(textField(100)).check(z.maxLength(30, 'must list at most 30 tags')),
        // `tags: право, ОТГ` is the natural way to write them by hand
        z.pipe(
          z.string(),
          z.transform((value) => value.split(',').map((tag) => tag.trim())),
        ),
      ]),
      z.transform((tags) => [...new Set(tags.filter((tag) => tag.length > 0))]),
    ),
  ),
  lang: z.optional(z.enum(['ru', 'en'], { error: 'must be "ru" or "en"' })),
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
 * YAML or invalid fields is refused with a message that names the field.
 */
export const splitFrontMatter = (text: string): SplitFrontMatter => {
  const match = FRONT_MATTER.exec(text);
  if (!match) return { frontMatter: {}, body: text };
  const source = match[1] ?? '';
  let data: unknown;
  try {
    data = parseYaml(source, { schema: 'core', uniqueKeys: true, maxAliasCount: 20 });
  } catch (error) {
    if (!looksLikeYamlMapping(source)) return { frontMatter: {}, body: text };
    const detail = error instanceof YAMLParseError ? (error.message.split('\n')[0] ?? '') : 'unreadable';
    throw new DomainError(
      'invalid_input',
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
    throw new DomainError('invalid_input', `The front matter has invalid fields: ${problems}.`);
  }
  return { frontMatter: parsed.data, body: text.slice(match[0].length) };
};

const looksLikeYamlMapping = (source: string): boolean => /^[ \t]*[A-Za-z_][\w-]*[ \t]*:/m.test(source);
