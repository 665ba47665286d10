/**
 * Builds the newsroom app into dist/web/: index.html referencing content-hashed app.<hash>.js and app.<hash>.css,
 * minified. Fails when the JavaScript exceeds its budget (60 KB gzipped), so the first screen stays fast.
 *
 *   npm run build:web            build once
 *   npm run build:web -- --watch rebuild on change (for working on the UI against `npm start`)
 */
import { build, context, type BuildOptions, type Metafile } from 'esbuild';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const outdir = join(root, 'dist', 'web');
export const JS_BUDGET_GZIP_BYTES = 60 * 1024;

const options: BuildOptions = {
  entryPoints: { app: join(root, 'web', 'src', 'main.tsx') },
  bundle: true,
  format: 'esm',
  target: ['es2022', 'chrome110', 'firefox115', 'safari16'],
  minify: true,
  sourcemap: false,
  jsx: 'automatic',
  jsxImportSource: 'preact',
  entryNames: '[name].[hash]',
  outdir,
  metafile: true,
  legalComments: 'none',
  // Cyrillic as UTF-8, not \u escapes (a third of the size before gzip).
  charset: 'utf8',
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
};

/** No inline script: the app's CSP is `script-src 'self'`. */
const renderIndexHtml = (js: string, css: string | undefined): string => `<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>Редакция</title>
<link rel="icon" href="data:,">
${css ? `<link rel="stylesheet" href="${css}">\n` : ''}<script type="module" src="${js}"></script>
</head>
<body>
<div id="app"></div>
<noscript>Для работы редакции нужен JavaScript. / The newsroom needs JavaScript.</noscript>
</body>
</html>
`;

interface Outputs {
  js: string;
  css?: string;
}

const findOutputs = (metafile: Metafile): Outputs => {
  const files = Object.keys(metafile.outputs).map((p) => basename(p));
  const js = files.find((f) => /^app\.[\w-]+\.js$/.test(f));
  const css = files.find((f) => /^app\.[\w-]+\.css$/.test(f));
  if (!js) throw new Error('esbuild produced no app.<hash>.js');
  return { js, css };
};

/** Removes hashed files of earlier builds, leaving anything else in dist/web/ (e.g. a local config.json). */
const removeStale = async (keep: Outputs): Promise<void> => {
  for (const file of await readdir(outdir)) {
    if (/^app\.[\w-]+\.(js|css)$/.test(file) && file !== keep.js && file !== keep.css) await rm(join(outdir, file));
  }
};

const gzipSize = async (file: string): Promise<number> =>
  gzipSync(await readFile(join(outdir, file)), { level: 9 }).length;

const finish = async (metafile: Metafile): Promise<{ jsGzip: number; cssGzip: number; outputs: Outputs }> => {
  const outputs = findOutputs(metafile);
  await writeFile(join(outdir, 'index.html'), renderIndexHtml(outputs.js, outputs.css));
  await removeStale(outputs);
  const jsGzip = await gzipSize(outputs.js);
  const cssGzip = outputs.css ? await gzipSize(outputs.css) : 0;
  return { jsGzip, cssGzip, outputs };
};

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

const main = async (): Promise<void> => {
  await mkdir(outdir, { recursive: true });
  if (process.argv.includes('--watch')) {
    const ctx = await context({
      ...options,
      plugins: [
        {
          name: 'index-html',
          setup(b) {
            b.onEnd(async (result) => {
              if (!result.metafile) return;
              const { jsGzip, outputs } = await finish(result.metafile);
              console.log(`rebuilt ${outputs.js} (${kb(jsGzip)} gzip)`);
            });
          },
        },
      ],
    });
    await ctx.watch();
    console.log(`watching web/src → ${relative(root, outdir)}/`);
    return;
  }
  const result = await build(options);
  if (!result.metafile) throw new Error('esbuild returned no metafile');
  const { jsGzip, cssGzip, outputs } = await finish(result.metafile);
  console.log(
    `dist/web/${outputs.js}  ${kb(jsGzip)} gzip (budget ${kb(JS_BUDGET_GZIP_BYTES)})` +
      (outputs.css ? `\ndist/web/${outputs.css}  ${kb(cssGzip)} gzip` : ''),
  );
  if (jsGzip > JS_BUDGET_GZIP_BYTES) {
    console.error(`The app's JavaScript is ${kb(jsGzip)} gzipped, over its ${kb(JS_BUDGET_GZIP_BYTES)} budget.`);
    process.exitCode = 1;
  }
};

await main();
