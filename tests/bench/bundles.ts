/**
 * Bundle size and load time of each Lambda, beside a baseline bundle of only the AWS SDK clients and commands that
 * the function itself uses: a stand-in for cold-start init, where loading the code is most of the work.
 *
 *   npx tsx tests/bench/bundles.ts        one JSON line per function
 *
 * Each function is bundled exactly as the CDK stack bundles it (infra/constructs/bundling.ts). The baseline is
 * bundled the same way from a generated entry that imports the SDK clients and commands found in the function's
 * bundle (esbuild's metafile) and constructs the clients, as a handler's composition root does. Each bundle is then
 * imported in fresh Node.js processes with the Lambda's NODE_OPTIONS and a complete handler environment; the time
 * of the `import()` is taken inside the child (Node's own start-up is the same for both and left out), and the
 * median of several runs is reported. Runs of a function and of its baseline alternate, so drift on a shared
 * machine hits both alike. Node here is the local one (20), not the Lambda's (24): compare ratios, not absolutes.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { FUNCTION_ENTRIES, REPO_ROOT } from '../../infra/config.js';
import { esbuildOptionsFor, SOURCE_MAP_NODE_OPTIONS } from '../../infra/constructs/bundling.js';
import { buildHandlerEnvironment } from '../../infra/constructs/handler-environment.js';
import { parseDesks } from '../../functions/domain/desk.js';
import { JOBS_BUCKET_ENV } from '../../functions/handlers/batch-jobs-env.js';
import { EVENTS_ENV } from '../../functions/handlers/events-config.js';

/** A function may load at most this much slower than its SDK-only baseline. */
export const LOAD_BUDGET_RATIO = 1.3;
const RUNS = 9;
const WORK_DIR = path.join(REPO_ROOT, 'tests/.tmp/bench-bundles');

/** The SDK pieces a bundle contains: per package, the client classes and the commands. */
export type SdkUsage = Map<string, { clients: Set<string>; commands: Set<string> }>;

// dist-es/<Name>Client.js is a client class; dist-es/commands/<Name>Command.js a command.
const SDK_FILE =
  /node_modules\/(@aws-sdk\/(?:client-[a-z0-9-]+|lib-dynamodb))\/dist-es\/(?:(commands)\/)?([A-Za-z0-9]+)\.js$/;

/** Reads which SDK clients and commands made it into a bundle (inputs that contributed bytes to the output). */
export const findSdkUsage = (metafile: Metafile): SdkUsage => {
  const usage: SdkUsage = new Map();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const match = SDK_FILE.exec(input);
      if (!match || bytesInOutput === 0) continue;
      const [, pkg, commandsDir, name] = match as unknown as [string, string, string | undefined, string];
      const entry = usage.get(pkg) ?? { clients: new Set<string>(), commands: new Set<string>() };
      if (commandsDir && name.endsWith('Command')) entry.commands.add(name);
      else if (!commandsDir && name.endsWith('Client')) entry.clients.add(name);
      else continue;
      usage.set(pkg, entry);
    }
  }
  return usage;
};

/**
 * The baseline's source: import the same clients and commands, construct each client once (the document client
 * wraps a DynamoDB client, as in the handlers), and keep every import alive so esbuild cannot drop it.
 */
export const renderBaselineEntry = (usage: SdkUsage): string => {
  const lines: string[] = [];
  const keep: string[] = [];
  const packages = new Map(
    [...usage].map(([pkg, u]) => [pkg, { clients: new Set(u.clients), commands: new Set(u.commands) }]),
  );
  if (packages.get('@aws-sdk/lib-dynamodb')?.clients.has('DynamoDBDocumentClient')) {
    const dynamodb = packages.get('@aws-sdk/client-dynamodb') ?? {
      clients: new Set<string>(),
      commands: new Set<string>(),
    };
    dynamodb.clients.add('DynamoDBClient');
    packages.set('@aws-sdk/client-dynamodb', dynamodb);
  }
  // Packages re-export names of each other (lib-dynamodb's QueryCommand wraps client-dynamodb's): alias per package.
  const alias = (pkgIndex: number, name: string) => `p${pkgIndex}_${name}`;
  const sorted = [...packages].sort(([a], [b]) => a.localeCompare(b));
  const dynamodbIndex = sorted.findIndex(([pkg]) => pkg === '@aws-sdk/client-dynamodb');
  sorted.forEach(([pkg, { clients, commands }], i) => {
    const names = [...clients, ...commands].sort();
    if (names.length === 0) return;
    lines.push(`import { ${names.map((n) => `${n} as ${alias(i, n)}`).join(', ')} } from '${pkg}';`);
    keep.push(...[...commands].map((n) => alias(i, n)));
    for (const client of clients) {
      keep.push(
        client === 'DynamoDBDocumentClient'
          ? `${alias(i, client)}.from(new ${alias(dynamodbIndex, 'DynamoDBClient')}({}))`
          : `new ${alias(i, client)}({})`,
      );
    }
  });
  lines.push(`export const sdk = [${keep.join(', ')}];`);
  return `${lines.join('\n')}\n`;
};

