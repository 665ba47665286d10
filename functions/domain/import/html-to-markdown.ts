import sanitizeHtml from 'sanitize-html';

/**
 * WordPress post HTML → the Markdown the draft parser takes, so an imported post goes through the same parse, repair,
 * typography and sanitizer as a new draft (rather than trusting the export's HTML on the page).
 *
 * sanitize-html first reduces the post to the structure Markdown can say (paragraphs, headings, lists, quotes, links,
 * emphasis, line breaks); what it drops (scripts, iframes, styles, shortcode markup) never reaches the text. Its output
 * is well-formed and small in vocabulary, so the conversion below is a flat walk over its tags (no Markdown converter
 * is among the project's dependencies; this covers the tags it keeps and nothing more).
 */
const KEPT_TAGS = [
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'blockquote',
  'a',
  'em',
  'i',
  'strong',
  'b',
  'br',
];
const SAFE_HREF = /^(?:https?:\/\/|mailto:|\/)/i;
const TOKEN = /<(\/?)([a-z0-9]+)((?:\s[^>]*)?)>|([^<]+)/g;
const HREF = /\shref="([^"]*)"/;

const decodeEntities = (text: string): string =>
  text
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_m, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&nbsp;', '\u00a0')
    .replaceAll('&amp;', '&');

/** Characters Markdown would read as markup, escaped so the text stays text. */
const escapeInline = (text: string): string => text.replace(/[\\`*_[\]<>]/g, (ch) => `\\${ch}`);
/** At the start of a block, what would open a heading, list, quote or rule. */
const escapeBlockStart = (line: string): string =>
  line.replace(/^(\s*)(#|>|[-+]\s)/, '$1\\$2').replace(/^(\s*\d+)([.)]\s)/, '$1\\$2');

export const htmlToMarkdown = (html: string): string => {
  const clean = sanitizeHtml(html, {
    allowedTags: KEPT_TAGS,
    allowedAttributes: { a: ['href'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object'],
  });
  // Consecutive list items join with one newline (a tight list, as written by hand); other blocks with a blank line.
  const blocks: Array<{ text: string; item: boolean }> = [];
  let current = '';
  let prefix = '';
  const lists: Array<{ ordered: boolean; n: number }> = [];
  let quote = 0;
  const links: string[] = [];
  const flush = (): void => {
    const text = current.replace(/[ \t]+/g, ' ').trim();
    if (text) {
      const quoted = '> '.repeat(quote);
      const lines = (prefix + escapeBlockStart(text)).split('\n').map((l) => quoted + l.trim());
      blocks.push({ text: lines.join('\n'), item: prefix !== '' && !prefix.startsWith('#') });
    }
    current = '';
    prefix = '';
  };
  for (const m of clean.matchAll(TOKEN)) {
    const [, closing, tag, attrs, text] = m;
    if (text !== undefined) {
      // WordPress stores paragraphs as blank-line-separated text (wpautop adds the <p> on display).
      const parts = decodeEntities(text).split(/\n\s*\n/);
      parts.forEach((part, i) => {
        if (i > 0) flush();
        current += escapeInline(part.replace(/\s*\n\s*/g, ' '));
      });
      continue;
    }
    const open = closing !== '/';
    switch (tag) {
      case 'p':
        flush();
        break;
      case 'h1':
      case 'h2':
      case 'h3':
      case 'h4':
      case 'h5':
      case 'h6':
        flush();
        if (open) prefix = `${'#'.repeat(Math.max(2, Math.min(4, Number(tag.slice(1)))))} `;
        break;
      case 'ul':
      case 'ol':
        flush();
        if (open) lists.push({ ordered: tag === 'ol', n: 0 });
        else lists.pop();
        break;
      case 'li': {
        flush();
        const list = lists.at(-1);
        if (open && list) {
          list.n += 1;
          prefix = `${'   '.repeat(lists.length - 1)}${list.ordered ? `${list.n}. ` : '- '}`;
        }
        break;
      }
      case 'blockquote':
        flush();
        quote = Math.max(0, quote + (open ? 1 : -1));
        break;
      case 'a': {
        if (open) {
          const href = decodeEntities(HREF.exec(attrs ?? '')?.[1] ?? '');
          links.push(SAFE_HREF.test(href) ? href : '');
          if (links.at(-1)) current += '[';
        } else {
          const href = links.pop();
          if (href) current += `](${href.replace(/[()\s]/g, encodeURIComponent)})`;
        }
        break;
      }
      case 'em':
      case 'i':
        current += '*';
        break;
      case 'strong':
      case 'b':
        current += '**';
        break;
      case 'br':
        current += '\n';
        break;
      default:
        break;
    }
  }
  flush();
  return blocks.map((b, i) => (i === 0 ? '' : b.item && blocks[i - 1]?.item ? '\n' : '\n\n') + b.text).join('');
};
