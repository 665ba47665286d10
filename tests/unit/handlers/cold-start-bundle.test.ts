import path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { FUNCTION_ENTRIES, REPO_ROOT } from '../../../infra/config.js';
import { esbuildOptionsFor } from '../../../infra/constructs/bundling.js';

/**
 * What the API and tick Lambdas load at cold start: the entry chunk and the chunks it imports statically, bundled
 * exactly as deployed. Draft parsing (`loadParser`) and the page renderer (`loadRenderer`) are `import()`s and must
 * stay out of it, and validation must use zod/mini, not zod's full build (450 KB with every locale).
 * Load times themselves are measured by `npx tsx tests/bench/bundles.ts`.
 */
const initialInputs = (metafile: Metafile, outdir: string): string[] => {
  const outputs = new Map(Object.entries(metafile.outputs).map(([file, o]) => [path.resolve(REPO_ROOT, file), o]));
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const i of outputs.get(file)?.imports ?? []) {
      if (i.kind === 'import-statement' && !i.external) visit(path.resolve(REPO_ROOT, i.path));
    }
  };
  visit(path.join(outdir, 'index.mjs'));
  return [...seen].flatMap((file) =>
    Object.entries(outputs.get(file)?.inputs ?? {})
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([input]) => input),
  );
};

const LAZY_ONLY = [
  'node_modules/yaml/',
  'node_modules/markdown-it/',
  'node_modules/@sindresorhus/transliterate/',
  'node_modules/entities/',
  'node_modules/typograf/',
  'node_modules/sanitize-html/',
  'functions/domain/render/parse-draft.ts',
  'functions/domain/render/front-matter.ts',
  'functions/domain/render/slug.ts',
];

describe.each(['api', 'tick'] as const)('the %s Lambda at cold start', (name) => {
  it('loads neither draft parsing nor the renderer, and only zod/mini with its English messages', async () => {
    const outdir = path.join(REPO_ROOT, 'tests/.tmp/cold-start-bundle', name);
    const result = await build({
      ...esbuildOptionsFor(path.join(REPO_ROOT, FUNCTION_ENTRIES[name]), outdir),
      write: false,
    });
    const initial = initialInputs(result.metafile, outdir);
    const all = Object.keys(result.metafile.inputs);

    // The lazy modules are in the bundle (as chunks), so their absence below is not an accident of resolution.
    expect(all.some((input) => input.includes('functions/domain/render/parse-draft.ts'))).toBe(true);
    expect(initial.some((input) => input.includes('node_modules/zod/v4/mini/'))).toBe(true);
    for (const lazy of LAZY_ONLY)
      expect(
        initial.filter((input) => input.includes(lazy)),
        lazy,
      ).toEqual([]);
    expect(
      initial.filter((input) => input.includes('node_modules/zod/v4/classic/')),
      'zod classic',
    ).toEqual([]);
    expect(
      initial.filter((input) => input.includes('node_modules/zod/v4/locales/') && !input.endsWith('/en.js')),
      'zod locales',
    ).toEqual([]);
  }, 60_000);
});
