/**
 * The photo panel's edits to the draft text (issue 11 §4, §7): "make lead" writes `image: <id>` into the front
 * matter, "insert into text" writes `![alt](media:<id>)` as a paragraph of its own at the cursor. Pure functions on
 * the text, so the editor keeps one source of truth (its textarea) and undo works as for typing.
 */

/** The server's front-matter block (functions/domain/render/front-matter.ts): `---` lines at the very top. */
const FRONT_MATTER = /^((?:[ \t]*\n)*---[ \t]*\n)(?:([\s\S]*?)\n)?((?:---|\.\.\.)[ \t]*(?:\n|$))/;
const IMAGE_LINE = /^image[ \t]*:.*$/m;
const LOOKS_LIKE_FIELD = /^[ \t]*[A-Za-z_][\w-]*[ \t]*:/m;

/** Put `image: <id>` in the front matter: replace the field if there is one, add it, or start a front matter. */
export const setLeadImage = (text: string, id: string): string => {
  const line = `image: ${id}`;
  const match = FRONT_MATTER.exec(text);
  if (match && (match[2] === undefined || LOOKS_LIKE_FIELD.test(match[2]))) {
    const [whole, open = '', fields, close = ''] = match;
    const inner = fields ?? '';
    const next = IMAGE_LINE.test(inner) ? inner.replace(IMAGE_LINE, line) : inner ? `${inner}\n${line}` : line;
    return `${open}${next}\n${close}${text.slice(whole.length)}`;
  }
  return `---\n${line}\n---\n${text}`;
};

/** The lead image's id in the text, if it names one. */
export const leadImageOf = (text: string): string | undefined => {
  const fields = FRONT_MATTER.exec(text)?.[2];
  return fields ? /^image[ \t]*:[ \t]*["']?([0-9A-Za-z]{26})/m.exec(fields)?.[1] : undefined;
};

/** Alt text inside `![…]`: one line, with the brackets and backslashes Markdown would read escaped. */
export const escapeAltText = (alt: string): string =>
  alt
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\[\]]/g, '\\$&');

/**
 * Insert `![alt](media:<id>)` at the cursor as its own paragraph (a figure on the page needs one): blank lines are
 * added before and after as needed. Returns the new text and where the cursor goes (after the image).
 */
export const insertImageReference = (
  text: string,
  cursor: number,
  alt: string,
  id: string,
): { text: string; cursor: number } => {
  const at = Math.min(Math.max(0, cursor), text.length);
  // Never inside a line: move to the end of the line the cursor is on.
  const lineEnd = text.indexOf('\n', at);
  const cut = lineEnd === -1 ? text.length : lineEnd;
  const before = text.slice(0, cut);
  const after = text.slice(cut);
  const lead = before === '' ? '' : before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
  const reference = `![${escapeAltText(alt)}](media:${id})`;
  const trail = after.startsWith('\n\n') ? '' : after.startsWith('\n') ? '\n' : after === '' ? '\n' : '\n\n';
  const inserted = `${lead}${reference}${trail}`;
  return { text: before + inserted + after, cursor: before.length + lead.length + reference.length };
};

const API_MEDIA = /^\/api\/media\//;

/** The `/api/media/…` image URLs in a preview page (its `<img src>`s), each once. */
export const previewImageUrls = (html: string): string[] => [
  ...new Set(
    [...html.matchAll(/<img\b[^>]*?\ssrc="([^"]+)"/g)]
      .map((m) => decodeAttribute(m[1] ?? ''))
      .filter((u) => API_MEDIA.test(u)),
  ),
];

/**
 * The preview page with its photographs inlined as data: URLs. The preview's images are served only to signed-in
 * users (`/api/media/<id>/renditions/<file>` needs the bearer token), and the preview frame (sandboxed, no script)
 * cannot send one: the app fetches each `<img src>` itself and writes it in. Their `<source>` and `srcset` (other
 * widths and formats behind the same path) are dropped; the frame shows the one JPEG. An image not fetched yet keeps
 * nothing to load (an empty alt-only box) rather than a request that would fail.
 */
export const inlinePreviewImages = (html: string, dataUrls: ReadonlyMap<string, string>): string =>
  html.replace(/<source\b[^>]*\ssrcset="\/api\/media\/[^>]*>/g, '').replace(/<img\b[^>]*>/g, (tag) => {
    const src = decodeAttribute(/\ssrc="([^"]*)"/.exec(tag)?.[1] ?? '');
    if (!API_MEDIA.test(src)) return tag;
    const data = dataUrls.get(src) ?? '';
    return tag.replace(/\s(?:srcset|sizes)="[^"]*"/g, '').replace(/\ssrc="[^"]*"/, data ? ` src="${data}"` : '');
  });

const decodeAttribute = (value: string): string =>
  value
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
