import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import type { ArticlePageInput } from '../../domain/render/types.js';
import type { PageRenderPool } from '../../ports/page-render-pool.js';

/**
 * PageRenderPool on node:worker_threads: one thread per core, each rendering pages as they come (asynchronously,
 * unlike worker-renderer.ts, which waits synchronously on one worker for the API's single request). Calls go to the
 * thread with the fewest in flight. Hand-written for the same reason as worker-renderer.ts (no pool library is
 * installed); a thread that dies fails its calls and is replaced.
 */
export interface RenderPoolOptions {
  /** Threads; every core by default. */
  size?: number;
  maxHeapMb?: number;
}

const answerSchema = z.union([
  z.object({ id: z.number(), html: z.string() }),
  z.object({ id: z.number(), error: z.string() }),
]);

// A worker does not inherit the main thread's TypeScript loader: the bootstrap loads the script through tsx.
const BOOTSTRAP = new URL('./render-worker-bootstrap.mjs', import.meta.url);
const SCRIPT = new URL('./render-pool-worker.ts', import.meta.url);

interface Thread {
  worker: Worker;
  pending: Map<number, { resolve: (html: string) => void; reject: (error: Error) => void }>;
}

export const createRenderPool = (options: RenderPoolOptions = {}): PageRenderPool => {
  const size = Math.max(1, options.size ?? availableParallelism());
  let nextId = 0;
  let closed = false;
  const threads: Thread[] = [];

  const spawn = (slot: number): Thread => {
    const worker = new Worker(BOOTSTRAP, {
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: options.maxHeapMb ?? 512 },
      workerData: { script: SCRIPT.href },
    });
    const thread: Thread = { worker, pending: new Map() };
    worker.on('message', (raw: unknown) => {
      const answer = answerSchema.parse(raw);
      const call = thread.pending.get(answer.id);
      thread.pending.delete(answer.id);
      if ('html' in answer) call?.resolve(answer.html);
      else call?.reject(new Error(answer.error));
    });
    const fail = (error: Error): void => {
      for (const call of thread.pending.values()) call.reject(error);
      thread.pending.clear();
      if (!closed && threads[slot] === thread) threads[slot] = spawn(slot);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`render thread exited (${code})`)));
    return thread;
  };
  for (let slot = 0; slot < size; slot += 1) threads.push(spawn(slot));

  return {
    size,
    renderArticlePage(input: ArticlePageInput): Promise<string> {
      if (closed) return Promise.reject(new Error('render pool closed'));
      const thread = threads.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      const id = (nextId += 1);
      return new Promise((resolve, reject) => {
        thread.pending.set(id, { resolve, reject });
        thread.worker.postMessage({ id, input });
      });
    },
    async close() {
      closed = true;
      await Promise.all(threads.map((t) => t.worker.terminate()));
    },
  };
};
