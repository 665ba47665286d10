/**
 * The renderer's repair records (`Fix`) as the app shows them: the removed break made visible in "before" (else a
 * paragraph join reads the same before and after), and where the repair is in the text being edited.
 */

/** ¶ for a removed paragraph break, ↵ for a removed line break (a hyphenated word keeps its hyphen). */
export const showBreaks = (excerpt: string): string =>
  excerpt.replace(/[ \t]*\n(?:[ \t]*\n)+[ \t]*/g, ' ¶ ').replace(/[ \t]*\n[ \t]*/g, '↵');

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The excerpt as a pattern that tolerates how white space was written (the record trims lines, caps blank lines). */
const looseMatch = (text: string, excerpt: string): { start: number; end: number } | undefined => {
  const words = excerpt.replaceAll('\u00ad', '').split(/\s+/).filter(Boolean);
  if (words.length === 0) return undefined;
  const match = new RegExp(words.map(escapeRegExp).join('\\s+'), 'u').exec(text);
  return match ? { start: match.index, end: match.index + match[0].length } : undefined;
};

/**
 * Where a repair is in `text`: the whole excerpt, else the part after the break (the left part may already hold an
 * earlier repair the record shows joined), else the part before it. Undefined when the text no longer has it.
 */
export const locateFix = (text: string, before: string): { start: number; end: number } | undefined => {
  const breakAt = before.search(/\n/);
  const right = breakAt >= 0 ? before.slice(breakAt).trim() : '';
  const left = breakAt >= 0 ? before.slice(0, breakAt).trim() : '';
  return (
    looseMatch(text, before) ??
    (right ? looseMatch(text, right) : undefined) ??
    (left ? looseMatch(text, left) : undefined)
  );
};

/**
 * Selects a range in a textarea and scrolls it into the middle of the box. The selection's height is measured on an
 * invisible copy of the textarea holding the text up to it (the same width and font, so wrapped lines count).
 */
export const revealInTextarea = (textarea: HTMLTextAreaElement, start: number, end: number): void => {
  const probe = document.createElement('textarea');
  probe.className = textarea.className;
  probe.value = textarea.value.slice(0, start);
  probe.setAttribute('aria-hidden', 'true');
  probe.tabIndex = -1;
  Object.assign(probe.style, {
    position: 'absolute',
    visibility: 'hidden',
    height: '0',
    minHeight: '0',
    width: `${textarea.clientWidth}px`,
  });
  textarea.parentElement?.appendChild(probe);
  const top = probe.scrollHeight;
  probe.remove();
  textarea.focus({ preventScroll: true });
  textarea.setSelectionRange(start, end);
  textarea.scrollTop = Math.max(0, top - textarea.clientHeight / 3);
  textarea.scrollIntoView({ block: 'nearest' });
};
