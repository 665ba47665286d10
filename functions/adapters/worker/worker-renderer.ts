import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { z } from 'zod';
import { DOMAIN_ERROR_CODES, DomainError } from '../../domain/errors.js';
import type { ArticlePageInput, ParseDraftOptions, ParsedDraft } from '../../domain/render/types.js';
import type { DraftParser, LoadParser } from '../../ports/draft-parser.js';
import type { LoadRenderer, PageRenderer } from '../../ports/renderer.js';
import type { RenderWorkerCall } from './render-worker-protocol.js';

/**
 * The draft parser and article renderer behind the ports, run in a worker thread with a heap limit and a time
 * limit, so that no draft can take the process down (issue 8 §4): a worker that runs out of memory or time is
 * replaced and the call fails with 422 preview_unavailable. The rest of the renderer (listings, feeds, sitemaps:
 * bounded input) stays in process.
 *
 * The ports are synchronous (`parseDraft(text)` returns the parsed draft), so the main thread waits for the worker
 * with Atomics.wait, bounded by the time limit. That blocks the event loop for as long as the parse takes, exactly
 * as parsing in process does today, but never longer than the limit. A worker killed for its heap cannot wake the
 * waiter, so that case ends at the time limit too. Hand-written rather than a pool library (piscina, synckit are
 * not installed): one worker, one call at a time (the waiting main thread cannot issue a second).
 */
export interface WorkerRendererOptions {
  /** The worker's old-generation heap limit. */
  maxHeapMb?: number;
  /** How long one parse or render may take. */
  timeLimitMs?: number;
  /** How long a new worker may take to load its modules, not counted in the time limit. */
  startupLimitMs?: number;
  /** The worker's script (tests pass one that misbehaves on purpose). */
  workerScript?: URL;
  log?: (line: string) => void;
}

export interface WorkerRenderer {
  loadParser: LoadParser;
  loadRenderer: LoadRenderer;
  /** Workers replaced so far (after running out of memory or time). */
  replacements(): number;
  close(): Promise<void>;
}

export const WORKER_RENDERER_DEFAULTS = { maxHeapMb: 256, timeLimitMs: 5_000, startupLimitMs: 30_000 } as const;

interface RunningWorker {
  worker: Worker;
  reply: MessagePort;
  ready: Int32Array;
}

const answerSchema = z.object({
  id: z.number(),
  ok: z.boolean(),
  value: z.unknown().optional(),
  error: z
    .discriminatedUnion('domain', [
      z.object({
        domain: z.literal(true),
        code: z.enum(DOMAIN_ERROR_CODES),
        message: z.string(),
        details: z.record(z.string(), z.unknown()).optional(),
      }),
      z.object({ domain: z.literal(false), message: z.string() }),
    ])
    .optional(),
});

const parsedDraftSchema = z.custom<ParsedDraft>(
  (v) =>
    typeof v === 'object' &&
    v !== null &&
    'title' in v &&
    typeof v.title === 'string' &&
    'fixes' in v &&
    Array.isArray(v.fixes),
);

// Plain JavaScript: it loads the TypeScript worker script (a worker does not inherit the main thread's loader).
const BOOTSTRAP = new URL('./render-worker-bootstrap.mjs', import.meta.url);

export const createWorkerRenderer = (options: WorkerRendererOptions = {}): WorkerRenderer => {
  const maxHeapMb = options.maxHeapMb ?? WORKER_RENDERER_DEFAULTS.maxHeapMb;
  const timeLimitMs = options.timeLimitMs ?? WORKER_RENDERER_DEFAULTS.timeLimitMs;
  const startupLimitMs = options.startupLimitMs ?? WORKER_RENDERER_DEFAULTS.startupLimitMs;
  const script = options.workerScript ?? new URL('./render-worker.ts', import.meta.url);
  const log = options.log ?? ((line: string) => console.error(line));
  let current: RunningWorker | undefined;
  let nextId = 0;
  let replaced = 0;
  let closed = false;

  const spawn = (): RunningWorker => {
    const { port1, port2 } = new MessageChannel();
    const ready = new Int32Array(new SharedArrayBuffer(4));
    const worker = new Worker(BOOTSTRAP, {
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: maxHeapMb },
      workerData: { reply: port2, ready, script: script.href },
      transferList: [port2],
      stdout: false,
      stderr: false,
    });
    // Without a listener, a worker's out-of-memory error would be thrown in this thread.
    worker.on('error', (error) => log(`render worker failed: ${error.message}`));
    const running = { worker, reply: port1, ready };
    worker.once('exit', () => {
      port1.close();
      if (current === running) current = undefined;
    });
    worker.unref();
    return running;
  };

  const discard = (running: RunningWorker, why: string): void => {
    if (current === running) current = undefined;
    void running.worker.terminate();
    running.reply.close();
    replaced += 1;
    log(`render worker ${why}; replaced`);
    // Started now, so the next call finds it loaded.
    if (!closed) current = spawn();
  };

  const unavailable = (what: string): DomainError =>
    new DomainError(
      'preview_unavailable',
      `the draft could not be ${what} within the limits (${maxHeapMb} MB of memory, ${timeLimitMs / 1000} s); shorten or simplify it`,
      { maxHeapMb, timeLimitMs },
    );

  const call = (fn: RenderWorkerCall, args: unknown[], what: string): unknown => {
    const running = (current ??= spawn());
    if (Atomics.wait(running.ready, 0, 0, startupLimitMs) === 'timed-out') {
      discard(running, `did not start within ${startupLimitMs / 1000} s`);
      throw unavailable(what);
    }
    const id = (nextId += 1);
    const flag = new Int32Array(new SharedArrayBuffer(4));
    running.worker.postMessage({ id, fn, args, flag });
    if (Atomics.wait(flag, 0, 0, timeLimitMs) === 'timed-out') {
      discard(running, `ran out of time (${timeLimitMs} ms) or memory (${maxHeapMb} MB)`);
      throw unavailable(what);
    }
    for (let message = receiveMessageOnPort(running.reply); message; message = receiveMessageOnPort(running.reply)) {
      const answer = answerSchema.parse(message.message);
      if (answer.id !== id) continue;
      if (answer.ok) return answer.value;
      if (answer.error?.domain) throw new DomainError(answer.error.code, answer.error.message, answer.error.details);
      throw new Error(answer.error?.message ?? 'the render worker failed');
    }
    throw new Error('the render worker raised its flag without an answer');
  };

  const parseDraft = (text: string, parseOptions: ParseDraftOptions): ParsedDraft =>
    parsedDraftSchema.parse(call('parseDraft', [text, parseOptions], 'parsed'));
  const renderArticlePage = (input: ArticlePageInput): string =>
    z.string().parse(call('renderArticlePage', [input], 'previewed'));

  // Started now, so that the first draft does not wait for the worker's modules to load.
  current = spawn();

  return {
    loadParser: async (): Promise<DraftParser> => {
      const { buildSlug } = await import('../../domain/render/slug.js');
      return { parseDraft, buildSlug };
    },
    loadRenderer: async (): Promise<PageRenderer> => {
      const inProcess = await import('../../domain/render/index.js');
      return { ...inProcess, parseDraft, renderArticlePage };
    },
    replacements: () => replaced,
    async close() {
      closed = true;
      const running = current;
      current = undefined;
      if (running) {
        running.reply.close();
        await running.worker.terminate();
      }
    },
  };
};
