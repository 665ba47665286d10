/**
 * The worker side of worker-renderer.ts's protocol: one call at a time arrives with a shared flag; the answer is
 * posted on the reply port and the flag raised, which wakes the main thread waiting on it synchronously.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { z } from 'zod';
import { isDomainError } from '../../domain/errors.js';

export const RENDER_WORKER_CALLS = ['parseDraft', 'renderArticlePage'] as const;
export type RenderWorkerCall = (typeof RENDER_WORKER_CALLS)[number];

const setupSchema = z.object({
  reply: z.custom<MessagePort>((v) => typeof v === 'object' && v !== null),
  ready: z.instanceof(Int32Array),
});
const callSchema = z.object({
  id: z.number(),
  fn: z.enum(RENDER_WORKER_CALLS),
  args: z.array(z.unknown()),
  flag: z.instanceof(Int32Array),
});

/** Answers calls with `run` until the worker is terminated; raises `ready` once the caller's modules are loaded. */
export const serveRenderCalls = (run: (fn: RenderWorkerCall, args: unknown[]) => unknown): void => {
  const { reply, ready } = setupSchema.parse(workerData);
  parentPort?.on('message', (raw: unknown) => {
    const call = callSchema.parse(raw);
    try {
      reply.postMessage({ id: call.id, ok: true, value: run(call.fn, call.args) });
    } catch (error) {
      reply.postMessage({
        id: call.id,
        ok: false,
        error: isDomainError(error)
          ? { domain: true, code: error.code, message: error.message, details: error.details }
          : { domain: false, message: error instanceof Error ? error.message : String(error) },
      });
    }
    Atomics.store(call.flag, 0, 1);
    Atomics.notify(call.flag, 0);
  });
  Atomics.store(ready, 0, 1);
  Atomics.notify(ready, 0);
};
