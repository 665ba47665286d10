import type MarkdownItClass from 'markdown-it';

type MarkdownIt = InstanceType<typeof MarkdownItClass>;
type ParseLinkLabel = MarkdownIt['helpers']['parseLinkLabel'];
type InlineState = Parameters<ParseLinkLabel>[0];

/**
 * markdown-it looks for the `]` that closes a link or image label by scanning from each `[` to the end of the
 * paragraph, so a paragraph full of unclosed `[` or `![` costs time quadratic in its length (10,000 characters
 * of `![a ` took 66 ms, 40,000 took 620 ms). Three bounds make it linear, without changing any real link:
 * - a label scan stops after MAX_LINK_TEXT characters (no link text in a story is that long);
 * - with no `]` to the right of the `[` at all, there is nothing to scan for;
 * - a paragraph's label scans together look at most LABEL_SCAN_BUDGET characters per character of the paragraph
 *   (plus a floor): past that, brackets in that paragraph stay text. Real paragraphs use a tiny fraction of it.
 */
export const MAX_LINK_TEXT = 1_000;
const LABEL_SCAN_BUDGET = 4;
const LABEL_SCAN_FLOOR = 10_000;

interface ScanAccount {
  lastClose: number;
  left: number;
}

/** Bound markdown-it's link and image label scan (its per-instance `helpers.parseLinkLabel`), as described above. */
export const boundLinkLabels = (md: MarkdownIt): MarkdownIt => {
  const { parseLinkLabel } = md.helpers;
  const accounts = new WeakMap<InlineState, ScanAccount>();
  const accountOf = (state: InlineState): ScanAccount => {
    let account = accounts.get(state);
    if (!account) {
      account = {
        lastClose: state.src.lastIndexOf(']'),
        left: LABEL_SCAN_FLOOR + LABEL_SCAN_BUDGET * state.src.length,
      };
      accounts.set(state, account);
    }
    return account;
  };
  const boundedParseLinkLabel: ParseLinkLabel = (state, start, disableNested) => {
    const account = accountOf(state);
    if (start > account.lastClose || account.left <= 0) return -1;
    const posMax = state.posMax;
    state.posMax = Math.min(posMax, start + MAX_LINK_TEXT + 1);
    try {
      const end = parseLinkLabel(state, start, disableNested);
      account.left -= (end === -1 ? state.posMax : end) - start;
      return end;
    } finally {
      state.posMax = posMax;
    }
  };
  // `helpers` is a per-instance copy of markdown-it's module: assigning to it changes only this instance.
  Object.assign(md.helpers, { parseLinkLabel: boundedParseLinkLabel });
  return md;
};
