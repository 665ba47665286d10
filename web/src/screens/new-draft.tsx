import { useState } from 'preact/hooks';
import { navigate, useApp } from '../app-context.js';
import { useI18n } from '../i18n/i18n.js';
import { isEditorOf, isReporter } from '../lib/jwt.js';
import { NEW_DRAFT_ID } from '../lib/draft-store.js';
import { buildHref } from '../lib/router.js';
import { ErrorMessage, FieldError, isFieldError } from '../ui/error-message.js';

/** Accepts Markdown or plain text; anything bigger is surely not a news story (the API refuses > its own limit). */
const MAX_FILE_BYTES = 1_000_000;

/** A new draft from pasted text or an uploaded .md/.txt file. The text survives a reload until it is created. */
export const NewDraftScreen = () => {
  const { api, desks, drafts, identity } = useApp();
  const { t, deskName } = useI18n();
  const allowed = desks.filter((d) => isReporter(identity) || isEditorOf(identity, d.id));
  const stored = drafts.load(NEW_DRAFT_ID);
  const [desk, setDesk] = useState(stored?.desk ?? allowed[0]?.id ?? '');
  const [body, setBody] = useState(stored?.body ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [fileNote, setFileNote] = useState<string | undefined>();

  const remember = (nextBody: string, nextDesk: string): void => {
    if (nextBody.trim() === '') drafts.clear(NEW_DRAFT_ID);
    else
      drafts.save({
        articleId: NEW_DRAFT_ID,
        baseVersion: 0,
        body: nextBody,
        desk: nextDesk,
        savedAt: new Date().toISOString(),
      });
  };

  const onFile = async (file: File | undefined): Promise<void> => {
    if (!file) return;
    if (!/\.(md|markdown|txt)$/i.test(file.name) || file.size > MAX_FILE_BYTES) {
      setFileNote(t('new.fileRejected', { name: file.name }));
      return;
    }
    const text = await file.text();
    setBody(text);
    remember(text, desk);
    setFileNote(t('new.fileLoaded', { name: file.name }));
  };

  const create = async (event: Event): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const article = await api.createArticle(desk, body);
      drafts.clear(NEW_DRAFT_ID);
      navigate(buildHref({ name: 'edit', id: article.id }));
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <>
      <h1 tabIndex={-1}>{t('new.heading')}</h1>
      <form class="stack" onSubmit={(e) => void create(e)}>
        <div class="field">
          <label for="new-desk" class="field-label">
            {t('new.desk')}
          </label>
          <select
            id="new-desk"
            value={desk}
            onChange={(e) => {
              setDesk(e.currentTarget.value);
              remember(body, e.currentTarget.value);
            }}
          >
            {allowed.map((d) => (
              <option key={d.id} value={d.id}>
                {deskName(d)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="new-file" class="field-label">
            {t('new.file')}
          </label>
          <input
            id="new-file"
            type="file"
            accept=".md,.markdown,.txt,text/markdown,text/plain"
            aria-describedby="new-file-note"
            onChange={(e) => void onFile(e.currentTarget.files?.[0])}
          />
          <p id="new-file-note" class="muted" role="status">
            {fileNote ?? t('new.fileHint')}
          </p>
        </div>
        <div class="field">
          <label for="new-text" class="field-label">
            {t('new.text')}
          </label>
          <textarea
            id="new-text"
            class="text-input"
            value={body}
            required
            aria-invalid={isFieldError(error, 'body')}
            aria-describedby={isFieldError(error, 'body') ? 'new-text-hint new-text-error' : 'new-text-hint'}
            onInput={(e) => {
              setBody(e.currentTarget.value);
              remember(e.currentTarget.value, desk);
            }}
          />
          <p id="new-text-hint" class="muted">
            {t('new.textHint')}
          </p>
          <FieldError error={error} field="body" id="new-text-error" />
        </div>
        <div class="actions">
          <button type="submit" class="button primary" disabled={busy || body.trim() === '' || desk === ''}>
            {busy ? t('common.working') : t('new.create')}
          </button>
        </div>
        <ErrorMessage error={error} fields={['body']} />
      </form>
    </>
  );
};
