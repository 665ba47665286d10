import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import type { ArticlePageInput } from '../../domain/render/types.js';
import type { PageRenderPool, StoryPageResult } from '../../ports/page-render-pool.js';

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

const pageResultSchema = z.union([z.object({ html: z.string() }), z.object({ error: z.string() })]);
const answerSchema = z.union([
  z.object({ id: z.number(), html: z.string() }),
  z.object({ id: z.number(), error: z.string() }),
  z.object({ id: z.number(), mediaIds: z.array(z.array(z.string())) }),
  z.object({ id: z.number(), pages: z.array(pageResultSchema) }),
]);
type Answer = z.infer<typeof answerSchema>;

// A worker does not inherit the main thread's TypeScript loader: the bootstrap loads the script through tsx.
const BOOTSTRAP = new URL('./render-worker-bootstrap.mjs', import.meta.url);
const SCRIPT = new URL('./render-pool-worker.ts', import.meta.url);

interface Thread {
  worker: Worker;
  pending: Map<number, { resolve: (answer: Answer) => void; reject: (error: Error) => void }>;
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
      if ('error' in answer) call?.reject(new Error(answer.error));
      else call?.resolve(answer);
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

  /** Posts a message to a thread and waits for its answer (same id). */
  const ask = (thread: Thread, message: { id: number } & Record<string, unknown>): Promise<Answer> =>
    new Promise((resolve, reject) => {
      thread.pending.set(message.id, { resolve, reject });
      thread.worker.postMessage(message);
    });
  const leastBusy = (): Thread => threads.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));

  return {
    size,
    async renderArticlePage(input: ArticlePageInput): Promise<string> {
      if (closed) throw new Error('render pool closed');
      const answer = await ask(leastBusy(), { kind: 'page', id: (nextId += 1), input });
      if (!('html' in answer)) throw new Error('render thread answered no page');
      return answer.html;
    },
    async renderStoryPages(batch, imagesOf): Promise<StoryPageResult[]> {
      if (closed) throw new Error('render pool closed');
      // Both halves on one thread: it keeps the parsed drafts between them.
      const thread = leastBusy();
      const id = (nextId += 1);
      const parsed = await ask(thread, { kind: 'parse', id, ...batch });
      if (!('mediaIds' in parsed)) throw new Error('render thread answered no parse');
      const named = [...new Set(parsed.mediaIds.flat())];
      const images = named.length > 0 ? [...(await imagesOf(named)).entries()] : [];
      if (threads.indexOf(thread) < 0) throw new Error('render thread exited between parse and render');
      const rendered = await ask(thread, { kind: 'render', id, images });
      if (!('pages' in rendered)) throw new Error('render thread answered no pages');
      return rendered.pages;
    },
    async close() {
      closed = true;
      await Promise.all(threads.map((t) => t.worker.terminate()));
    },
  };
};
