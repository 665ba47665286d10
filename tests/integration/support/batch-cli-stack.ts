import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLocalCdn, type LocalCdn } from '../../../functions/local/local-cdn.js';
import { handleStackControl, newControlToken, writeStackFile } from '../../../functions/local/stack-file.js';
import { testEnvironment } from './emulators.js';
import type { TestNewsroom } from './test-newsroom.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** One of the batch CLIs (`functions/local/<script>`) as `npm run` starts it, pointed at `dataDir`'s stack. */
export const runBatchCli = (script: string, args: readonly string[], dataDir: string): Promise<CliRun> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'functions/local', script), ...args], {
      cwd: ROOT,
      env: { ...process.env, NEWSROOM_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });

export interface BatchCliStack {
  /** `http://127.0.0.1:<port>`, no trailing slash: the site as readers get it. */
  origin: string;
  cdn: LocalCdn;
  close(): Promise<void>;
}

/**
 * A small origin playing the running stack for the batch CLIs: the stack's CDN over the test newsroom's bucket and
 * the token-guarded control route they invalidate through, and the stack.json in `dataDir` that leads them to the
 * emulators, as `npm start` writes it. `onInvalidate` sees every invalidation the CLIs send.
 */
export const startBatchCliStack = async (
  n: TestNewsroom,
  dataDir: string,
  onInvalidate: (paths: readonly string[]) => void = () => undefined,
): Promise<BatchCliStack> => {
  const env = testEnvironment();
  const cdn = createLocalCdn({ store: n.app.site, log: () => undefined });
  const control = {
    token: newControlToken(),
    cdn: {
      invalidate: async (paths: readonly string[]) => {
        onInvalidate(paths);
        await cdn.invalidate(paths);
      },
    },
  };
  const server = createServer((req, res) => {
    void (async () => {
      if (!(await handleStackControl(req, res, control))) await cdn.handle(req, res);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo; // listening on a TCP port: an AddressInfo
  writeStackFile(dataDir, {
    pid: process.pid,
    port,
    dynamoEndpoint: env.dynamoEndpoint,
    s3Endpoint: env.s3Endpoint,
    tableName: n.tableName,
    bucket: n.bucket,
    token: control.token,
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    cdn,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
};
