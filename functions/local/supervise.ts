import type { EmulatorExit, RunningEmulator } from './emulators.js';

/**
 * Keeps an emulator running for the life of `npm start`: when it exits without being asked to, it is started again
 * on the same port (so the SDK clients' endpoints stay valid) after a backoff that doubles up to a bound and resets
 * once the emulator has stayed up for a while. A death is one line in the log (and each failed restart one more).
 */
export interface SupervisedEmulator {
  readonly endpoint: string;
  readonly port: number;
  /** The current process's pid (changes on restart). */
  readonly pid: number;
  /** How many times it was restarted. */
  readonly restarts: number;
  /** Stops the emulator and the supervision; safe to call twice. */
  stop(): Promise<void>;
}

export interface SuperviseOptions {
  name: string;
  /** Starts the emulator on its fixed port; rejects when it cannot. */
  start: () => Promise<RunningEmulator>;
  log: (line: string) => void;
  /** First restart delay, doubled after each failure in a row up to maxDelayMs. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** Running this long counts as healthy again: the next death restarts after initialDelayMs. */
  healthyAfterMs?: number;
}

const describeExit = ({ code, signal }: EmulatorExit): string =>
  signal ? `killed by ${signal}` : `exit code ${code ?? 'unknown'}`;

const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Starts the emulator (a first failure rejects, as before) and supervises it until stop(). */
export const superviseEmulator = async ({
  name,
  start,
  log,
  initialDelayMs = 500,
  maxDelayMs = 30_000,
  healthyAfterMs = 60_000,
}: SuperviseOptions): Promise<SupervisedEmulator> => {
  let current = await start();
  let stopping = false;
  // stop() sets `stopping` while supervise() awaits; read through a call, which the type checker does not narrow
  // (it would take the value as still false after every await).
  const stopRequested = (): boolean => stopping;
  let restarts = 0;
  let wake: (() => void) | undefined;
  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const supervise = async (): Promise<void> => {
    let failuresInRow = 0;
    let startedAt = Date.now();
    for (;;) {
      const exit = await current.exited;
      if (stopRequested()) return;
      if (Date.now() - startedAt >= healthyAfterMs) failuresInRow = 0;
      for (;;) {
        const delayMs = Math.min(maxDelayMs, initialDelayMs * 2 ** failuresInRow);
        log(
          failuresInRow === 0
            ? `${name} stopped unexpectedly (${describeExit(exit)}); restarting it in ${delayMs / 1000} s`
            : `${name} is still down; next restart in ${delayMs / 1000} s`,
        );
        await sleep(delayMs);
        if (stopRequested()) return;
        try {
          current = await start();
          startedAt = Date.now();
          restarts += 1;
          if (stopRequested()) return;
          break;
        } catch (error) {
          failuresInRow += 1;
          log(`${name} could not restart: ${errorMessage(error).split('\n')[0]}`);
        }
      }
    }
  };
  const supervising = supervise();

  let stopped: Promise<void> | undefined;
  return {
    get endpoint() {
      return current.endpoint;
    },
    get port() {
      return current.port;
    },
    get pid() {
      return current.pid;
    },
    get restarts() {
      return restarts;
    },
    stop() {
      stopped ??= (async () => {
        stopping = true;
        wake?.();
        await current.stop();
        await supervising;
        // A restart that was under way when stop() came in has finished by now: stop what it started.
        await current.stop();
      })();
      return stopped;
    },
  };
};