/** A complete, valid handler environment: the handlers parse it at import time, as in Lambda. */
const handlerEnvironment = (): Record<string, string> => ({
  ...buildHandlerEnvironment({
    tableName: 'bench-table',
    siteBucketName: 'bench-site',
    uploadsBucketName: 'bench-uploads',
    siteBaseUrl: 'https://bench.example.org',
    distributionId: 'EBENCH0000000',
    desks: parseDesks(JSON.parse(readFileSync(path.join(REPO_ROOT, 'content/desks.json'), 'utf8'))),
    authIssuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_bench',
    authAudience: 'bench-client',
  }),
  // The events and batch Lambdas' own variables (each parses its own at import time too).
  [EVENTS_ENV.consumer]: 'notify',
  [EVENTS_ENV.userPoolId]: 'eu-west-1_bench',
  [EVENTS_ENV.telegramTokenSecretArn]: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:bench-telegram',
  [EVENTS_ENV.webhookSecretArn]: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:bench-webhook',
  [JOBS_BUCKET_ENV]: 'bench-jobs',
  AWS_REGION: 'eu-west-1',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  NODE_OPTIONS: SOURCE_MAP_NODE_OPTIONS,
});

const LOADER = [
  'const t0 = performance.now();',
  'await import(process.argv[1]);',
  'process.stdout.write(String(performance.now() - t0));',
].join(' ');

/** Milliseconds to import a bundle in a fresh Node.js process. */
const timeImport = (bundle: string, env: Record<string, string>): number => {
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', LOADER, pathToFileURL(bundle).href], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(`loading ${bundle} failed:\n${child.stderr}`);
  return Number.parseFloat(child.stdout);
};

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Bytes of code (not maps) in every output. */
const codeBytes = (metafile: Metafile): number =>
  Object.entries(metafile.outputs)
    .filter(([file]) => file.endsWith('.mjs'))
    .reduce((sum, [, o]) => sum + o.bytes, 0);

/** Bytes of code loaded when the entry is imported: the entry and, transitively, its static imports. */
const initialBytes = (metafile: Metafile, entry: string): number => {
  const byPath = new Map(Object.entries(metafile.outputs).map(([file, o]) => [path.resolve(REPO_ROOT, file), o]));
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imported of byPath.get(file)?.imports ?? []) {
      if (imported.kind === 'import-statement') visit(path.resolve(REPO_ROOT, imported.path));
    }
  };
  visit(entry);
  return [...seen].reduce((sum, file) => sum + (byPath.get(file)?.bytes ?? 0), 0);
};

const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;

export const measureBundles = async (): Promise<Array<Record<string, unknown>>> => {
  rmSync(WORK_DIR, { recursive: true, force: true });
  const env = handlerEnvironment();
  const rows: Array<Record<string, unknown>> = [];

  for (const [name, entry] of Object.entries(FUNCTION_ENTRIES)) {
    const dir = path.join(WORK_DIR, name);
    mkdirSync(dir, { recursive: true });
    const result = await build(esbuildOptionsFor(path.join(REPO_ROOT, entry), path.join(dir, 'function')));
    const bundle = path.join(dir, 'function/index.mjs');
    const usage = findSdkUsage(result.metafile);

    const { entryPoints: _unused, ...options } = esbuildOptionsFor('', path.join(dir, 'baseline'));
    const baselineResult = await build({
      ...options,
      stdin: { contents: renderBaselineEntry(usage), resolveDir: REPO_ROOT, loader: 'js', sourcefile: 'index.js' },
    });
    const baseline = path.join(dir, 'baseline/index.mjs');

    const loads: number[] = [];
    const baselineLoads: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      loads.push(timeImport(bundle, env));
      baselineLoads.push(timeImport(baseline, env));
    }
    const loadMs = median(loads);
    const baselineLoadMs = median(baselineLoads);
    rows.push({
      bench: 'lambda-bundle',
      function: name,
      entry,
      // Minified code loaded at init (the entry and the chunks it imports statically), and in all (lazy chunks too).
      bundleBytes: initialBytes(result.metafile, bundle),
      bundleBytesWithLazyChunks: codeBytes(result.metafile),
      baselineBytes: initialBytes(baselineResult.metafile, baseline),
      sdk: Object.fromEntries([...usage].map(([pkg, u]) => [pkg, [...u.clients, ...u.commands].sort()])),
      loadMs: round(loadMs),
      baselineLoadMs: round(baselineLoadMs),
      loadRatio: round(loadMs / baselineLoadMs, 2),
      withinBudget: loadMs <= baselineLoadMs * LOAD_BUDGET_RATIO,
      runs: RUNS,
      node: process.version,
    });
  }
  return rows;
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const row of await measureBundles()) console.log(JSON.stringify(row));
}
