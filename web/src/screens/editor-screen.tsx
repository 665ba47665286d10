import { useRef, useState } from 'preact/hooks';
import { deskOf, useApp } from '../app-context.js';
import { useI18n } from '../i18n/i18n.js';
import { isEditorOf } from '../lib/jwt.js';
import { buildHref } from '../lib/router.js';
import { ArticleMeta } from '../ui/article-meta.js';
import { HistorySection } from '../ui/comment-form.js';
import { PhotoPanel } from '../ui/photo-panel.js';
import { ClockNote } from '../ui/clock-note.js';
import { ErrorMessage } from '../ui/error-message.js';
import { FixesList } from '../ui/fixes-list.js';
import { PresenceNotice } from '../ui/presence-notice.js';
import { PreviewFrame } from '../ui/preview-frame.js';
import { StateChangeNotice } from '../ui/state-change-notice.js';
import { RevisionHistory } from '../ui/revision-history.js';
import { TextEditor } from '../ui/text-editor.js';
import { useAction, useArticle } from '../ui/use-article.js';
import { useSavedPreview } from '../ui/use-preview.js';

/** The reporter's editor: text with live preview and repairs, save, submit, withdraw, the desk's word. */
export const EditorScreen = ({ id }: { id: string }) => {
  const { api, identity, desks } = useApp();
  const { t, formatDateTime } = useI18n();
  const { article, events, error, reload, replace, recover, stateChange } = useArticle(id);
  const [note, setNote] = useState('');
  const action = useAction();
  const saveRef = useRef<(() => Promise<number | undefined>) | undefined>(undefined);

  if (!article) {
    return (
      <>
        <h1 tabIndex={-1}>{t('editor.heading')}</h1>
        {error ? <ErrorMessage error={error} /> : <p class="muted">{t('common.loading')}</p>}
      </>
    );
  }

  const desk = deskOf(desks, article.desk);
  const mine = article.author.sub === identity.sub;
  const editable = mine && (article.status === 'draft' || article.status === 'changes_requested');
  const lastRequest = [...events].reverse().find((e) => e.type === 'changes_requested');

  /** A refusal because the story moved on (the desk acted meanwhile) is explained by the notice, not as an error. */
  const runAction = async (send: () => Promise<void>): Promise<void> => {
    let failure: unknown;
    const ok = await action.run(async () => {
      try {
        await send();
      } catch (e) {
        failure = e;
        throw e;
      }
    });
    if (!ok && (await recover(failure))) action.setError(undefined);
  };
  const submit = (): Promise<void> =>
    runAction(async () => {
      // Save pending text first, so the desk reviews exactly what is on screen.
      const version = saveRef.current ? await saveRef.current() : article.version;
      if (version === undefined) return;
      replace(await api.act(article.id, 'submit', { version, comment: note.trim() || undefined }));
      setNote('');
    });
  const withdraw = (): Promise<void> =>
    runAction(async () => replace(await api.act(article.id, 'withdraw', { version: article.version })));

  return (
    <>
      <div class="screen-head">
        <h1 tabIndex={-1}>{article.title || t('common.untitled')}</h1>
        {isEditorOf(identity, article.desk) && !mine ? (
          <a class="button" href={buildHref({ name: 'review', id: article.id })}>
            {t('editor.openReview')}
          </a>
        ) : null}
      </div>
      <ArticleMeta article={article} />
      {desk ? <ClockNote desks={[desk]} /> : null}
      {stateChange && stateChange.kind === 'changed' ? <StateChangeNotice change={stateChange} /> : null}
      <PresenceNotice id={article.id} lease={editable} />
      {article.status === 'changes_requested' && lastRequest ? (
        <div class="notice request" role="note">
          <strong>{t('editor.changesRequested', { name: lastRequest.actor.name })}</strong>{' '}
          <span class="muted">
            <time dateTime={lastRequest.at}>{formatDateTime(lastRequest.at, desk?.timeZone)}</time>
          </span>
          {lastRequest.comment ? <blockquote>{lastRequest.comment}</blockquote> : null}
        </div>
      ) : null}

      {editable ? (
        <TextEditor
          key={article.id}
          article={article}
          idPrefix="editor"
          livePreview
          write={(body, version) => api.saveArticle(article.id, body, version)}
          autosave={(body, version) => api.saveArticle(article.id, body, version, { autosave: true })}
          onWritten={replace}
          writeLabel={t('editor.save')}
          saveRef={saveRef}
        />
      ) : (
        <ReadOnlyView id={article.id} version={article.version} published={article.status === 'published'} />
      )}

      {editable ? <PhotoPanel textareaId="editor-text" /> : null}

      <FixesList fixes={article.fixes} headingId="fixes-heading" textareaId={editable ? 'editor-text' : undefined} />

      {mine && (editable || article.status === 'submitted') ? (
        <section class="panel" aria-labelledby="submit-heading">
          <h2 id="submit-heading">{t('editor.toDesk')}</h2>
          {editable ? (
            <div class="stack">
              <label for="submit-note" class="field-label">
                {t('editor.submitNote')}
              </label>
              <textarea
                id="submit-note"
                class="comment-input"
                value={note}
                onInput={(e) => setNote(e.currentTarget.value)}
              />
              <div class="actions">
                <button type="button" class="button primary" disabled={action.busy} onClick={() => void submit()}>
                  {article.status === 'changes_requested' ? t('editor.resubmit') : t('editor.submit')}
                </button>
              </div>
            </div>
          ) : (
            <div class="stack">
              <p>{t('editor.submittedNote')}</p>
              <div class="actions">
                <button type="button" class="button" disabled={action.busy} onClick={() => void withdraw()}>
                  {t('editor.withdraw')}
                </button>
              </div>
            </div>
          )}
          <ErrorMessage error={action.error} timeZone={desk?.timeZone} />
        </section>
      ) : null}

      <RevisionHistory article={article} canRestore={editable} onRestored={replace} />

      <HistorySection
        articleId={article.id}
        events={events}
        timeZone={desk?.timeZone}
        onCommented={() => void reload()}
      />
    </>
  );
};

/** Text that this user cannot change now: the saved page only. */
const ReadOnlyView = ({ id, version, published }: { id: string; version: number; published: boolean }) => {
  const { t } = useI18n();
  const preview = useSavedPreview(id, version);
  return (
    <section class="panel" aria-labelledby="saved-preview-heading">
      <h2 id="saved-preview-heading">{t('preview.savedHeading')}</h2>
      <PreviewFrame
        html={preview.html}
        state={preview.state}
        error={preview.error}
        published={published}
        idPrefix="saved-preview"
      />
    </section>
  );
};
