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
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle makes two modules one: neither can be understood, tested or loaded alone.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment:
        'The domain (model, workflow, renderer) knows no port, use case, adapter, HTTP, handler, local stack, ' +
        'contract or infrastructure, and no AWS SDK: everything else depends on it, never the reverse.',
      from: { path: '^functions/domain/' },
      to: {
        path: ['^functions/(ports|use-cases|adapters|http|handlers|local|edge|contract)/', '^infra/', '^web/'],
      },
    },
    {
      name: 'domain-no-sdk-no-node',
      severity: 'error',
      comment:
        'No AWS SDK and no Node built-ins in the domain (time, ids, files and the network are passed in). ' +
        'Exception: node:crypto for content hashes (pure computation), until hashing moves behind a port.',
      from: { path: '^functions/domain/' },
      to: {
        dependencyTypes: ['core'],
        pathNot: '^(node:)?crypto$',
      },
    },
    {
      name: 'no-aws-sdk-in-the-core',
      severity: 'error',
      comment: 'Only adapters (and the composition roots that build them) know the AWS SDK.',
      from: { path: '^functions/(domain|ports|use-cases|http|contract)/' },
      to: { path: '@aws-sdk/' },
    },
    {
      name: 'ports-only-domain',
      severity: 'error',
      comment: "Ports are interfaces in the domain's terms: they name domain types and nothing else.",
      from: { path: '^functions/ports/' },
      to: { path: '^functions/(use-cases|adapters|http|handlers|local|edge|contract)/' },
    },
    {
      name: 'use-cases-only-domain-and-ports',
      severity: 'error',
      comment:
        'A use case is written against ports; it never reaches into an adapter, HTTP, a handler or the local stack.',
      from: { path: '^functions/use-cases/' },
      to: { path: '^functions/(adapters|http|handlers|local|edge)/' },
    },
    {
      name: 'adapters-never-use-cases',
      severity: 'error',
      comment: 'Adapters implement ports; they never call use cases, HTTP, handlers or the local stack.',
      from: { path: '^functions/adapters/' },
      to: { path: '^functions/(use-cases|http|handlers|local)/' },
    },
    {
      name: 'http-never-adapters',
      severity: 'error',
      comment:
        'HTTP routes, parses and maps errors; it gets its adapters from the composition root (functions/handlers, ' +
        'functions/local), never by importing them.',
      from: { path: '^functions/http/' },
      to: { path: '^functions/(adapters|handlers|local)/' },
    },
    {
      name: 'contract-stands-alone',
      severity: 'error',
      comment:
        'The API contract is loaded by the Lambda and by the browser app: zod and a few import-free lists ' +
        '(statuses, error codes) only, no Node and no DOM.',
      from: { path: '^functions/contract/' },
      to: {
        pathNot: [
          '^functions/contract/',
          '^functions/domain/(article-status|errors)\\.ts$',
          '^functions/http/http-errors\\.ts$',
          '^node_modules/zod/',
        ],
      },
    },
    {
      name: 'contract-leaves-stay-leaves',
      severity: 'error',
      comment: 'The lists the contract imports are loaded in the browser too: they import nothing.',
      from: { path: '^functions/(domain/(article-status|errors)|http/http-errors)\\.ts$' },
      to: {},
    },
    {
      name: 'web-only-the-contract',
      severity: 'error',
      comment: 'The browser app shares only the API contract with the server; the rest of functions/ is not its code.',
      from: { path: '^web/' },
      to: { path: '^functions/', pathNot: '^functions/contract/' },
    },
    {
      name: 'functions-never-infra-or-tests',
      severity: 'error',
      comment:
        'Runtime code does not depend on the CDK app or on tests (the CDK app may read runtime definitions). ' +
        "The app's Node scripts (web/*.ts: build, first-screen measurement) may use test support.",
      from: { path: '^(functions|web/src)/' },
      to: { path: '^(infra|tests)/' },
    },
    {
      name: 'infra-never-tests',
      severity: 'error',
      from: { path: '^infra/' },
      to: { path: '^tests/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing is a typo or a missing dependency.',
      from: {},
      to: { couldNotResolve: true },
    },
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
