import { jsonLogger } from '../adapters/system.js';
import { parseHandlerConfig } from './config.js';
import { buildLambdaDeps } from './lambda-deps.js';
import { createTickHandler } from './tick-handler.js';

/**
 * EventBridge every minute, and the table's stream whenever a commit makes work due: publish what is due, retry
 * failed site work, finish pending index rebuilds.
 */
export const handler = createTickHandler({
  app: buildLambdaDeps(parseHandlerConfig(process.env)),
  log: jsonLogger,
  busyRetry: { sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) },
});
