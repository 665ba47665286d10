import { useEffect, useRef, useState } from 'preact/hooks';
import { useApp } from '../app-context.js';
import { useI18n } from '../i18n/i18n.js';
import { isStaleVersion } from '../lib/api.js';
import { decideRestore } from '../lib/draft-store.js';
import type { Article } from '../../../functions/contract/responses.js';
import { BylineFields } from './byline-fields.js';
import { ConflictPanel, type Conflict } from './conflict-panel.js';
import { ErrorMessage, FieldError, isFieldError } from './error-message.js';
import { useLivePreview } from './use-preview.js';
import { PreviewFrame } from './preview-frame.js';
import { AutosaveStatus } from './autosave-status.js';
import { useServerAutosave } from './use-server-autosave.js';
import { WritingCounts } from './writing-counts.js';

/** The text the user is editing and the saved version it is based on. */
interface Base {
  version: number;
  body: string;
}

export interface TextEditorProps {
  article: Article;
  /** Writes the text as a new revision (save, or a correction with its note). */
  write: (body: string, version: number) => Promise<Article>;
  onWritten: (article: Article) => void;
  writeLabel: string;
  /** Extra requirement before writing (the correction note): false stops the write; the caller shows why. */
  checkBeforeWrite?: () => boolean;
  /** Render the live preview beside the text. */
  livePreview?: boolean;
  /**
   * Exposes "save if there are unsaved changes" to the parent, so that submit saves first. Resolves to the version
   * the next action must carry, or undefined when the save did not happen (conflict, error).
   */
  saveRef?: { current: (() => Promise<number | undefined>) | undefined };
  idPrefix: string;
  /** Saves to the server while the user types (an autosave revision); absent: only the local copy is kept. */
  autosave?: (body: string, version: number) => Promise<Article>;
}

/**
 * The story's text with autosave to this browser, Ctrl+S to save, and the 409 conflict screen. The unsaved text is
 * stored under the version it is based on; a stale save keeps the text and shows the other change as a diff.
 */
