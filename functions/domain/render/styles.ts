/**
 * The site's one stylesheet, inlined into every page (one round trip, no render-blocking request; the whole
 * page stays under 14 KB gzipped). System fonts only: PT Serif ships with macOS and was drawn for Cyrillic,
 * Georgia has a good Cyrillic on Windows and macOS, Noto Serif / DejaVu Serif cover Android and Linux.
 * Colours keep at least 7:1 contrast for text and 4.5:1 for secondary text in both schemes.
 */
const SOURCE = `
:root {
  color-scheme: light dark;
  --bg: #fdfcf8; --fg: #1a1a1a; --muted: #555249; --rule: #d9d5ca; --link: #0b4a94; --accent: #9e1b14;
  --note-bg: #fff1bf; --note-fg: #1a1a1a;
  --serif: "PT Serif", Georgia, "Noto Serif", "DejaVu Serif", "Times New Roman", serif;
  --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #151515; --fg: #e9e6df; --muted: #b0aba0; --rule: #3a3833; --link: #9cc3ff; --accent: #ff9d8f;
    --note-bg: #4d3d00; --note-fg: #fff6d6;
  }
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0; background: var(--bg); color: var(--fg);
  font: 1.0625rem/1.6 var(--serif); font-kerning: normal; font-variant-ligatures: common-ligatures;
  hanging-punctuation: first allow-end last;
}
a { color: var(--link); text-decoration-thickness: 1px; text-underline-offset: .16em; }
a:hover { text-decoration-thickness: 2px; }
:focus-visible { outline: 3px solid var(--link); outline-offset: 2px; }
.skip { position: absolute; left: 1rem; top: -4rem; padding: .5rem 1rem; background: var(--bg); font-family: var(--sans); z-index: 2; }
.skip:focus { top: 1rem; }
@media (min-width: 40rem) { body { font-size: 1.1875rem; } }
/* rem, not ch: masthead, text and footer use different fonts and must line up; 40rem holds ~65 characters of body text. */
.wrap { max-width: 42.5rem; margin: 0 auto; padding-inline: 1.25rem; }
.preview { margin: 0; padding: .6rem 1.25rem; background: var(--note-bg); color: var(--note-fg); font: 700 1rem/1.4 var(--sans); text-align: center; }
.masthead { border-bottom: 1px solid var(--rule); font-family: var(--sans); }
.masthead .wrap { display: flex; flex-wrap: wrap; align-items: baseline; gap: .25rem 1.25rem; padding-block: .9rem; }
.brand { margin: 0; font-size: 1.3rem; font-weight: 800; letter-spacing: -.01em; }
.brand a, .sections a { color: inherit; text-decoration: none; }
.brand a:hover, .sections a:hover { text-decoration: underline; }
.sections { display: flex; flex-wrap: wrap; gap: .25rem 1rem; margin: 0; padding: 0; list-style: none; font-size: .95rem; }
main { padding-block: 2rem 3rem; }
h1, h2, h3, h4 { line-height: 1.2; text-wrap: balance; hyphens: manual; }
h1 { margin: .3rem 0 1rem; font-size: clamp(1.75rem, 1.2rem + 2.4vw, 2.75rem); letter-spacing: -.01em; }
h2 { margin: 2rem 0 .75rem; font-size: 1.45rem; }
h3, h4, h5, h6 { margin: 1.75rem 0 .5rem; font-size: 1.2rem; }
p, ul, ol, blockquote, pre, table { margin: 0 0 1em; }
article p, article li { hyphens: auto; -webkit-hyphens: auto; overflow-wrap: break-word; }
.kicker { margin: 0; font: 700 .85rem/1.4 var(--sans); letter-spacing: .06em; text-transform: uppercase; }
.kicker a { color: var(--accent); text-decoration: none; }
.deck { font-size: 1.3rem; line-height: 1.45; }
.meta { color: var(--muted); font: .9rem/1.5 var(--sans); }
.byline { margin-bottom: .25rem; color: var(--fg); font-weight: 600; }
.tags ul { display: flex; flex-wrap: wrap; gap: .25rem 1rem; padding: 0; list-style: none; font: .95rem/1.5 var(--sans); }
.lede { font-weight: 700; }
.signature { margin-top: 1.5rem; font-style: italic; text-align: right; }
.article-head { margin-bottom: 1.5rem; padding-bottom: 1rem; border-bottom: 1px solid var(--rule); }
blockquote { margin-inline: 0; padding-left: 1.1rem; border-left: 3px solid var(--accent); font-style: italic; }
img { max-width: 100%; height: auto; }
/* Photographs: the width/height attributes give each box its ratio before the bytes arrive (no layout shift). */
.photo { margin: 0 0 1.5rem; }
.photo img { display: block; width: 100%; height: auto; background: var(--rule); }
.photo figcaption { margin-top: .45rem; color: var(--muted); font: .9rem/1.45 var(--sans); }
.credit { font-size: .85em; letter-spacing: .02em; }
.thumb { float: right; width: 7rem; height: auto; margin: .2rem 0 .4rem 1rem; }
hr { margin: 2rem 0; border: 0; border-top: 1px solid var(--rule); }
code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: .85em; }
pre { overflow-x: auto; padding: .75rem 1rem; border: 1px solid var(--rule); }
table { display: block; max-width: 100%; overflow-x: auto; border-collapse: collapse; font: .95rem/1.4 var(--sans); }
th, td { padding: .4rem .7rem; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
.corrections { margin-top: 2.5rem; padding: 1rem 1.25rem; border-left: 4px solid var(--accent); background: color-mix(in srgb, var(--accent) 7%, var(--bg)); font: .95rem/1.5 var(--sans); }
.corrections h2 { margin: 0 0 .5rem; font-size: 1.05rem; }
.corrections ul { margin: 0; padding-left: 1.1rem; }
.stories { margin: 0; padding: 0; list-style: none; }
.stories li { display: flow-root; padding: 1.1rem 0; border-bottom: 1px solid var(--rule); }
.stories h2 { margin: .2rem 0 .35rem; font-size: 1.35rem; }
.stories h2 a { color: inherit; text-decoration: none; }
.stories h2 a:hover { text-decoration: underline; }
.stories p { margin: 0 0 .35rem; }
.months { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; padding: 0; list-style: none; font-family: var(--sans); }
.notice { font-size: 1.2rem; }
.site-foot { border-top: 1px solid var(--rule); color: var(--muted); font: .9rem/1.5 var(--sans); }
.site-foot .wrap { padding-block: 1.25rem 2rem; }
@media print {
  :root { --bg: #fff; --fg: #000; --muted: #333; --rule: #999; --link: #000; --accent: #000; }
  body { font-size: 11pt; line-height: 1.45; }
  .skip, .sections, .site-foot { display: none; }
  .wrap { max-width: none; padding: 0; }
  main { padding: 0; }
  a { text-decoration: none; }
  article .body a[href^="http"]::after { content: " (" attr(href) ")"; font-size: .85em; word-break: break-all; }
  h1, h2, h3 { break-after: avoid; }
  p, li, blockquote { orphans: 3; widows: 3; }
  img, figure, table, pre, blockquote { break-inside: avoid; }
  .corrections { background: none; }
}
`;

/** Comments and whitespace a browser does not need; computed once at module load. */
export const SITE_CSS = SOURCE.replace(/\/\*[\s\S]*?\*\//g, '')
  .replace(/\s+/g, ' ')
  .replace(/\s*([{}:;,>])\s*/g, '$1')
  .replace(/;}/g, '}')
  .trim();
