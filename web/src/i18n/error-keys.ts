import { isApiErrorCode } from '../../../functions/contract/error-codes.js';
import { ApiError } from '../lib/api.js';
import { formatZonedDateTime } from '../lib/zoned-time.js';
import { CATALOGUES, isMessageKey, translate, type UiLang } from './i18n.js';
import type { MessageKey } from './messages-ru.js';

/** A sentence of the catalogue and the facts it needs (`{max}`, `{line}`, …). */
export interface ErrorSentence {
  key: MessageKey;
  params: Record<string, string | number>;
  /** The request field the error is about (`details.field`): the screen shows it next to that field. */
  field?: string;
}

/** The numbers and names an error's `details` carries, as message parameters (anything else is left out). */
const paramsOf = (details: Record<string, unknown>): Record<string, string | number> => {
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(details)) {
    if (typeof value === 'number' || typeof value === 'string') params[name] = value;
  }
  return params;
};

const placeholdersOf = (template: string): string[] => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');

/** A key whose sentence exists and whose every fact is at hand (a sentence never shows a bare `{max}`). */
const usable = (key: string, params: Record<string, string | number>): key is MessageKey =>
  isMessageKey(key) && placeholdersOf(CATALOGUES.ru[key]).every((name) => name in params);

/** Errors the client makes itself: no answer (`network`), no answer in time (`timeout`). */
const CLIENT_KEYS: Record<string, MessageKey> = { network: 'error.network', timeout: 'error.timeout' };

/**
 * The sentence for an error, never the server's English: by the contract's code (every code has one in each
 * catalogue, tests/unit/web/error-catalogue.test.ts), refined by what `details` says: the field and why
 * (`invalid_input.at.past`), the bound a draft is over (`draft_too_complex.lines`), the rule (`forbidden.four_eyes`).
 * A refinement is taken only when its facts are all there. A code this app does not know (a newer server) gets a
 * generic sentence naming the code.
 */
export const decideErrorSentence = (error: unknown): ErrorSentence => {
  if (!(error instanceof ApiError)) return { key: 'error.generic', params: {} };
  const client = CLIENT_KEYS[error.code];
  if (client) return { key: client, params: {} };
  if (!isApiErrorCode(error.code)) {
    // http_error / bad_response: an answer without our error shape; anything else is a code from a newer server.
    if (error.code === 'http_error' || error.code === 'bad_response') return { key: 'error.generic', params: {} };
    return { key: 'error.unknownCode', params: { code: error.code } };
  }
  const params = paramsOf(error.details);
  const field = typeof params.field === 'string' ? params.field : undefined;
  const base = `error.code.${error.code}`;
  const refinements = [
    field !== undefined && typeof params.reason === 'string' ? `${base}.${field}.${params.reason}` : undefined,
    field !== undefined ? `${base}.${field}` : undefined,
    typeof params.limit === 'string' ? `${base}.${params.limit}` : undefined,
    typeof params.rule === 'string' ? `${base}.${params.rule}` : undefined,
  ];
  // Then the code's own sentence, and its `.plain` form (no facts) for an answer without them.
  const candidates = [...refinements, base, `${base}.plain`];
  const key = candidates.find((k): k is MessageKey => k !== undefined && usable(k, params));
  return { key: key ?? (isMessageKey(base) ? base : 'error.generic'), params, ...(field ? { field } : {}) };
};

export const decideErrorKey = (error: unknown): MessageKey => decideErrorSentence(error).key;

/** Facts that are instants (`at`) are shown in the desk's zone, the app's one clock; statuses by their names. */
const presentParams = (
  lang: UiLang,
  params: Record<string, string | number>,
  timeZone: string,
): Record<string, string | number> => {
  const shown = { ...params };
  if (typeof params.at === 'string') shown.at = formatZonedDateTime(lang, params.at, timeZone);
  const status = `status.${String(params.status)}`;
  if (isMessageKey(status)) shown.status = CATALOGUES[lang][status];
  return shown;
};

/** The whole sentence for an error, in the language, with its facts (times in `timeZone`, numbers grouped). */
export const describeError = (lang: UiLang, error: unknown, timeZone = 'UTC'): string => {
  const sentence = decideErrorSentence(error);
  return translate(lang, sentence.key, presentParams(lang, sentence.params, timeZone));
};

/** An input problem the app finds before sending, in the same shape as the server's (so one sentence serves both). */
export const localFieldError = (field: string, reason = 'required'): ApiError =>
  new ApiError(400, 'invalid_input', `${field}: ${reason}`, { field, reason });

/** The field an error is about, when it is an input error (`details.field`). */
export const fieldOf = (error: unknown): string | undefined => decideErrorSentence(error).field;
