import type * as ParseDraft from '../domain/render/parse-draft.js';
import type * as Slug from '../domain/render/slug.js';

/**
 * Draft parsing (YAML front matter, markdown-it, transliterated slugs) is loaded lazily, like the page renderer, so
 * routes that never read a draft's text (reading, listing, history, transitions, comments) don't pay for it at cold
 * start. The renderer module exports the same two functions: whatever renders a page can also parse.
 */
export type DraftParser = Pick<typeof ParseDraft, 'parseDraft'> & Pick<typeof Slug, 'buildSlug'>;

export type LoadParser = () => Promise<DraftParser>;
