import { jsonLogger } from '../adapters/system.js';
import { runPublishingTick, type TickOutcome } from '../use-cases/run-publishing-tick.js';
import { writeSiteBasics } from '../use-cases/write-site-basics.js';
import { parseHandlerConfig } from './config.js';
import { buildLambdaDeps } from './lambda-deps.js';

const app = buildLambdaDeps(parseHandlerConfig(process.env));
let basicsWritten = false;

/** EventBridge, every minute: publish what is due, retry failed site work, finish pending index rebuilds. */
export const handler = async (): Promise<TickOutcome> => {
  if (!basicsWritten) {
    await writeSiteBasics(app)();
    basicsWritten = true;
  }
  const outcome = await runPublishingTick(app)();
  const failed = outcome.articles.filter((a) => a.outcome === 'failed');
  jsonLogger.info('publishing tick', { ...outcome, failed: failed.length });
  // A failed article fails the invocation, so retries, the on-failure queue and its alarm see it.
  if (failed.length > 0) throw new Error(`site work failed for ${failed.map((f) => f.id).join(', ')}`);
  return outcome;
};
