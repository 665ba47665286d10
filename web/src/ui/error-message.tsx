import { decideErrorSentence } from '../i18n/error-keys.js';
import { useI18n } from '../i18n/i18n.js';

/**
 * An error for people: a sentence in the interface's language, then the server's own message (it says what was
 * wrong and what to do, in English).
 */
export const ErrorMessage = ({ error }: { error: unknown }) => {
  const { t } = useI18n();
  if (error === undefined || error === null) return null;
  const sentence = decideErrorSentence(error);
  const detail = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  return (
    <div class="error" role="alert">
      <strong>{t(sentence.key, sentence.params)}</strong> <span>{detail}</span>
    </div>
  );
};
