/**
 * Reads and writes the `authors` and `tags` fields of a draft's front matter (the block between `---` lines at the
 * top), so the app can offer fields for them while the text stays the single source of truth: what the desk approves
 * is the exact text, bylines included. Hand-written rather than with `yaml`: the app needs two list fields, and the
 * YAML library would add about a third of the app's JavaScript budget. Values are written as JSON strings in a flow
 * list (`["Анна Смирнова", "Дмитрий Орлов"]`), which every YAML reader reads back exactly, commas and quotes included.
 */

/** The same block the server reads (functions/domain/render/front-matter.ts). */
const FRONT_MATTER = /^((?:[ \t]*\n)*---[ \t]*\n)(?:([\s\S]*?)\n)?((?:---|\.\.\.)[ \t]*(?:\n|$))/;

export type BylineField = 'authors' | 'tags';

interface Block {
  open: string;
  lines: string[];
  close: string;
  rest: string;
}

const splitBlock = (text: string): Block | undefined => {
  const m = FRONT_MATTER.exec(text);
  if (!m) return undefined;
  return {
    open: m[1] ?? '---\n',
    lines: (m[2] ?? '').split('\n'),
    close: m[3] ?? '---\n',
    rest: text.slice(m[0].length),
  };
};

/** Where a top-level field's lines are: its `key:` line and the indented or `- ` lines that follow it. */
const fieldRange = (lines: readonly string[], key: BylineField): [number, number] | undefined => {
  const start = lines.findIndex((line) => new RegExp(`^${key}[ \\t]*:`).test(line));
  if (start < 0) return undefined;
  let end = start + 1;
  while (end < lines.length && /^([ \t]+\S|-[ \t]|-$)/.test(lines[end] ?? '')) end += 1;
  return [start, end];
};

const unquote = (value: string): string => {
  const v = value.trim();
  if (v.startsWith('"') && v.endsWith('"') && v.length >= 2) {
    try {
      const parsed: unknown = JSON.parse(v);
      if (typeof parsed === 'string') return parsed;
    } catch {
      // Not JSON: fall through to the raw text.
    }
  }
  if (v.startsWith("'") && v.endsWith("'") && v.length >= 2) return v.slice(1, -1).replaceAll("''", "'");
  return v;
};

/** Splits a flow list's inside on commas outside quotes. */
const splitFlow = (inside: string): string[] => {
  const out: string[] = [];
  let current = '';
  let quote = '';
  for (let i = 0; i < inside.length; i += 1) {
    const ch = inside[i] ?? '';
    if (quote) {
      current += ch;
      if (ch === '\\' && quote === '"') {
        current += inside[i + 1] ?? '';
        i += 1;
      } else if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      current += ch;
    } else if (ch === ',') {
      out.push(current);
      current = '';
    } else current += ch;
  }
  out.push(current);
  return out;
};

/** The names a field lists, or undefined when the text has no such field. */
export const readBylineField = (text: string, key: BylineField): string[] | undefined => {
  const block = splitBlock(text);
  if (!block) return undefined;
  const range = fieldRange(block.lines, key);
  if (!range) return undefined;
  const [start, end] = range;
  const inline = (block.lines[start] ?? '').replace(/^[^:]*:/, '').trim();
  let names: string[];
  if (inline.startsWith('[')) names = splitFlow(inline.replace(/^\[/, '').replace(/\]\s*$/, ''));
  else if (inline) names = splitFlow(inline);
  else names = block.lines.slice(start + 1, end).map((line) => line.replace(/^[ \t]*-[ \t]*/, ''));
  return names.map(unquote).filter((name) => name.length > 0);
};

/** The text with the field set to `names` (an empty list removes the field), front matter added if there is none. */
export const writeBylineField = (text: string, key: BylineField, names: readonly string[]): string => {
  const line = `${key}: [${names.map((name) => JSON.stringify(name)).join(', ')}]`;
  const block = splitBlock(text);
  if (!block) return names.length ? `---\n${line}\n---\n${text}` : text;
  const lines = block.lines.length === 1 && block.lines[0] === '' ? [] : [...block.lines];
  const range = fieldRange(lines, key);
  if (range) lines.splice(range[0], range[1] - range[0], ...(names.length ? [line] : []));
  else if (names.length) lines.push(line);
  return `${block.open}${lines.length ? `${lines.join('\n')}\n` : ''}${block.close}${block.rest}`;
};

/** "Анна Смирнова, Дмитрий Орлов" → the names, blanks dropped. */
export const parseNameList = (value: string): string[] =>
  value
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
