// The render worker's entry: a worker thread does not inherit the TypeScript loader that runs the main thread
// (Node 20), so it loads the worker's TypeScript module through tsx's API.
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

await tsImport(workerData.script, import.meta.url);
