import { useI18n } from '../i18n/i18n.js';
import { ApiError } from '../lib/api.js';
import type { MessageKey } from '../i18n/messages-ru.js';

const STATUS_KEYS: Partial<Record<number, MessageKey>> = {
  0: 'error.network',
  403: 'error.forbidden',
  404: 'error.notFound',
  413: 'error.tooLarge',
};

const CODE_KEYS: Partial<Record<string, MessageKey>> = {
  invalid_encoding: 'error.invalidEncoding',
  preview_unavailable: 'error.previewUnavailable',
};

/**
 * An error for people: a sentence in the interface's language, then the server's own message (it says what was
 * wrong and what to do, in English).
 */
export const ErrorMessage = ({ error }: { error: unknown }) => {
  const { t } = useI18n();
  if (error === undefined || error === null) return null;
  const key =
    error instanceof ApiError
      ? (CODE_KEYS[error.code] ??
        (error.code === 'invalid_transition'
          ? 'error.transition'
          : error.code === 'stale_version'
            ? 'error.stale'
            : (STATUS_KEYS[error.status] ?? (error.status === 400 ? 'error.invalid' : 'error.generic'))))
      : 'error.generic';
  const detail = error instanceof Error ? error.message : String(error);
  return (
    <div class="error" role="alert">
      <strong>{t(key)}</strong> <span>{detail}</span>
    </div>
  );
};
