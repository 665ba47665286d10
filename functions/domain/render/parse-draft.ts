import { DomainError } from '../errors.js';
import { detectLanguage } from './detect-language.js';
import { ENHANCE_STEPS, type DraftModel } from './enhance-draft.js';
import { splitFrontMatter } from './front-matter.js';
import { splitBlocks } from './markdown-blocks.js';
import { normalizeDraftText } from './normalize-text.js';
import { repairBrokenParagraphs, type BlockFix } from './repair-breaks.js';
import type { Fix, ParseDraftOptions, ParsedDraft } from './types.js';

/**
 * Draft text → the story's parts, with layout damage repaired and every repair listed. Cheap and pure: it runs on
 * every save, so it never loads typograf, sanitize-html or the page templates (keep it that way: the API bundle
 * imports this file directly).
 *
 * Steps: normalize invisible damage → split front matter → Markdown blocks → repair breaks → enhance (title,
 * deck, lede, signature) → assemble.
 */
export const parseDraft = (text: string, options: ParseDraftOptions): ParsedDraft => {
  const { frontMatter, body } = splitFrontMatter(normalizeDraftText(text));
  const repaired = repairBrokenParagraphs(splitBlocks(body), body);
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
  const bodyBlocks = model.blocks.filter((_, i) => model.roles[i] === 'body');
  const bodyMarkdown = bodyBlocks.map((block) => block.text).join('\n\n');
  const lang = frontMatter.lang ?? options.lang ?? detectLanguage(`${model.title}\n${body}`, 'ru');
  return {
    title: model.title,
    ...(model.deck ? { deck: model.deck } : {}),
    ...(model.lede ? { lede: model.lede } : {}),
    ...(model.signature ? { signature: model.signature } : {}),
    ...(frontMatter.byline ? { byline: frontMatter.byline } : {}),
    tags: frontMatter.tags ?? [],
    lang,
    ...(frontMatter.desk ? { desk: frontMatter.desk } : {}),
    bodyMarkdown,
    fixes: repaired.fixes.map((fix) => locateFix(fix, model)),
  };
};

/** Turn a repair's block index into the reporter's terms: which part, and which body paragraph. */
const locateFix = ({ block, ...fix }: BlockFix, model: DraftModel): Fix => {
  const role = model.roles[block];
  // Headings are never repaired, so a repair is in the body or in one of the paragraphs taken out of it.
  if (role === 'deck' || role === 'lede' || role === 'signature') return { ...fix, paragraph: 0, part: role };
  const paragraph = model.blocks
    .slice(0, block + 1)
    .filter((b, i) => model.roles[i] === 'body' && b.kind !== 'other').length;
  return { ...fix, paragraph, part: 'body' };
};
