import * as z from 'zod/mini';
import type { Logger } from '../ports/logger.js';
import type { AppDeps } from '../use-cases/deps.js';
import { ARTICLE_LEASE_MS, performSiteWork } from '../use-cases/perform-site-work.js';
import { runPublishingTick, type TickOutcome } from '../use-cases/run-publishing-tick.js';
import { writeSiteBasics } from '../use-cases/write-site-basics.js';

/** A DynamoDB Streams batch (filtered by the event source to article items that became due): their ids. */
const streamEventSchema = z.object({
  Records: z.array(
    z.object({
      dynamodb: z.optional(
        z.object({ NewImage: z.optional(z.object({ id: z.optional(z.object({ S: z.string() })) })) }),
      ),
    }),
  ),
});

/** Ids of the articles a stream batch names; none for the scheduled rule's event (or a local call). */
export const idsOfTickEvent = (event: unknown): string[] => {
  const parsed = streamEventSchema.safeParse(event);
  if (!parsed.success) return [];
  return parsed.data.Records.flatMap((r) => (r.dynamodb?.NewImage?.id ? [r.dynamodb.NewImage.id.S] : []));
};

export interface TickHandlerOptions {
  app: AppDeps;
  log: Logger;
  /**
   * Wait this long, then retry articles another holder had (a holder that died lets its lease lapse within
   * ARTICLE_LEASE_MS): in AWS the minute-long rule would otherwise leave them for a minute. Off when absent.
   */
  busyRetry?: { sleep: (ms: number) => Promise<void> };
}

/**
 * The publishing tick as both the Lambda and the local stack run it: site basics once per container (retried on the
 * next run until they succeed), then the publishing job. A failed article, or basics that could not be written,
 * fail the invocation, so retries, the on-failure queue and its alarm see it.
 */
export const createTickHandler = ({ app, log, busyRetry }: TickHandlerOptions) => {
  let basicsWritten = false;
  return async (event?: unknown): Promise<TickOutcome> => {
    let basicsError: unknown;
    if (!basicsWritten) {
      try {
        await writeSiteBasics(app)();
        basicsWritten = true;
      } catch (error) {
        // Publishing does not wait for them: a due story still goes out, and the invocation still fails below.
        basicsError = error;
        log.error('site basics could not be written; retried on the next run', { error: String(error) });
      }
    }
    const outcome = await runPublishingTick(app)({ ids: idsOfTickEvent(event) });
    const busy = outcome.articles.filter((a) => a.outcome === 'busy');
    if (busyRetry && busy.length > 0) {
      await busyRetry.sleep(ARTICLE_LEASE_MS + 1_000);
      for (const entry of busy) {
        try {
          entry.outcome = await performSiteWork(app)(entry.id);
        } catch {
          entry.outcome = 'failed';
        }
      }
    }
    const failed = outcome.articles.filter((a) => a.outcome === 'failed');
    // A line when a run did article work: an idle tick every minute (15 s locally) says nothing worth a log line.
    if (outcome.articles.length > 0) log.info('publishing tick', { ...outcome, failed: failed.length });
    if (failed.length > 0) throw new Error(`site work failed for ${failed.map((f) => f.id).join(', ')}`);
    if (basicsError !== undefined) throw new Error('site basics could not be written', { cause: basicsError });
    return outcome;
  };
};

/**
 * Runs a tick at most once at a time; a call while one runs asks for one more run after it (a commit that landed
 * during a run is never missed), and calls in the meantime share that run.
 */
export const serializeTicks = <T>(run: () => Promise<T>): (() => Promise<T>) => {
  let current: Promise<T> | undefined;
  let next: Promise<T> | undefined;
  const start = (): Promise<T> => {
    current = run().finally(() => {
      current = undefined;
    });
    return current;
  };
  return () => {
    if (!current) return start();
    next ??= current
      .catch(() => undefined)
      .then(() => {
        next = undefined;
        return start();
      });
    return next;
  };
};
