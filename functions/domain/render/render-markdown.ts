import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import { boundLinkLabels } from './markdown-bounds.js';
import { mediaIdOf } from './media-refs.js';

/**
 * Link policy, decided once for markdown-it and the sanitizer alike:
 * - links: http(s), mailto, tel and site-relative paths; javascript:, vbscript:, file: and data: are refused.
 * - images: https and site-relative only. data: images are refused too: they would bloat the page past its
 *   14 KB budget, cannot be cached apart from it, and an article's images belong in the site's assets; http images
 *   would be mixed content on the https site.
 * - `media:<id>` (a newsroom photograph, issue 11): only a well-formed id, and only on images, as a placeholder that
 *   the page template replaces with the picture (figures.ts) or removes; as a link target it loses its href.
 * Links open in the same tab (no target=_blank), so rel="noopener" protects nothing, and the site's
 * Referrer-Policy (strict-origin-when-cross-origin) already limits what other sites learn; no rel is added.
 */
const SCHEME = /^([a-z][a-z\d+.-]*):/i;
const LINK_SCHEMES = ['http', 'https', 'mailto', 'tel'];
const IMAGE_SCHEMES = ['https', 'media'];

/** Browsers ignore tabs, newlines and leading controls in URLs ("java\tscript:"); so does this check. */
const schemeOf = (url: string): string | undefined =>
  // eslint-disable-next-line no-control-regex -- the characters browsers strip before reading a scheme
  SCHEME.exec(url.replace(/[\u0000-\u0020\u007F]+/g, ''))?.[1]?.toLowerCase();

const isSafeLink = (url: string): boolean => {
  // eslint-disable-next-line no-control-regex -- browsers skip leading controls before a protocol-relative URL
  if (/^[\s\u0000-\u001F]*\/\//.test(url) || /^[\s\u0000-\u001F]*\\/.test(url)) return false; // protocol-relative
  const scheme = schemeOf(url);
  if (scheme === 'media') return mediaIdOf(url) !== undefined;
  return scheme === undefined || LINK_SCHEMES.includes(scheme);
};

const markdown = boundLinkLabels(new MarkdownIt('default', { html: false, linkify: true, typographer: false }));
// Only explicit http(s):// URLs become links: fuzzy matching would turn "ОТГ.рф"-like words and e-mails into links.
markdown.linkify.set({ fuzzyLink: false, fuzzyEmail: false, fuzzyIP: false });
markdown.validateLink = isSafeLink;

type Token = ReturnType<typeof markdown.parse>[number];

/**
 * The page has one <h1> (the title), so body headings start at <h2>; levels are renumbered in order of depth so
 * that "#" and "###" in a draft become h2 and h3 without skipping a level (axe's heading-order).
 */
const renumberHeadings = (tokens: Token[]): void => {
  const levels = [...new Set(tokens.filter((t) => t.type === 'heading_open').map((t) => Number(t.tag.slice(1))))];
  const rank = new Map(levels.sort((a, b) => a - b).map((level, i) => [level, `h${Math.min(2 + i, 6)}`]));
  for (const token of tokens) {
    if (token.type === 'heading_open' || token.type === 'heading_close') {
      token.tag = rank.get(Number(token.tag.slice(1))) ?? 'h6';
    }
  }
};

/** Markdown body → HTML (raw HTML in the draft is escaped, never passed through). Not yet sanitized. */
export const renderMarkdownBody = (source: string): string => {
  const tokens = markdown.parse(source, {});
  renumberHeadings(tokens);
  return markdown.renderer.render(tokens, markdown.options, {});
};

const TEXT_ALIGN = { 'text-align': [/^(?:left|right|center)$/] };

/** The allow-list: what a story may contain, and nothing else (no iframes, forms, SVG, MathML, styles, scripts). */
const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'p',
    'br',
    'hr',
    'strong',
    'em',
    'del',
    's',
    'a',
    'ul',
    'ol',
    'li',
    'blockquote',
    'img',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'pre',
    'code',
  ],
  allowedAttributes: {
    a: ['href', 'title'],
    img: ['src', 'alt', 'title', 'loading', 'decoding'],
    ol: ['start'],
    th: ['style'],
    td: ['style'],
    p: ['class'],
    code: ['class'],
  },
  allowedClasses: { p: ['lede', 'signature'], code: [/^language-[\w-]{1,30}$/] },
  allowedStyles: { th: TEXT_ALIGN, td: TEXT_ALIGN },
  allowedSchemes: LINK_SCHEMES,
  allowedSchemesByTag: { img: IMAGE_SCHEMES },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // An image whose source was refused would show as a broken image: drop it (its alt text goes with it).
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
  transformTags: {
    // Images below the fold should not cost the reader anything until they scroll to them.
    img: (tagName, attribs) => ({
      tagName,
      attribs: { ...attribs, alt: attribs.alt ?? '', loading: 'lazy', decoding: 'async' },
    }),
  },
};

/** The final pass over every piece of story HTML: whatever got this far, only the allow-list leaves. */
export const sanitizeStoryHtml = (html: string): string => sanitizeHtml(html, SANITIZE_OPTIONS);