export const TextEditor = (props: TextEditorProps) => {
  const { article, write, onWritten, writeLabel, checkBeforeWrite, livePreview, saveRef, idPrefix, autosave } = props;
  const { api, drafts, desks } = useApp();
  const timeZone = desks.find((d) => d.id === article.desk)?.timeZone;
  const { t } = useI18n();
  const [base, setBase] = useState<Base>({ version: article.version, body: article.body });
  const [text, setText] = useState(article.body);
  const [conflict, setConflict] = useState<Conflict | undefined>();
  const [notice, setNotice] = useState<'restored' | 'saved' | 'storage-full' | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const textRef = useRef(text);
  textRef.current = text;
  // One write at a time: a save started while an autosave is in flight waits for it and uses the version it made.
  const inflight = useRef<Promise<unknown> | undefined>(undefined);
  const versionRef = useRef(base.version);
  versionRef.current = base.version;

  const persist = (body: string, baseVersion: number): void => {
    if (body === base.body && baseVersion === base.version) {
      drafts.clear(article.id);
      return;
    }
    const ok = drafts.save({ articleId: article.id, baseVersion, body, savedAt: new Date().toISOString() });
    if (!ok) setNotice('storage-full');
  };

  // Opening the story: restore unsaved text from this browser, or show it as a conflict if the story moved on.
  useEffect(() => {
    const decision = decideRestore(drafts.load(article.id), article);
    if (decision.kind === 'restore') {
      setText(decision.body);
      setNotice('restored');
    } else if (decision.kind === 'conflict') {
      setText(decision.body);
      setBase({ version: decision.baseVersion, body: article.body });
      setConflict({ theirs: article, origin: 'restore' });
    } else {
      drafts.clear(article.id);
    }
    // Only when another article opens: later changes of `article` are handled below.
  }, [article.id]);

  // The parent reloaded the article (after an action, or someone else's change).
  useEffect(() => {
    if (article.version === base.version || conflict) return;
    const dirty = textRef.current !== base.body;
    if (!dirty) {
      setBase({ version: article.version, body: article.body });
      setText(article.body);
    } else if (article.body === base.body) {
      // Only the status moved (a comment, a submit): the unsaved text still applies to the same words.
      setBase({ version: article.version, body: article.body });
      persist(textRef.current, article.version);
    } else {
      setConflict({ theirs: article, origin: 'save' });
    }
    // Only when the version changes (deliberately not every dependency).
  }, [article.version]);

  const dirty = text !== base.body;

  const doWrite = async (version: number, auto = false): Promise<Article | undefined> => {
    if (!auto && checkBeforeWrite && !checkBeforeWrite()) return undefined;
    const pending = inflight.current;
    if (pending) {
      await pending.catch(() => undefined);
      version = versionRef.current;
    }
    // An autosave leaves the Save button alone (it would flicker every few seconds); writes still go one at a time.
    if (!auto) {
      setBusy(true);
      setError(undefined);
    }
    const sent = textRef.current;
    try {
      const request = auto && autosave ? autosave(sent, version) : write(sent, version);
      inflight.current = request;
      const saved = await request;
      versionRef.current = saved.version;
      drafts.clear(article.id);
      setBase({ version: saved.version, body: saved.body });
      if (textRef.current === sent) setText(saved.body);
      else persist(textRef.current, saved.version);
      setConflict(undefined);
      setNotice(auto ? undefined : 'saved');
      onWritten(saved);
      return saved;
    } catch (e) {
      if (isStaleVersion(e)) {
        await showConflict();
      } else if (auto) {
        throw e;
      } else {
        setError(e);
      }
      return undefined;
    } finally {
      inflight.current = undefined;
      if (!auto) setBusy(false);
    }
  };

  const showConflict = async (): Promise<void> => {
    try {
      const theirs = await api.getArticle(article.id);
      const events = await api.history(article.id).catch(() => []);
      const last = [...events]
        .reverse()
        .find((e) => e.type === 'edited' || e.type === 'corrected' || e.type === 'created');
      setConflict({
        theirs,
        origin: 'save',
        changedBy: last ? { sub: last.actor.sub, name: last.actor.name, at: last.at } : undefined,
      });
    } catch (e) {
      setError(e);
    }
  };

  const save = async (): Promise<number | undefined> => {
    if (conflict) return undefined;
    if (!dirty) return base.version;
    return (await doWrite(base.version))?.version;
  };
  if (saveRef) saveRef.current = save;

  const reloadTheirs = (): void => {
    if (!conflict) return;
    const theirs = conflict.theirs;
    drafts.clear(article.id);
    setBase({ version: theirs.version, body: theirs.body });
    setText(theirs.body);
    setConflict(undefined);
    setNotice(undefined);
    onWritten(theirs);
  };

  const reapplyMine = (): void => {
    if (conflict) void doWrite(conflict.theirs.version);
  };

  const onInput = (value: string): void => {
    setText(value);
    if (notice === 'saved') setNotice(undefined);
    persist(value, base.version);
    serverAutosave.changed();
  };

  const serverAutosave = useServerAutosave({
    enabled: Boolean(autosave) && !conflict,
    save: async () => {
      if (textRef.current === base.body) return { kind: 'skipped' };
      try {
        const saved = await doWrite(base.version, true);
        return saved ? { kind: 'saved', at: saved.updatedAt } : { kind: 'conflict' };
      } catch {
        // The text stays in this browser (persist above); the next edit tries again.
        return { kind: 'failed' };
      }
    },
  });

  const preview = useLivePreview(article, livePreview ? text : undefined);
  const textId = `${idPrefix}-text`;
  const statusId = `${idPrefix}-status`;

  return (
    <div class={livePreview ? 'editor-grid' : undefined}>
      <div class="editor-pane">
        {conflict ? (
          <ConflictPanel
            conflict={conflict}
            mine={text}
            busy={busy}
            onReloadTheirs={reloadTheirs}
            onReapplyMine={reapplyMine}
          />
        ) : null}
        {notice === 'restored' ? (
          <p class="notice" role="status">
            {t('editor.restored')}{' '}
            <button type="button" class="link-button" onClick={reloadSaved}>
              {t('editor.discardRestored')}
            </button>
          </p>
        ) : null}
        <label for={textId} class="field-label">
          {t('editor.textLabel')}
        </label>
        <textarea
          id={textId}
          class="text-input"
          value={text}
          spellcheck
          aria-invalid={isFieldError(error, 'body')}
          aria-describedby={isFieldError(error, 'body') ? `${statusId} ${idPrefix}-text-error` : statusId}
          onInput={(e) => onInput(e.currentTarget.value)}
          onKeyDown={(e) => {
            if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
              e.preventDefault();
              void (conflict ? undefined : doWrite(base.version));
            }
          }}
        />
        <BylineFields text={text} onChange={onInput} reporterName={article.author.name} idPrefix={idPrefix} />
        <div class="editor-bar">
          <span id={statusId} class="muted" role="status">
            {notice === 'storage-full'
              ? t('editor.storageFull')
              : dirty
                ? t('editor.unsaved')
                : notice === 'saved'
                  ? t('editor.saved', { version: base.version })
                  : t('editor.upToDate', { version: base.version })}
          </span>
          <button
            type="button"
            class="button primary"
            disabled={busy || Boolean(conflict) || !dirty}
            onClick={() => void doWrite(base.version)}
          >
            {busy ? t('common.working') : writeLabel}
          </button>
        </div>
        <FieldError error={error} field="body" id={`${idPrefix}-text-error`} />
        <AutosaveStatus state={serverAutosave.state} desk={article.desk} />
        <WritingCounts text={text} id={`${idPrefix}-counts`} />
        <ErrorMessage error={error} timeZone={timeZone} fields={['body']} />
      </div>
      {livePreview ? (
        <section class="preview-pane" aria-labelledby={`${idPrefix}-preview-heading`}>
          <h2 id={`${idPrefix}-preview-heading`}>{t('preview.liveHeading')}</h2>
          {preview.savedOnly ? <p class="muted">{t('preview.savedOnly')}</p> : null}
          <PreviewFrame
            html={preview.html}
            state={preview.state}
            error={preview.error}
            published={article.status === 'published'}
            idPrefix={`${idPrefix}-preview`}
          />
        </section>
      ) : null}
    </div>
  );

  function reloadSaved(): void {
    drafts.clear(article.id);
    setText(base.body);
    setNotice(undefined);
  }
};
