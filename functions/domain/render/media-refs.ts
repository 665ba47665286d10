import MarkdownIt from 'markdown-it';
import { DomainError } from '../errors.js';
import { DRAFT_LIMITS, formatCount, tooComplex } from './draft-limits.js';
import { boundLinkLabels } from './markdown-bounds.js';

/**
 * Photographs in drafts (issue 11 §4): `image: <media id>` in the front matter and `![alt](media:<id>)` in the
 * body. Media ids are ULIDs as the API issues them: 26 characters of Crockford base32 in upper case, the first one
 * 0-7 (48 bits of time). Shared by the parser (which refuses anything else) and the renderer (which replaces the
 * placeholder and drops anything it cannot place).
 */
export const MEDIA_ID_PATTERN = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;
export const MEDIA_SCHEME = 'media:';
/** For messages that show what an id looks like. */
export const EXAMPLE_MEDIA_ID = '01JD3Q8Z6X4M2N7P5R9T1V3W5Y';

export const isMediaId = (value: string): boolean => MEDIA_ID_PATTERN.test(value);

/** `media:<id>` → the id, when the reference is well formed. */
export const mediaIdOf = (url: string): string | undefined => {
  if (url.slice(0, MEDIA_SCHEME.length).toLowerCase() !== MEDIA_SCHEME) return undefined;
  const id = url.slice(MEDIA_SCHEME.length);
  return isMediaId(id) ? id : undefined;
};

/**
 * Full inline parsing, unlike the block-only parser of markdown-blocks.ts: only an image *token* places a
 * photograph, so the syntax quoted in a code span or a code block is text, exactly as the renderer will see it.
 * Run only on drafts that mention `media:` at all, so ordinary saves pay nothing.
 */
const inlineParser = boundLinkLabels(new MarkdownIt('default', { html: false }));
// markdown-it refuses `data:` and a few other schemes as links; every scheme should reach the check below.
inlineParser.validateLink = () => true;

type Token = ReturnType<typeof inlineParser.parse>[number];

export interface MediaPlacement {
  id: string;
  /** 1-based line of the paragraph that holds it, counted in the text given (the caller adds the front matter). */
  line: number;
}

const hasMediaScheme = (url: string): boolean => /^\s*media:/i.test(url);

/**
 * Every `![alt](media:<id>)` in a Markdown body, in order. A malformed reference (`media:` followed by anything but
 * a media id, or `media:` used as a link target) is refused with `invalid_input` and
 * `details: {field: 'media_reference', reference, line}`; more than DRAFT_LIMITS.images placements with
 * `draft_too_complex`.
 */
export const findMediaPlacements = (body: string, lineOffset: number): MediaPlacement[] => {
  if (!/media:/i.test(body)) return [];
  const placements: MediaPlacement[] = [];
  const visit = (token: Token, line: number): void => {
    const url =
      token.type === 'image' ? token.attrGet('src') : token.type === 'link_open' ? token.attrGet('href') : null;
    if (typeof url !== 'string' || !hasMediaScheme(url)) return;
    const id = token.type === 'image' ? mediaIdOf(url.trim()) : undefined;
    if (id === undefined) throw malformedReference(url, line);
    placements.push({ id, line });
    if (placements.length > DRAFT_LIMITS.images) {
      throw tooComplex(
        'images',
        undefined,
        `the draft places more than ${formatCount(DRAFT_LIMITS.images)} photographs`,
        'keep the best ones, or split the story',
        line,
      );
    }
  };
  for (const block of inlineParser.parse(body, {})) {
    if (block.type !== 'inline' || !block.children) continue;
    const line = lineOffset + (block.map?.[0] ?? 0) + 1;
    // Images inside a link's text or another image's alt are children of children.
    const stack = [...block.children].reverse();
    for (let token = stack.pop(); token; token = stack.pop()) {
      visit(token, line);
      if (token.children) stack.push(...[...token.children].reverse());
    }
  }
  return placements;
};

const malformedReference = (url: string, line: number): DomainError => {
  const reference = url.trim().slice(0, 60);
  return new DomainError(
    'invalid_input',
    `Line ${formatCount(line)}: "${reference}" is not a photograph reference. Place a photograph as ` +
      '"![alt text](media:<id>)" with the 26-character id the Photos panel gives (for example ' +
      `"![Ministers in Baku](media:${EXAMPLE_MEDIA_ID})"), or insert it from the Photos panel.`,
    { field: 'media_reference', reference, line },
  );
};

/** The lead image first, then the body's placements, each id once. */
export const listMediaIds = (leadImage: string | undefined, placements: readonly MediaPlacement[]): string[] => [
  ...new Set([...(leadImage ? [leadImage] : []), ...placements.map((p) => p.id)]),
];
