import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n.js';
import { parseNameList, readBylineField, writeBylineField, type BylineField } from '../lib/byline-front-matter.js';

export interface BylineFieldsProps {
  /** The story's text as being edited. */
  text: string;
  /** Called with the new text when a field changes (the same path as typing in the text). */
  onChange: (text: string) => void;
  /** The reporter's name: the byline when the story names no authors. */
  reporterName: string;
  idPrefix: string;
  disabled?: boolean;
}

const show = (text: string, key: BylineField): string => (readBylineField(text, key) ?? []).join(', ');

/**
 * Authors and tags as two fields that edit the front matter of the text itself (no separate store): the desk's
 * approval of an exact text covers the byline, and typing in the fields is the same as typing the lines by hand.
 * Written back when a field is left or Enter is pressed, so half-typed names don't rewrite the text on every key.
 */
export const BylineFields = ({ text, onChange, reporterName, idPrefix, disabled }: BylineFieldsProps) => {
  const { t } = useI18n();
  const [authors, setAuthors] = useState(() => show(text, 'authors'));
  const [tags, setTags] = useState(() => show(text, 'tags'));
  // Someone edited the lines in the text (or a save brought a new text): show what the text now says.
  useEffect(() => {
    setAuthors(show(text, 'authors'));
    setTags(show(text, 'tags'));
  }, [text]);

  const commit = (key: BylineField, value: string): void => {
    const next = writeBylineField(text, key, parseNameList(value));
    if (next !== text) onChange(next);
  };
  const field = (key: BylineField, value: string, set: (v: string) => void, hint: string) => (
    <div class="field">
      <label for={`${idPrefix}-${key}`} class="field-label">
        {t(key === 'authors' ? 'bylines.authors' : 'bylines.tags')}
      </label>
      <input
        id={`${idPrefix}-${key}`}
        type="text"
        value={value}
        disabled={disabled}
        aria-describedby={`${idPrefix}-${key}-hint`}
        onInput={(e) => set(e.currentTarget.value)}
        onChange={(e) => commit(key, e.currentTarget.value)}
      />
      <span id={`${idPrefix}-${key}-hint`} class="muted">
        {hint}
      </span>
    </div>
  );
  return (
    <fieldset class="byline-fields">
      <legend>{t('bylines.legend')}</legend>
      {field('authors', authors, setAuthors, t('bylines.authorsHint', { name: reporterName }))}
      {field('tags', tags, setTags, t('bylines.tagsHint'))}
    </fieldset>
  );
};
