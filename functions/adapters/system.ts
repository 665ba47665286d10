import { monotonicFactory } from 'ulid';
import type { Clock, IdGenerator } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';

export const systemClock: Clock = { now: () => new Date() };

/** ULIDs: sortable by creation time, so event keys and ids order naturally. */
export const createUlidGenerator = (): IdGenerator => {
  const next = monotonicFactory();
  return { next: () => next() };
};

/** One JSON object per line: what Lambda's JSON log format and CloudWatch Logs Insights expect. */
export const jsonLogger: Logger = {
  info: (message, fields) => console.log(JSON.stringify({ level: 'INFO', message, ...fields })),
  error: (message, fields) => console.error(JSON.stringify({ level: 'ERROR', message, ...fields })),
};
