import { OutputFormat, SourceMapMode, type BundlingOptions, type ICommandHooks } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BuildOptions } from 'esbuild';

/** Node.js major version of the Lambda runtime; esbuild targets it so nothing is down-levelled needlessly. */
export const LAMBDA_NODE_MAJOR = 24;

// ESM output runs top-level await at init, but a few CommonJS dependencies still call `require` on Node built-ins;
// esbuild's ESM output needs a real `require` for those. Double quotes only: the banner also goes through a shell.
const REQUIRE_SHIM =
  'import { createRequire as __newsroomCreateRequire } from "node:module"; const require = __newsroomCreateRequire(import.meta.url);';

/**
 * Node reads the source map so that stack traces in the logs point at TypeScript lines. Set on every function (CDK does
 * not add it); the bundle benchmark loads bundles with the same option, so its cost is in the measured load time.
 */
export const SOURCE_MAP_NODE_OPTIONS = '--enable-source-maps';

/**
 * How every newsroom function is built, in esbuild's own terms. NodejsFunction (through `newsroomBundling`) and the
 * bundle benchmark (tests/bench/bundles.ts) both use it, so the benchmark measures what is deployed.
 *
 * - minified, with an external source map without sources (stack traces map back to TypeScript lines);
 * - the AWS SDK is bundled (`external: []`), pinned by package-lock.json rather than whatever SDK the Lambda runtime
 *   carries, and tree-shaken to the clients and commands the function imports;
 * - ESM with `module` entry points first, so the SDK's ES builds are used (better tree-shaking);
 * - code splitting: a dynamic `import()` in the handler (the renderer, loaded on first use) becomes its own chunk,
 *   read only when called. A single-file bundle would parse every page-rendering library at every cold start.
 */
export const esbuildOptionsFor = (entryPoint: string, outdir: string) =>
  ({
    entryPoints: [entryPoint],
    outdir,
    bundle: true,
    splitting: true,
    platform: 'node' as const,
    format: 'esm' as const,
    target: `node${LAMBDA_NODE_MAJOR}`,
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    mainFields: ['module', 'main'],
    banner: { js: REQUIRE_SHIM },
    external: [],
    entryNames: 'index',
    chunkNames: 'chunks/[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    metafile: true as const,
    logLevel: 'warning' as const,
  }) satisfies BuildOptions;

const shellQuote = (value: string): string => `'${value.replaceAll("'", "'\\''")}'`;

/** The same build as an esbuild command line (NodejsFunction runs bundling steps as shell commands). */
export const esbuildCommandFor = (entryPoint: string, outdir: string, externals: readonly string[] = []): string => {
  const o = esbuildOptionsFor(entryPoint, outdir);
  return [
    'npx --no-install esbuild',
    ...externals.map((name) => shellQuote(`--external:${name}`)),
    shellQuote(entryPoint),
    '--bundle',
    '--splitting',
    `--platform=${o.platform}`,
    `--format=${o.format}`,
    `--target=${o.target}`,
    '--minify',
    '--sourcemap',
    '--sources-content=false',
    `--main-fields=${o.mainFields.join(',')}`,
    shellQuote(`--banner:js=${o.banner.js}`),
    shellQuote(`--outdir=${outdir}`),
    `--entry-names=${o.entryNames}`,
    shellQuote(`--chunk-names=${o.chunkNames}`),
    '--out-extension:.js=.mjs',
    '--log-level=warning',
  ].join(' ');
};

/**
 * NodejsFunction's bundling for one entry point. NodejsFunction always writes a single `--outfile`, which esbuild
 * cannot combine with code splitting, so its own build is followed by the split build into the same output
 * directory (same `index.mjs` entry, plus `chunks/`). The first build costs about a second at synth time; the
 * function gets chunks it loads on demand.
 */
export const newsroomBundling = (entryPoint: string, nativeModules: readonly NativeModule[] = []): BundlingOptions => {
  const externals = nativeModules.map((m) => m.name);
  const commandHooks: ICommandHooks = {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (_inputDir, outputDir) => [
      esbuildCommandFor(entryPoint, outputDir, externals),
      ...(nativeModules.length > 0 ? installNativeCommands(outputDir, nativeModules) : []),
    ],
  };
  return {
    minify: true,
    sourceMap: true,
    sourceMapMode: SourceMapMode.DEFAULT,
    sourcesContent: false,
    target: `node${LAMBDA_NODE_MAJOR}`,
    format: OutputFormat.ESM,
    mainFields: ['module', 'main'],
    banner: REQUIRE_SHIM,
    externalModules: externals,
    forceDockerBundling: false,
    commandHooks,
  };
};

/** A package with a native build that esbuild cannot bundle (sharp): installed beside the bundle instead. */
export interface NativeModule {
  name: string;
  /** Exactly the version package-lock.json pins (read from node_modules at synth time). */
  version: string;
}

/**
 * Installs native packages into the function's asset for Lambda's platform (linux, arm64, glibc), whatever machine
 * synthesizes: npm picks the platform's optional binary packages (sharp's `@img/sharp-linux-arm64` and its libvips).
 * `--prefix` and a package.json of its own keep npm inside the asset directory; `--prefer-offline` takes the packages
 * from npm's cache, so once fetched, synth works without a network.
 */
export const installNativeCommands = (outputDir: string, modules: readonly NativeModule[]): string[] => [
  `echo '{"private":true}' > ${shellQuote(`${outputDir}/package.json`)}`,
  [
    'npm install --prefer-offline --no-save --no-package-lock --no-audit --no-fund --omit=dev',
    '--os=linux --cpu=arm64 --libc=glibc',
    `--prefix ${shellQuote(outputDir)}`,
    ...modules.map((m) => shellQuote(`${m.name}@${m.version}`)),
  ].join(' '),
];
