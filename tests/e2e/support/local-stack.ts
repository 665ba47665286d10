import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EMULATORS_PID_FILE, findFreePort, stopRecordedEmulators } from '../../../functions/local/emulators.js';

/**
 * Runs `npm start`'s entry point as a child process, the way a person would, for browser and end-to-end tests:
 * a free port, a fresh data directory, resolved once the stack prints its ready line.
 */
export interface LocalStack {
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  baseUrl: string;
  port: number;
  dataDir: string;
  /** Everything the stack printed so far (stdout and stderr). */
  output(): string;
  /** Ctrl-C, as in a terminal; waits until the stack has exited. Removes the data directory it created. */
  stop(): Promise<void>;
  /** SIGKILL to the whole `npm start` (npx, tsx, node), as a crash would; its emulators are left as they are. */
  kill(): Promise<void>;
  /** Resolves when the stack's process has exited (e.g. after a crash it caused itself). */
  exited(): Promise<void>;
}

export interface LocalStackOptions {
  port?: number;
  /** Reuse a data directory (e.g. to test a restart); by default a new temporary one, removed by stop(). */
  dataDir?: string;
  env?: Record<string, string>;
  /** How long to wait for the ready line (the first start of Java takes a few seconds). */
  timeoutMs?: number;
}

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const READY_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 20_000;

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

const killGroup = (child: ChildProcess, signal: NodeJS.Signals): void => {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
};

const hasExited = (child: ChildProcess): boolean => child.exitCode !== null || child.signalCode !== null;

const waitForExit = (child: ChildProcess, timeoutMs: number): Promise<boolean> =>
  hasExited(child)
    ? Promise.resolve(true)
    : new Promise((resolveWait) => {
        const timer = setTimeout(() => resolveWait(false), timeoutMs);
        child.once('exit', () => {
          clearTimeout(timer);
          resolveWait(true);
        });
      });

export const startLocalStack = async (options: LocalStackOptions = {}): Promise<LocalStack> => {
  const port = options.port ?? (await findFreePort());
  const ownDataDir = options.dataDir === undefined;
  const dataDir = resolve(options.dataDir ?? mkdtempSync(join(tmpdir(), 'newsroom-stack-')));
  const readyLine = `Newsroom is ready at http://127.0.0.1:${port}/`;

  const child = spawn('npx', ['tsx', 'functions/local/start.ts'], {
    cwd: ROOT,
    // Its own process group, so that stop() can signal npx, tsx and node together, as a terminal's Ctrl-C does.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: String(port),
      NEWSROOM_DATA_DIR: dataDir,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...options.env,
    },
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    // A test run that ends without stop() must not leave a stack behind.
    process.on('exit', () => {
      for (const c of running) killGroup(c, 'SIGKILL');
    });
  }

  let text = '';
  const output = (): string => text;
  const ready = new Promise<void>((resolveReady, reject) => {
    const onData = (chunk: Buffer): void => {
      text += chunk.toString('utf8');
      if (text.includes(readyLine)) resolveReady();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code, signal) =>
      reject(new Error(`the local stack exited before it was ready (${signal ?? `exit code ${code}`}):\n${text}`)),
    );
    child.once('error', (error) => reject(new Error(`the local stack could not be spawned: ${error.message}`)));
  });

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      if (!hasExited(child)) {
        killGroup(child, 'SIGINT');
        if (!(await waitForExit(child, STOP_TIMEOUT_MS))) {
          killGroup(child, 'SIGKILL');
          await waitForExit(child, 5_000);
        }
      }
      // After a SIGKILL the stack could not stop its emulators; they are recorded in the data directory.
      stopRecordedEmulators(join(dataDir, EMULATORS_PID_FILE), dataDir);
      if (ownDataDir) rmSync(dataDir, { recursive: true, force: true });
    })();
    return stopped;
  };

  const timeoutMs = options.timeoutMs ?? READY_TIMEOUT_MS;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the local stack printed no ready line within ${timeoutMs / 1000} s:\n${text}`)),
      timeoutMs,
    );
  });
  try {
    await Promise.race([ready, timeout]);
  } catch (error) {
    await stop();
    throw error;
  } finally {
    clearTimeout(timer);
  }

  const kill = async (): Promise<void> => {
    killGroup(child, 'SIGKILL');
    await waitForExit(child, STOP_TIMEOUT_MS);
  };
  const exited = async (): Promise<void> => {
    await waitForExit(child, 24 * 3_600_000);
  };

  return { baseUrl: `http://127.0.0.1:${port}`, port, dataDir, output, stop, kill, exited };
};
