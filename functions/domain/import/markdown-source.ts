import { parse as parseYaml } from 'yaml';
import * as z from 'zod/mini';
import { ImportItemError, type ImportItem } from './import-item.js';

/** A Markdown file's front matter as archives write it (Hugo/Jekyll style): the fields the import maps. */
const importFrontMatter = z.object({
  title: z.string().check(z.trim(), z.minLength(1, 'is empty')),
  // An offset is required: without one the day of the URL, in the desk's zone, would be a guess.
  date: z
    .string()
    .check(
      z.trim(),
      z.regex(
        /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/,
        'must be an ISO date-time with an offset, e.g. 2024-03-01T09:30:00+03:00',
      ),
    ),
  desk: z.string().check(z.trim(), z.minLength(1, 'is empty')),
  author: z.optional(z.string()),
  tags: z.optional(z.union([z.array(z.union([z.string(), z.number()])), z.string()])),
  slug: z.optional(
    z.string().check(z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case letters, digits and hyphens')),
  ),
  standfirst: z.optional(z.string()),
});

const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;
/** Front matter larger than this is not a story's metadata (the draft parser's own limit is of the same order). */
const MAX_FRONT_MATTER_BYTES = 16 * 1024;

const tagsOf = (tags: z.infer<typeof importFrontMatter>['tags']): string[] => {
  const list = typeof tags === 'string' ? tags.split(',') : (tags ?? []).map(String);
  return [...new Set(list.map((t) => t.trim()).filter((t) => t.length > 0))];
};

/**
 * One Markdown story file → an import item. `relativePath` is the file's path inside the imported folder: the
 * source key, so moving the folder does not import it again.
 */
export const importItemOfMarkdown = (relativePath: string, text: string): ImportItem => {
  const match = FRONT_MATTER.exec(text);
  if (!match) throw new ImportItemError(relativePath, 'no front matter (a YAML block between --- lines at the top)');
  const source = match[1] ?? '';
  if (new TextEncoder().encode(source).length > MAX_FRONT_MATTER_BYTES) {
    throw new ImportItemError(relativePath, `front matter is larger than ${MAX_FRONT_MATTER_BYTES} bytes`);
  }
  let data: unknown;
  try {
    data = parseYaml(source, { schema: 'core', uniqueKeys: true, maxAliasCount: 0 });
  } catch (error) {
    const detail = error instanceof Error ? (error.message.split('\n')[0] ?? '') : 'unreadable';
    throw new ImportItemError(relativePath, `front matter is not valid YAML: ${detail}`);
  }
  const parsed = importFrontMatter.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `"${i.path.join('.') || 'front matter'}" ${i.message}`);
    throw new ImportItemError(relativePath, `front matter: ${problems.join('; ')}`);
  }
  const fm = parsed.data;
  const body = text.slice(match[0].length);
  if (body.trim().length === 0) throw new ImportItemError(relativePath, 'the story has no text');
  return {
    sourceKey: `md:${relativePath}`,
    source: relativePath,
    desk: fm.desk,
    title: fm.title,
    date: fm.date.replace(' ', 'T'),
    ...(fm.slug ? { slug: fm.slug } : {}),
    ...(fm.author?.trim() ? { author: fm.author.trim() } : {}),
    tags: tagsOf(fm.tags),
    ...(fm.standfirst?.trim() ? { standfirst: fm.standfirst.trim() } : {}),
    bodyMarkdown: body,
  };
};
