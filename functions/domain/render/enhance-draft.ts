import { renderPlainInline, unwrapWhollyBold, type Block } from './markdown-blocks.js';

export type BlockRole = 'title' | 'deck' | 'lede' | 'signature' | 'body';

/** The draft between parsing and assembly: blocks with the role each one plays, and the parts found so far. */
export interface DraftModel {
  blocks: readonly Block[];
  roles: readonly BlockRole[];
  title?: string;
  deck?: string;
  lede?: string;
  signature?: string;
  deskNames: readonly string[];
}

export type EnhanceStep = (model: DraftModel) => DraftModel;

const withRole = (model: DraftModel, index: number, role: BlockRole): readonly BlockRole[] =>
  model.roles.map((r, i) => (i === index ? role : r));

/** Index of the first block still in the body, skipping invisible link reference definitions. */
const firstBodyIndex = (model: DraftModel): number =>
  model.roles.findIndex((role, i) => role === 'body' && model.blocks[i]?.kind !== 'other');

const lastBodyIndex = (model: DraftModel): number => {
  for (let i = model.roles.length - 1; i >= 0; i -= 1) {
    if (model.roles[i] === 'body' && model.blocks[i]?.kind !== 'other') return i;
  }
  return -1;
};

const countBody = (model: DraftModel): number =>
  model.roles.filter((role, i) => role === 'body' && model.blocks[i]?.kind !== 'other').length;

/**
 * The `#` heading at the top is the title. With a title in front matter, a top heading with the same text is a
 * duplicate and goes; a different one stays in the body (as a subheading) so no text is lost.
 */
export const detectTitle: EnhanceStep = (model) => {
  const index = firstBodyIndex(model);
  const block = model.blocks[index];
  if (!block || block.kind !== 'heading' || block.level !== 1) return model;
  const text = renderPlainInline(block.content);
  if (!text) return model;
  if (model.title !== undefined && model.title !== text) return model;
  return { ...model, title: text, roles: withRole(model, index, 'title') };
};

/** Longest paragraph taken for a standfirst; anything longer is body copy, not a deck. */
const MAX_DECK_LENGTH = 600;
/**
 * Longest Markdown source looked at for a standfirst or a signature (links make it longer than its text): a longer
 * paragraph is not parsed again only to be turned down.
 */
const MAX_SOURCE_FACTOR = 8;

/**
 * A plain paragraph right after the title is the standfirst, unless it is the only text there is or too long to
 * be one. Front matter `deck` (even empty, meaning "none") turns detection off.
 */
export const detectDeck: EnhanceStep = (model) => {
  if (model.deck !== undefined || !model.roles.includes('title')) return model;
  const index = firstBodyIndex(model);
  const block = model.blocks[index];
  if (!block || block.kind !== 'paragraph' || model.roles[index - 1] !== 'title') return model;
  if (block.content.length > MAX_DECK_LENGTH * MAX_SOURCE_FACTOR) return model;
  if (countBody(model) < 2 || unwrapWhollyBold(block.content) !== undefined) return model;
  const text = renderPlainInline(block.content);
  if (!text || text.length > MAX_DECK_LENGTH) return model;
  return { ...model, deck: text, roles: withRole(model, index, 'deck') };
};

/** A wholly bold paragraph opening the body is the lede. */
export const detectLede: EnhanceStep = (model) => {
  const index = firstBodyIndex(model);
  const block = model.blocks[index];
  if (!block || block.kind !== 'paragraph') return model;
  const inner = unwrapWhollyBold(block.content);
  if (inner === undefined) return model;
  const text = renderPlainInline(inner);
  if (!text) return model;
  return { ...model, lede: text, roles: withRole(model, index, 'lede') };
};

const MAX_SIGNATURE_LENGTH = 80;
const MAX_SIGNATURE_WORDS = 6;
const SENTENCE_PUNCTUATION = /[.!?…:;,]$/u;
/** Small words that may stand lower-case inside a name ("Отдел политики" is matched as a desk, not by this). */
const NAME_PARTICLES = new Set(['и', 'and', 'de', 'da', 'van', 'von', 'der', 'la', 'le', 'bin', 'ibn', 'оглы', 'кызы']);

const normalizeName = (text: string): string =>
  text
    .replace(/^[—–-]\s*/u, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

/** "Иван Петров", "Anna Smith, Baku": every word capitalised (bar a few particles). */
const looksLikeName = (text: string): boolean => {
  const words = text
    .replace(/^[—–-]\s*/u, '')
    .split(/[\s,]+/u)
    .filter(Boolean);
  if (words.length === 0 || words.length > MAX_SIGNATURE_WORDS) return false;
  return words.every((word) => /^[\p{Lu}\p{Lt}]/u.test(word) || NAME_PARTICLES.has(word));
};

/**
 * A final short line without sentence punctuation is the signature: the desk's name (from `deskNames`) or a
 * name. Anything else ("Продолжение следует") stays in the body.
 */
export const detectSignature: EnhanceStep = (model) => {
  const index = lastBodyIndex(model);
  const block = model.blocks[index];
  if (!block || block.kind !== 'paragraph' || block.content.includes('\n')) return model;
  if (block.content.length > MAX_SIGNATURE_LENGTH * MAX_SOURCE_FACTOR) return model;
  const text = renderPlainInline(block.content);
  if (!text || text.length > MAX_SIGNATURE_LENGTH || SENTENCE_PUNCTUATION.test(text)) return model;
  const isDesk = model.deskNames.some((name) => normalizeName(name) === normalizeName(text));
  // A lone short paragraph could be the whole story; only a desk's name is certain enough to take from it.
  if (!isDesk && !(looksLikeName(text) && countBody(model) >= 2)) return model;
  return { ...model, signature: text.replace(/^[—–-]\s*/u, ''), roles: withRole(model, index, 'signature') };
};

/** The ordered enhance steps (style.md: parse → repair → enhance → typeset → template). */
export const ENHANCE_STEPS: readonly EnhanceStep[] = [detectTitle, detectDeck, detectLede, detectSignature];
