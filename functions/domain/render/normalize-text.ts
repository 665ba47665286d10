/**
 * Clean the invisible damage that print layout, word processors and copy-paste leave in a draft, before anything
 * looks at its structure. Only invisible characters change here, so nothing is reported as a `Fix`:
 * - CRLF / CR line endings and Unicode line/paragraph separators become `\n`;
 * - a byte-order mark, zero-width spaces, word joiners and invisible operators are dropped (typeset.ts uses two of
 *   the latter as placeholders);
 * - soft hyphens (U+00AD) are dropped, except one right before a line break: that one marks a word split across
 *   the break, and the repair step joins it (see repair-breaks.ts);
 * - no-break and other fixed-width spaces become plain spaces: typography puts no-break spaces back where the
 *   language wants them, and stray ones from layout only block line breaking;
 * - control characters (never meaningful in a story, and invalid in XML feeds) are dropped;
 * - trailing spaces are dropped. That also drops Markdown's "two trailing spaces" hard break, which in pasted text
 *   is almost always accidental; a reporter who wants a hard break can end the line with a backslash.
 */
/** The soft hyphen that normalizeDraftText keeps at the end of a line (a word split across the break). */
export const SOFT_HYPHEN = '\u00AD';

export const normalizeDraftText = (text: string): string => {
  const cleaned = text
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
    .replace(/[\uFEFF\u200B\u2060-\u2064]/g, '')
    .replace(/[\u00A0\u2000-\u200A\u202F\u205F\u3000]/g, ' ')
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g, '');
  // Line by line, by hand: the regexes for "spaces at the end of a line" (/[ \t]+$/gm, /\u00AD(?![ \t]*\n)/) retry
  // at every space of a long run of spaces, which is quadratic in the run's length.
  const lines = cleaned.split('\n');
  return lines.map((line, i) => cleanLineEnd(line, i < lines.length - 1)).join('\n');
};

const cleanLineEnd = (line: string, beforeBreak: boolean): string => {
  let end = line.length;
  while (end > 0 && (line.charCodeAt(end - 1) === 32 || line.charCodeAt(end - 1) === 9)) end -= 1;
  const trimmed = end === line.length ? line : line.slice(0, end);
  if (!trimmed.includes(SOFT_HYPHEN)) return trimmed;
  const keepLast = beforeBreak && trimmed.endsWith(SOFT_HYPHEN);
  const body = (keepLast ? trimmed.slice(0, -1) : trimmed).replaceAll(SOFT_HYPHEN, '');
  return keepLast ? body + SOFT_HYPHEN : body;
};
