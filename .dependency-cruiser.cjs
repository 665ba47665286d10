/**
 * The layer rules of architecture.md §7, checked by `npm run lint` (dependency-cruiser). Read as: a module in `from`
 * may not import one matching `to`. The arrows that are allowed:
 *
 *   domain ← ports ← use-cases ← http ← handlers (composition: builds adapters, wires them to use cases)
 *                  ↖ adapters ↙                     local (the local stack: composes like handlers)
 *   contract (API shapes) ← http, web
 *
 * @type {import('dependency-cruiser').IConfiguration}
 */
/** `from` may not import `to` (paths are regular expressions on the file's path from the repository root). */
const forbid = (name, comment, from, to) => ({ name, severity: 'error', comment, from, to });

module.exports = {
  forbidden: [
    forbid(
      'no-circular',
      'A cycle makes two modules one: neither can be understood, tested or loaded alone.',
      {},
      { circular: true },
    ),
    forbid(
      'domain-is-pure',
      'The domain (model, workflow, renderer) knows no port, use case, adapter, HTTP, handler, local stack, contract ' +
        'or infrastructure: everything else depends on it, never the reverse.',
      { path: '^functions/domain/' },
      { path: ['^functions/(ports|use-cases|adapters|http|handlers|local|edge|contract)/', '^infra/', '^web/'] },
    ),
    forbid(
      'domain-no-node',
      'No Node built-ins in the domain (time, ids, files and the network are passed in). Exception: node:crypto ' +
        'for content hashes (pure computation), until hashing moves behind a port.',
      { path: '^functions/domain/' },
      { dependencyTypes: ['core'], pathNot: '^(node:)?crypto$' },
    ),
    forbid(
      'no-aws-sdk-in-the-core',
      'Only adapters (and the composition roots that build them) know the AWS SDK.',
      { path: '^functions/(domain|ports|use-cases|http|contract)/' },
      { path: '@aws-sdk/' },
    ),
    forbid(
      'ports-only-domain',
      "Ports are interfaces in the domain's terms: they name domain types and nothing else.",
      { path: '^functions/ports/' },
      { path: '^functions/(use-cases|adapters|http|handlers|local|edge|contract)/' },
    ),
    forbid(
      'use-cases-only-domain-and-ports',
      'A use case is written against ports; it never reaches into an adapter, HTTP, a handler or the local stack.',
      { path: '^functions/use-cases/' },
      { path: '^functions/(adapters|http|handlers|local|edge)/' },
    ),
    forbid(
      'adapters-never-use-cases',
      'Adapters implement ports; they never call use cases, HTTP, handlers or the local stack.',
      { path: '^functions/adapters/' },
      { path: '^functions/(use-cases|http|handlers|local)/' },
    ),
    forbid(
      'http-never-adapters',
      'HTTP routes, parses and maps errors; it gets its adapters from the composition roots (functions/handlers, ' +
        'functions/local), never by importing them.',
      { path: '^functions/http/' },
      { path: '^functions/(adapters|handlers|local)/' },
    ),
    forbid(
      'contract-stands-alone',
      'The API contract is loaded by the Lambda and by the browser app: zod and a few import-free lists ' +
        '(statuses, error codes) only, so no Node and no DOM.',
      { path: '^functions/contract/' },
      {
        pathNot: [
          '^functions/contract/',
          '^functions/domain/(article-status|errors|media)\\.ts$',
          '^functions/http/http-errors\\.ts$',
          '^node_modules/zod/',
        ],
      },
    ),
    forbid(
      'contract-leaves-stay-leaves',
      'The lists the contract imports are loaded in the browser too: they import nothing.',
      { path: '^functions/(domain/(article-status|errors)|http/http-errors)\\.ts$' },
      {},
    ),
    forbid(
      'web-only-the-contract',
      'The browser app shares only the API contract with the server; the rest of functions/ is not its code.',
      { path: '^web/' },
      { path: '^functions/', pathNot: '^functions/contract/' },
    ),
    forbid(
      'runtime-never-infra-or-tests',
      'Runtime code does not depend on the CDK app or on tests (the CDK app may read runtime definitions). ' +
        "The app's Node scripts (web/*.ts: build, first-screen measurement) may use test support.",
      { path: '^(functions|web/src)/' },
      { path: '^(infra|tests)/' },
    ),
    forbid('infra-never-tests', 'The CDK app does not depend on tests.', { path: '^infra/' }, { path: '^tests/' }),
    forbid(
      'not-to-unresolvable',
      'An import that resolves to nothing is a typo or a missing dependency.',
      {},
      { couldNotResolve: true },
    ),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|cdk\\.out|\\.newsroom|coverage)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.cjs', '.mjs', '.d.ts'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
