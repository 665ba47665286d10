import { isApiErrorCode } from '../../../functions/contract/error-codes.js';
import { ApiError } from '../lib/api.js';
import { ru, type MessageKey } from './messages-ru.js';

/** A sentence of the catalogue and the facts it needs (`{max}`, `{line}`, …). */
export interface ErrorSentence {
  key: MessageKey;
  params: Record<string, string | number>;
}

const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(ru, key);

/** The numbers and names an error's `details` carries, as message parameters (anything else is left out). */
const paramsOf = (details: Record<string, unknown>): Record<string, string | number> => {
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(details)) {
    if (typeof value === 'number' || typeof value === 'string') params[name] = value;
  }
  return params;
};

/**
 * The sentence for an error: by the contract's code when the server sent one (every code has one in each catalogue,
 * tests/unit/web/i18n.test.ts), refined by `details.limit` where the catalogue has a sentence for that bound (a draft
 * over one of DRAFT_LIMITS) or by `details.field` (a photograph reference, issue 11); else by what the client saw (no answer, an answer it cannot read).
 */
export const decideErrorSentence = (error: unknown): ErrorSentence => {
  if (!(error instanceof ApiError)) return { key: 'error.generic', params: {} };
  if (!isApiErrorCode(error.code)) return { key: error.status === 0 ? 'error.network' : 'error.generic', params: {} };
  const params = paramsOf(error.details);
  // The bound a draft is over (`limit`), or the field at fault (`field`: a front-matter field, a media reference).
  const specific = `error.code.${error.code}.${String(params.limit ?? params.field ?? '')}`;
  return { key: isMessageKey(specific) ? specific : `error.code.${error.code}`, params };
};

export const decideErrorKey = (error: unknown): MessageKey => decideErrorSentence(error).key;
