import { OutputFormat, SourceMapMode, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';

/** Node.js major version of the Lambda runtime; esbuild targets it so nothing is down-levelled needlessly. */
export const LAMBDA_NODE_MAJOR = 24;

// ESM output runs top-level await at init (outside the billed handler time), but a few CommonJS dependencies still
// call `require` on Node built-ins; esbuild's ESM output needs a real `require` for those.
const REQUIRE_SHIM = "import { createRequire as __newsroomCreateRequire } from 'node:module'; const require = __newsroomCreateRequire(import.meta.url);";

/**
 * How every newsroom function is bundled. NodejsFunction and the bundle benchmark (tests/bench/bundles.ts) both read
 * this object, so the benchmark measures what is deployed.
 *
 * - minified, with an external source map without sources (stack traces map back to TypeScript; the map stays out
 *   of the code that Node parses at init);
 * - the AWS SDK is bundled (`externalModules: []`), pinned by package-lock.json instead of whatever SDK the Lambda
 *   runtime happens to carry, and tree-shaken to the clients and commands the function imports;
 * - ESM, `module` entry points first so the SDK's ES builds are used (better tree-shaking).
 */
export const NEWSROOM_BUNDLING = {
  minify: true,
  sourceMap: true,
  sourceMapMode: SourceMapMode.DEFAULT,
  sourcesContent: false,
  target: `node${LAMBDA_NODE_MAJOR}`,
  format: OutputFormat.ESM,
  mainFields: ['module', 'main'],
  banner: REQUIRE_SHIM,
  externalModules: [],
  forceDockerBundling: false,
} as const satisfies BundlingOptions;

/**
 * Node reads the source map so that stack traces in the logs point at TypeScript lines. Set on every function (CDK does
 * not add it); the bundle benchmark loads bundles with the same option, so its cost is in the measured load time.
 */
export const SOURCE_MAP_NODE_OPTIONS = '--enable-source-maps';

/** The same settings in esbuild's own API, for tools that call esbuild directly. */
export const esbuildOptionsFor = (entryPoint: string, outfile: string) =>
  ({
    entryPoints: [entryPoint],
    outfile,
    bundle: true,
    platform: 'node',
    target: NEWSROOM_BUNDLING.target,
    format: 'esm',
    minify: NEWSROOM_BUNDLING.minify,
    sourcemap: true,
    sourcesContent: NEWSROOM_BUNDLING.sourcesContent,
    mainFields: [...NEWSROOM_BUNDLING.mainFields],
    banner: { js: NEWSROOM_BUNDLING.banner },
    external: [...NEWSROOM_BUNDLING.externalModules],
    metafile: true,
    logLevel: 'warning',
  }) as const;
