import { resolve } from 'node:path';
import cliProgress from 'cli-progress';
import {
  LOCAL_DYNAMODB_CREDENTIALS,
  S3RVER_CREDENTIALS,
  createDocumentClient,
  createS3Client,
} from '../adapters/aws/clients.js';
import { composeAppDeps } from '../handlers/compose.js';
import type { Logger } from '../ports/logger.js';
import type { AppDeps } from '../use-cases/deps.js';
import { createStackCdn, readStackFile } from './stack-file.js';

/** What the batch CLIs share: the running newsroom's deps, a progress display, a bounded pool. */

export class CliError extends Error {}

/** The use cases' log lines would tear the progress bar: only errors, one line each, on stderr. */
const quietLogger: Logger = {
  info: () => undefined,
  error: (message, fields) => process.stderr.write(`${message} ${fields ? JSON.stringify(fields) : ''}\n`),
};

/**
 * The AppDeps of the newsroom `npm start` runs on NEWSROOM_DATA_DIR (the same adapters as its API), pointed at its
 * emulators; CDN invalidations go to the running stack's CDN.
 */
export const connectToRunningNewsroom = (
  env: NodeJS.ProcessEnv = process.env,
  /** When given, every DynamoDB and S3 command sent is counted here by name (`DynamoDB BatchGetCommand`). */
  requests?: Map<string, number>,
): AppDeps => {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const dataDir = resolve(env.NEWSROOM_DATA_DIR ?? '.newsroom');
  const stack = readStackFile(dataDir);
  if (!stack) {
    throw new CliError(
      `no newsroom is running on ${dataDir}: start it with \`npm start\` (with the same NEWSROOM_DATA_DIR) and run this again`,
    );
  }
  const documentClient = createDocumentClient({
    endpoint: stack.dynamoEndpoint,
    credentials: LOCAL_DYNAMODB_CREDENTIALS,
  });
  const s3 = createS3Client({ endpoint: stack.s3Endpoint, credentials: S3RVER_CREDENTIALS });
  if (requests) {
    const count =
      (service: string) =>
      <I, O>(next: (args: I) => O, context: { commandName?: string }) =>
      (args: I): O => {
        // Counted once per command at its first step (the SDK's retries are not separate commands).
        const key = `${service} ${context.commandName ?? 'unknown'}`;
        requests.set(key, (requests.get(key) ?? 0) + 1);
        return next(args);
      };
    documentClient.middlewareStack.add(count('DynamoDB'), { step: 'initialize', name: 'countRequests' });
    s3.middlewareStack.add(count('S3'), { step: 'initialize', name: 'countRequests' });
  }
  return composeAppDeps({
    documentClient,
    s3,
    tableName: stack.tableName,
    siteBucket: stack.bucket,
    siteBaseUrl: `http://127.0.0.1:${stack.port}`,
    cdn: createStackCdn(stack),
    log: quietLogger,
  });
};

export interface Progress {
  tick(): void;
  /** A line for people (a failure), printed without tearing the bar. */
  note(line: string): void;
  stop(): void;
}

const PLAIN_EVERY_MS = 2_000;

/**
 * A progress bar with count, rate and ETA (cli-progress) on a terminal; plain lines every two seconds otherwise (a
 * log file or CI has no use for redraws).
 */
export const startProgress = (label: string, total: number, stream: NodeJS.WriteStream = process.stdout): Progress => {
  const startedAt = performance.now();
  let done = 0;
  const rate = (): number => done / Math.max(0.001, (performance.now() - startedAt) / 1000);
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: `${label} [{bar}] {value}/{total} {percentage}% | {rate}/s | ETA {eta_formatted}`,
        etaBuffer: 200,
        hideCursor: true,
        stream,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { rate: '0' });
    const notes: string[] = [];
    return {
      tick() {
        done += 1;
        bar.update(done, { rate: rate().toFixed(0) });
      },
      note: (line) => notes.push(line),
      stop() {
        bar.stop();
        for (const line of notes) process.stderr.write(`${line}\n`);
      },
    };
  }
  let lastLine = 0;
  const line = (): void => {
    const r = rate();
    const eta = r > 0 ? Math.ceil((total - done) / r) : 0;
    stream.write(`${label}: ${done}/${total} (${r.toFixed(0)}/s, ETA ${eta} s)\n`);
  };
  return {
    tick() {
      done += 1;
      const now = performance.now();
      if (now - lastLine >= PLAIN_EVERY_MS) {
        lastLine = now;
        line();
      }
    },
    note: (text) => process.stderr.write(`${text}\n`),
    stop: line,
  };
};

/** Runs `work` over `items` with at most `concurrency` in flight; never stops on one item's failure (work catches). */
export const runPool = async <T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> => {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
};

export const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));
