import { DomainError } from '../errors.js';
import { detectLanguage } from './detect-language.js';
import { checkDraftLength, checkDraftLines, DRAFT_LIMITS, formatCount, tooComplex } from './draft-limits.js';
import { ENHANCE_STEPS, type DraftModel } from './enhance-draft.js';
import { splitFrontMatter } from './front-matter.js';
import { splitBlocksCounted } from './markdown-blocks.js';
import { findMediaPlacements, listMediaIds } from './media-refs.js';
import { normalizeDraftText } from './normalize-text.js';
import { repairBrokenParagraphs, type BlockFix } from './repair-breaks.js';
import type { Fix, ParseDraftOptions, ParsedDraft } from './types.js';

/**
 * Draft text → the story's parts, with layout damage repaired and every repair listed. Cheap and pure: it runs on
 * every save, so it never loads typograf, sanitize-html or the page templates (keep it that way: the API bundle
 * imports this file directly).
 *
 * Steps: normalize invisible damage → check the bounds → split front matter → Markdown blocks → repair breaks →
 * enhance (title, deck, lede, signature) → assemble. Every step is linear in the draft's size, and a draft over one
 * of DRAFT_LIMITS is refused with `draft_too_complex` before a library sees it.
 */
export const parseDraft = (text: string, options: ParseDraftOptions): ParsedDraft => {
  checkDraftLength(text);
  const normalized = normalizeDraftText(text);
  checkDraftLines(normalized);
  const { frontMatter, body } = splitFrontMatter(normalized);
  const placements = findMediaPlacements(body, countLinesBefore(normalized, body));
  const mediaIds = listMediaIds(frontMatter.image, placements);
  const { blocks, elements } = splitBlocksCounted(body);
  if (elements > DRAFT_LIMITS.blocks) {
    throw tooComplex(
      'blocks',
      elements,
      `the draft has ${formatCount(elements)} paragraphs, headings, list items and other blocks`,
      'split the story, or join lines that belong to one paragraph',
    );
  }
  const repaired = repairBrokenParagraphs(blocks, body);
  const start: DraftModel = {
    blocks: repaired.blocks,
    roles: repaired.blocks.map(() => 'body'),
    deskNames: options.deskNames,
    ...(frontMatter.title ? { title: frontMatter.title } : {}),
    ...(frontMatter.deck !== undefined ? { deck: frontMatter.deck } : {}),
  };
  const model = ENHANCE_STEPS.reduce((current, step) => step(current), start);
  if (!model.title) {
    throw new DomainError(
      'invalid_input',
      'The draft has no title. Start it with the headline on a line of its own after "# " ' +
        '(for example "# Ministers meet in Baku"), or add "title:" to the front matter.',
    );
  }
  if (model.title.length > DRAFT_LIMITS.titleCharacters) {
    throw tooComplex(
      'titleCharacters',
      model.title.length,
      `the title is ${formatCount(model.title.length)} characters long`,
      'shorten the headline (the first line, after "# ") and move the rest into the standfirst or the story',
    );
  }
  const bodyBlocks = model.blocks.filter((_, i) => model.roles[i] === 'body');
  const bodyMarkdown = bodyBlocks.map((block) => block.text).join('\n\n');
  const lang = frontMatter.lang ?? options.lang ?? detectLanguage(`${model.title}\n${body}`, 'ru');
  const paragraphAt = countBodyParagraphs(model);
  return {
    title: model.title,
    ...(model.deck ? { deck: model.deck } : {}),
    ...(model.lede ? { lede: model.lede } : {}),
    ...(model.signature ? { signature: model.signature } : {}),
    ...(frontMatter.byline ? { byline: frontMatter.byline } : {}),
    ...(frontMatter.authors ? { authors: frontMatter.authors } : {}),
    tags: frontMatter.tags ?? [],
    lang,
    ...(frontMatter.desk ? { desk: frontMatter.desk } : {}),
    bodyMarkdown,
    fixes: repaired.fixes.map((fix) => locateFix(fix, model, paragraphAt)),
    ...(frontMatter.image ? { leadImage: frontMatter.image } : {}),
    ...(mediaIds.length ? { mediaIds } : {}),
  };
};

/** Lines of the front matter above the body, so a body line is numbered as the reporter sees it. */
const countLinesBefore = (text: string, body: string): number => {
  let lines = 0;
  const end = text.length - body.length;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) lines += 1;
  return lines;
};

/** For each block, how many body paragraphs there are up to and including it (one pass, not one per repair). */
const countBodyParagraphs = (model: DraftModel): number[] => {
  let count = 0;
  return model.blocks.map((block, i) => {
    if (model.roles[i] === 'body' && block.kind !== 'other') count += 1;
    return count;
  });
};

/** Turn a repair's block index into the reporter's terms: which part, and which body paragraph. */
const locateFix = ({ block, ...fix }: BlockFix, model: DraftModel, paragraphAt: readonly number[]): Fix => {
  const role = model.roles[block];
  // Headings are never repaired, so a repair is in the body or in one of the paragraphs taken out of it.
  if (role === 'deck' || role === 'lede' || role === 'signature') return { ...fix, paragraph: 0, part: role };
  return { ...fix, paragraph: paragraphAt[block] ?? 0, part: 'body' };
};
