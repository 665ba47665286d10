import { isApiErrorCode } from '../../../functions/contract/error-codes.js';
import { ApiError } from '../lib/api.js';
import type { MessageKey } from './messages-ru.js';

/**
 * The sentence for an error: by the contract's code when the server sent one (every code has one in each catalogue,
 * tests/unit/web/i18n.test.ts), else by what the client saw (no answer, an answer it cannot read).
 */
export const decideErrorKey = (error: unknown): MessageKey => {
  if (!(error instanceof ApiError)) return 'error.generic';
  if (isApiErrorCode(error.code)) return `error.code.${error.code}`;
  return error.status === 0 ? 'error.network' : 'error.generic';
};
