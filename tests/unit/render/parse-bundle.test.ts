import { build } from 'esbuild';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers.js';

/**
 * parseDraft runs on every save in the API Lambda; esbuild must be able to leave the page renderer out of that
 * bundle. This bundles the two modules the API imports and looks at what got in.
 */
describe('the parse-only import graph', () => {
  it('keeps typograf, sanitize-html, feed and the templates out of parse-draft.ts and slug.ts', async () => {
    const result = await build({
      entryPoints: ['parse-draft.ts', 'slug.ts'].map((f) => join(REPO_ROOT, 'functions/domain/render', f)),
      bundle: true,
      write: false,
      metafile: true,
      platform: 'node',
      format: 'esm',
      outdir: 'out',
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((path) => path.includes('node_modules/markdown-it/'))).toBe(true);
    for (const banned of [
      'node_modules/typograf/',
      'node_modules/sanitize-html/',
      'node_modules/feed/',
      'render/article-page',
      'render/typeset',
      'render/styles',
    ]) {
      expect(
        inputs.filter((path) => path.includes(banned)),
        banned,
      ).toEqual([]);
    }
  });
});
