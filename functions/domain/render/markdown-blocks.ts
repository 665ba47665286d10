import MarkdownIt from 'markdown-it';
import { boundLinkLabels } from './markdown-bounds.js';

export type BlockKind = 'paragraph' | 'heading' | 'list' | 'quote' | 'code' | 'rule' | 'table' | 'other';

/** One top-level Markdown block of a draft, kept as its source text so the body can be written back unchanged. */
export interface Block {
  kind: BlockKind;
  /** Heading level (1-6), for headings. */
  level?: number;
  /** Source lines of the block, joined with `\n`. */
  text: string;
  /** Inline source of a paragraph or heading (markers and indentation stripped), as Markdown. */
  content: string;
  /** First and one-past-last source line, for reporting how the reporter wrote the gap between two blocks. */
  startLine: number;
  endLine: number;
}

/**
 * Block structure only: markdown-it's block parser decides what is a paragraph, a heading, a list, a quote or a
 * code block exactly as the renderer will, so repairs never join across a structure the renderer sees. Inline
 * parsing is switched off to keep parseDraft cheap (it runs on every save).
 */
const structureParser = new MarkdownIt('default', { html: false });
structureParser.core.ruler.enableOnly(['normalize', 'block']);

/** Inline parsing only, to turn a heading or paragraph into plain text. */
const inlineParser = boundLinkLabels(new MarkdownIt('default', { html: false }));

type Token = ReturnType<typeof structureParser.parse>[number];

const KIND_BY_TOKEN: Record<string, BlockKind> = {
  paragraph_open: 'paragraph',
  heading_open: 'heading',
  bullet_list_open: 'list',
  ordered_list_open: 'list',
  blockquote_open: 'quote',
  fence: 'code',
  code_block: 'code',
  hr: 'rule',
  table_open: 'table',
};

/** Block elements at any depth, as DRAFT_LIMITS.blocks counts them: each costs the renderer a few tokens. */
const ELEMENT_TOKENS = new Set([
  'paragraph_open',
  'heading_open',
  'list_item_open',
  'blockquote_open',
  'fence',
  'code_block',
  'hr',
  'tr_open',
]);

export interface SplitBlocks {
  blocks: Block[];
  /** Paragraphs, headings, list items, quotes, code blocks, rules and table rows, at any depth. */
  elements: number;
}

export const splitBlocks = (source: string): Block[] => splitBlocksCounted(source).blocks;

export const splitBlocksCounted = (source: string): SplitBlocks => {
  const tokens = structureParser.parse(source, {});
  let elements = 0;
  // A tight list's items hold hidden paragraphs: the item is the element.
  for (const token of tokens) if (ELEMENT_TOKENS.has(token.type) && !token.hidden) elements += 1;
  const lines = source.split('\n');
  const blocks: Block[] = [];
  let cursor = 0;
  const pushGap = (until: number) => {
    // Lines no token covers are blank, or link reference definitions: keep the latter as they are.
    const gap = lines.slice(cursor, until);
    const first = gap.findIndex((line) => line.trim() !== '');
    if (first === -1) return;
    const last = gap.length - 1 - [...gap].reverse().findIndex((line) => line.trim() !== '');
    blocks.push({
      kind: 'other',
      text: gap.slice(first, last + 1).join('\n'),
      content: '',
      startLine: cursor + first,
      endLine: cursor + last + 1,
    });
  };
  tokens.forEach((token, index) => {
    if (token.level !== 0 || token.nesting === -1 || !token.map) return;
    const [start, mapEnd] = token.map;
    // A list's map runs over the blank line after it; the block itself ends at its last non-blank line.
    let end = mapEnd;
    while (end > start + 1 && (lines[end - 1] ?? '').trim() === '') end -= 1;
    pushGap(start);
    const kind = KIND_BY_TOKEN[token.type] ?? 'other';
    const inline = kind === 'paragraph' || kind === 'heading' ? tokens[index + 1] : undefined;
    blocks.push({
      kind,
      ...(kind === 'heading' ? { level: Number(token.tag.slice(1)) } : {}),
      text: lines.slice(start, end).join('\n'),
      content: inline?.type === 'inline' ? inline.content : '',
      startLine: start,
      endLine: end,
    });
    cursor = mapEnd;
  });
  pushGap(lines.length);
  return { blocks, elements };
};

/** The reader-visible text of inline Markdown: emphasis markers, link targets and escapes removed. */
export const renderPlainInline = (markdown: string): string => {
  const children = inlineParser.parseInline(markdown, {})[0]?.children ?? [];
  return collectText(children).replace(/\s+/g, ' ').trim();
};

const collectText = (tokens: readonly Token[]): string =>
  tokens
    .map((token) => {
      if (token.type === 'text' || token.type === 'code_inline') return token.content;
      if (token.type === 'softbreak' || token.type === 'hardbreak') return ' ';
      if (token.type === 'image') return collectText(token.children ?? []);
      return '';
    })
    .join('');

/**
 * Whether a paragraph is wholly bold (`**…**` or `__…__` around all of it), the way reporters mark a lede. Returns
 * the inner Markdown, or undefined.
 */
export const unwrapWhollyBold = (markdown: string): string | undefined => {
  // Cheap test first: only text between ** ** or __ __ can be wholly bold (spares parsing a long paragraph).
  const ends = markdown.trim();
  if (!/^(?:\*\*|__)/.test(ends) || !/(?:\*\*|__)$/.test(ends.slice(-2))) return undefined;
  // markdown-it leaves empty text tokens around delimiter runs; they are not content.
  const children = (inlineParser.parseInline(markdown, {})[0]?.children ?? []).filter(
    (token) => token.type !== 'text' || token.content !== '',
  );
  const first = children[0];
  const last = children.at(-1);
  if (first?.type !== 'strong_open' || last?.type !== 'strong_close') return undefined;
  let depth = 0;
  for (const [index, token] of children.entries()) {
    if (token.type === 'strong_open') depth += 1;
    if (token.type === 'strong_close') depth -= 1;
    // The first bold run must close only at the very end: "**a** and **b**" is not wholly bold.
    if (depth === 0 && index < children.length - 1) return undefined;
  }
  const trimmed = markdown.trim();
  return trimmed.slice(2, -2).trim();
};
