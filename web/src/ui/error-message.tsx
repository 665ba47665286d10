import { describeError, fieldOf } from '../i18n/error-keys.js';
import { useI18n } from '../i18n/i18n.js';

/**
 * An error for people: the catalogue's sentence for its code, with its facts, in the interface's language. The
 * server's own message (English, for developers) is never shown. An input error about one of `fields` is left to
 * the `<FieldError>` beside that field.
 */
export const ErrorMessage = ({
  error,
  timeZone,
  fields,
}: {
  error: unknown;
  /** The desk's zone, for times in the sentence. */
  timeZone?: string;
  fields?: readonly string[];
}) => {
  const { lang } = useI18n();
  if (error === undefined || error === null) return null;
  const field = fieldOf(error);
  if (field !== undefined && fields?.includes(field)) return null;
  return (
    <div class="error" role="alert">
      <strong>{describeError(lang, error, timeZone)}</strong>
    </div>
  );
};

/** Is this error about that field? (For `aria-invalid` on the field.) */
export const isFieldError = (error: unknown, field: string): boolean =>
  error !== undefined && error !== null && fieldOf(error) === field;

/** The sentence of an input error about `field`, shown next to it; its `id` goes in the field's aria-describedby. */
export const FieldError = ({
  error,
  field,
  id,
  timeZone,
}: {
  error: unknown;
  field: string;
  id: string;
  timeZone?: string;
}) => {
  const { lang } = useI18n();
  if (!isFieldError(error, field)) return null;
  return (
    <p id={id} class="field-error" role="alert">
      {describeError(lang, error, timeZone)}
    </p>
  );
};
