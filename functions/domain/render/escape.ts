const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escape text for HTML text or a quoted attribute value (the same function for both, so none is missed). */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);

/**
 * JSON for a `<script type="application/ld+json">` block. JSON.stringify leaves `</script>`, `<!--` and U+2028
 * as they are; `<`, `>` and `&` become \u escapes (still the same JSON value), so reporter text cannot close the
 * script element or open a comment in it.
 */
export const serializeJsonForScript = (value: unknown): string =>
  JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** Characters XML 1.0 forbids outright (controls, lone surrogates, U+FFFE/FFFF). */
const INVALID_XML =
  // eslint-disable-next-line no-control-regex -- these are exactly the characters to remove
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escape text for XML text or attribute values, dropping characters XML cannot carry. */
export const escapeXml = (text: string): string =>
  text.replace(INVALID_XML, '').replace(/[&<>"']/g, (ch) => (ch === "'" ? '&apos;' : (HTML_ESCAPES[ch] ?? ch)));

/** Drop characters XML cannot carry (for text handed to a library that escapes but does not filter). */
export const stripInvalidXml = (text: string): string => text.replace(INVALID_XML, '');
