import { hashContent } from '../domain/article.js';
import type { DeskDirectory } from '../domain/desk.js';
import { DomainError } from '../domain/errors.js';
import type { DeskInfo, ParsedDraft } from '../domain/render/types.js';
import type { DraftContent } from '../domain/workflow.js';
import type { DraftParser } from '../ports/draft-parser.js';

/**
 * Parses a draft's Markdown into the fields the workflow stores (title, slug, language, repairs). The parser is
 * passed in, loaded by the caller (`deps.loadParser()`, or the loaded renderer), so this module stays cheap to import.
 */
export const draftContentOf = (
  parser: DraftParser,
  body: string,
  desks: DeskDirectory,
): DraftContent & { parsed: ParsedDraft } => {
  const parsed = parser.parseDraft(body, { deskNames: [...desks.values()].map((d) => d.name) });
  return {
    body,
    contentHash: hashContent(body),
    title: parsed.title,
    slug: parser.buildSlug(parsed.title),
    lang: parsed.lang,
    ...(parsed.deck ? { deck: parsed.deck } : {}),
    fixes: parsed.fixes,
    parsed,
  };
};

export const requireDesk = (desks: DeskDirectory, id: string): DeskInfo => {
  const desk = desks.get(id);
  if (!desk) {
    throw new DomainError('invalid_input', `unknown desk "${id}"; known desks: ${[...desks.keys()].join(', ')}`);
  }
  return desk;
};

/** Where a draft without an explicit desk belongs: front matter, else a desk-name signature, else undefined. */
export const inferDesk = (parsed: ParsedDraft, desks: DeskDirectory): DeskInfo | undefined => {
  if (parsed.desk && desks.has(parsed.desk)) return desks.get(parsed.desk);
  const signature = parsed.signature?.trim().toLowerCase();
  return [...desks.values()].find((d) => d.name.toLowerCase() === signature);
};
