import { useEffect, useRef, useState } from 'preact/hooks';
import { deskOf, useApp } from '../app-context.js';
import { useI18n } from '../i18n/i18n.js';
import { UNPUBLISH_KINDS, type UnpublishKind } from '../../../functions/contract/vocabulary.js';
import { isEditorOf } from '../lib/jwt.js';
import { localFieldError } from '../i18n/error-keys.js';
import { buildHref } from '../lib/router.js';
import type { Article } from '../../../functions/contract/responses.js';
import { decideDiffBase } from '../lib/text-diff.js';
import { formatZonedInput, parseZonedDateTime } from '../lib/zoned-time.js';
import { ArticleMeta } from '../ui/article-meta.js';
import { HistorySection } from '../ui/comment-form.js';
import { DiffView } from '../ui/diff-view.js';
import { ClockNote } from '../ui/clock-note.js';
import { ErrorMessage, FieldError, isFieldError } from '../ui/error-message.js';
import { PresenceNotice } from '../ui/presence-notice.js';
import { RevisionHistory } from '../ui/revision-history.js';
import { FixesList } from '../ui/fixes-list.js';
import { PreviewFrame } from '../ui/preview-frame.js';
import { StateChangeNotice } from '../ui/state-change-notice.js';
import { TextEditor } from '../ui/text-editor.js';
import { useAction, useArticle } from '../ui/use-article.js';
import { useSavedPreview } from '../ui/use-preview.js';

/** While a due story is being published, look again this often (the page goes live within seconds). */
const PUBLISH_POLL_MS = 1_000;
const PUBLISH_POLL_LIMIT = 60;

/** The desk's review: preview, diff against the previous submission, copy-editing and every decision. */
export const ReviewScreen = ({ id }: { id: string }) => {
  const { api, identity, desks } = useApp();
  const { t } = useI18n();
  const { article, events, error, reload, replace, recover, stateChange } = useArticle(id);
  const [editing, setEditing] = useState(false);
  const [polls, setPolls] = useState(0);

  // "Publish now" hands the page to the publisher; follow it until it is live (or the desk sees why not).
  const due =
    article?.status === 'scheduled' &&
    article.publishAt &&
    Date.parse(article.publishAt) <= Date.now() + 2_000 &&
    // A delayed job is still retried by the tick: keep following it; a failure waits for the desk.
    (!article.publishError || article.publishError.code === 'stalled');
  useEffect(() => {
    if (!due || polls >= PUBLISH_POLL_LIMIT) return undefined;
    const timer = setTimeout(() => {
      setPolls((n) => n + 1);
      void reload();
    }, PUBLISH_POLL_MS);
    return () => clearTimeout(timer);
  }, [due, polls, reload]);

  if (!article) {
    return (
      <>
        <h1 tabIndex={-1}>{t('review.heading')}</h1>
        {error ? <ErrorMessage error={error} /> : <p class="muted">{t('common.loading')}</p>}
      </>
    );
  }

  const desk = deskOf(desks, article.desk);
  const timeZone = desk?.timeZone ?? 'UTC';

  if (stateChange?.kind === 'gone') {
    // No longer visible to the desk: nothing on this screen can be acted on, so the way back is the only button.
    return (
      <>
        <h1 tabIndex={-1}>{article.title || t('common.untitled')}</h1>
        <StateChangeNotice change={stateChange} />
        <div class="actions">
          <a class="button primary" href={buildHref({ name: 'queue', desk: article.desk, status: 'submitted' })}>
            {t('stale.backToQueue')}
          </a>
        </div>
      </>
    );
  }
  const mine = article.author.sub === identity.sub;
  // The API decides; the screen only offers what this person's role could do.
  const editor = isEditorOf(identity, article.desk);
  const canCopyEdit = editor && ['submitted', 'approved', 'changes_requested'].includes(article.status);
  const canCorrect = editor && article.status === 'published';
  const written = (next: Article): void => {
    replace(next);
  };

  return (
    <>
      <div class="screen-head">
        <h1 tabIndex={-1}>{article.title || t('common.untitled')}</h1>
        {mine ? (
          <a class="button" href={buildHref({ name: 'edit', id: article.id })}>
            {t('review.openEditor')}
          </a>
        ) : null}
      </div>
      <ArticleMeta article={article} />
      {desk ? <ClockNote desks={[desk]} /> : null}
      {stateChange ? <StateChangeNotice change={stateChange} /> : null}
      <PresenceNotice id={article.id} lease={editing && canCopyEdit} />
      {due ? (
        <p class="notice" role="status">
          {t('review.publishing')}
        </p>
      ) : null}

      {editing && (canCopyEdit || canCorrect) ? (
        <section class="panel" aria-labelledby="copyedit-heading">
          <h2 id="copyedit-heading">
            {article.status === 'published' ? t('review.correctHeading') : t('review.copyEditHeading')}
          </h2>
          {article.status === 'published' ? (
            <CorrectionEditor article={article} onWritten={written} />
          ) : (
            <TextEditor
              key={article.id}
              article={article}
              idPrefix="copyedit"
              livePreview
              write={(body, version) => api.saveArticle(article.id, body, version)}
              autosave={(body, version) => api.saveArticle(article.id, body, version, { autosave: true })}
              onWritten={written}
              writeLabel={t('editor.save')}
            />
          )}
          <div class="actions">
            <button type="button" class="button" onClick={() => setEditing(false)}>
              {t('review.closeEditor')}
            </button>
          </div>
        </section>
      ) : (
        <SavedPreview article={article} />
      )}

      {!editing && (canCopyEdit || canCorrect) ? (
        <div class="actions">
          <button type="button" class="button" onClick={() => setEditing(true)}>
            {article.status === 'published' ? t('review.correct') : t('review.copyEdit')}
          </button>
        </div>
      ) : null}

      <ReviewDiff article={article} events={events.filter((e) => e.type === 'submitted').map((e) => e.revision)} />

      <FixesList
        fixes={article.fixes}
        headingId="fixes-heading"
        textareaId={editing ? (article.status === 'published' ? 'correct-text' : 'copyedit-text') : undefined}
      />

      {editor ? (
        <Decisions
          key={`${article.status}-${article.version}`}
          article={article}
          mine={mine}
          timeZone={timeZone}
          onDone={written}
          onFailed={async (failure) => {
            if (await recover(failure)) return true;
            await reload();
            return false;
          }}
        />
      ) : null}

      <RevisionHistory article={article} canRestore={canCopyEdit} onRestored={written} />

      <HistorySection articleId={article.id} events={events} timeZone={timeZone} onCommented={() => void reload()} />
    </>
  );
};

const SavedPreview = ({ article }: { article: Article }) => {
  const { t } = useI18n();
  const preview = useSavedPreview(article.id, article.version);
  return (
    <section class="panel" aria-labelledby="review-preview-heading">
      <h2 id="review-preview-heading">{t('preview.savedHeading')}</h2>
      <PreviewFrame
        html={preview.html}
        state={preview.state}
        error={preview.error}
        published={article.status === 'published'}
        idPrefix="review-preview"
      />
    </section>
  );
};

/** Word-level diff of the text under review against the revision the desk saw last time. */
const ReviewDiff = ({ article, events }: { article: Article; events: number[] }) => {
  const { api } = useApp();
  const { t } = useI18n();
  const base = decideDiffBase(article.revision, events);
  const [before, setBefore] = useState<{ revision: number; body: string } | undefined>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    if (base === undefined) return;
    let live = true;
    api
      .revisionBody(article.id, base)
      .then((body) => live && setBefore({ revision: base, body }))
      .catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [api, article.id, base]);
  return (
    <section class="panel" aria-labelledby="diff-heading">
      <h2 id="diff-heading">{t('review.diffHeading')}</h2>
      {base === undefined ? (
        <p class="muted">{t('review.firstSubmission')}</p>
      ) : before && before.revision === base ? (
        <>
          <p class="muted">{t('review.diffExplain', { from: base, to: article.revision })}</p>
          <DiffView
            before={before.body}
            after={article.body}
            deletedLabel={t('review.diffRemoved', { n: base })}
            insertedLabel={t('review.diffAdded', { n: article.revision })}
          />
        </>
      ) : error ? (
        <ErrorMessage error={error} />
      ) : (
        <p class="muted">{t('common.loading')}</p>
      )}
    </section>
  );
};

/** A correction republishes the page at the same URL with a dated notice; the note is what readers see. */
const CorrectionEditor = ({ article, onWritten }: { article: Article; onWritten: (a: Article) => void }) => {
  const { api } = useApp();
  const { t } = useI18n();
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<unknown>();
  return (
    <>
      <div class="field">
        <label for="correction-note" class="field-label">
          {t('review.correctionNote')}
        </label>
        <textarea
          id="correction-note"
          class="comment-input"
          value={note}
          required
          aria-invalid={isFieldError(noteError, 'note')}
          aria-describedby={isFieldError(noteError, 'note') ? 'correction-note-error' : undefined}
          onInput={(e) => {
            setNote(e.currentTarget.value);
            setNoteError(undefined);
          }}
        />
        <FieldError error={noteError} field="note" id="correction-note-error" />
      </div>
      <TextEditor
        key={article.id}
        article={article}
        idPrefix="correct"
        livePreview
        write={(body, version) => api.act(article.id, 'correct', { version, body, note: note.trim() })}
        checkBeforeWrite={() => {
          if (note.trim()) return true;
          setNoteError(localFieldError('note'));
          document.getElementById('correction-note')?.focus();
          return false;
        }}
        onWritten={(a) => {
          setNote('');
          onWritten(a);
        }}
        writeLabel={t('review.publishCorrection')}
      />
    </>
  );
};

/** A row with one button for an action that needs nothing but a click. */
const OneAction = ({ busy, label, onRun }: { busy: boolean; label: string; onRun: () => void }) => (
  <div class="actions">
    <button type="button" class="button" disabled={busy} onClick={onRun}>
      {label}
    </button>
  </div>
);

const defaultPublishTime = (timeZone: string): string => {
  // The next full hour, at least 30 minutes away: a sensible default the desk adjusts.
  const next = new Date(Math.ceil((Date.now() + 30 * 60_000) / 3_600_000) * 3_600_000).toISOString();
  return formatZonedInput(next, timeZone);
};

const Decisions = ({
  article,
  mine,
  timeZone,
  onDone,
  onFailed,
}: {
  article: Article;
  mine: boolean;
  timeZone: string;
  onDone: (a: Article) => void;
  /**
   * A refused or failed action: the screen refetches the story and says what it is now (true: the refusal is
   * explained there), or reloads it so the desk sees a new version or a publish error (false).
   */
  onFailed: (failure: unknown) => Promise<boolean>;
}) => {
  const { api } = useApp();
  const { t, zoneName } = useI18n();
  const action = useAction();
  const [comment, setComment] = useState('');
  const [reason, setReason] = useState('');
  const [when, setWhen] = useState<'now' | 'at'>('now');
  const [at, setAt] = useState(() => defaultPublishTime(timeZone));
  const [kind, setKind] = useState<UnpublishKind>('editorial');
  const [confirming, setConfirming] = useState(false);

  /** Runs one action at the version on screen; the request's shape is the contract's for that action. */
  const act = async (send: (version: number) => Promise<Article>) => {
    let failure: unknown;
    const ok = await action.run(async () => {
      try {
        onDone(await send(article.version));
      } catch (e) {
        failure = e;
        throw e;
      }
      setComment('');
      setReason('');
    });
    if (!ok && (await onFailed(failure))) action.setError(undefined);
  };
  /** An action whose body is only the version. */
  const plain = (name: 'cancel-schedule' | 'restore') => (version: number) => api.act(article.id, name, { version });

  /** A field the app checks before sending: its sentence goes next to it, and focus moves there. */
  const refuse = (field: string, inputId: string, reasonCode = 'required'): void => {
    action.setError(localFieldError(field, reasonCode));
    document.getElementById(inputId)?.focus();
  };

  const requestChanges = (): void => {
    if (!comment.trim()) {
      refuse('comment', 'decision-comment');
      return;
    }
    void act((version) => api.act(article.id, 'request-changes', { version, comment: comment.trim() }));
  };

  const publish = (): void => {
    if (when === 'now') {
      void act((version) => api.act(article.id, 'publish', { version }));
      return;
    }
    const iso = parseZonedDateTime(at, timeZone);
    if (!iso) {
      refuse('at', 'publish-at', 'format');
      return;
    }
    void act((version) => api.act(article.id, 'publish', { version, at: iso }));
  };

  const askToUnpublish = (): void => {
    if (!reason.trim()) {
      refuse('reason', 'unpublish-reason');
      return;
    }
    action.setError(undefined);
    setConfirming(true);
  };

  const fieldProps = (field: string, errorId: string, hintId?: string) => {
    const invalid = isFieldError(action.error, field);
    const describedBy = [hintId, invalid ? errorId : undefined].filter(Boolean).join(' ');
    return { 'aria-invalid': invalid, 'aria-describedby': describedBy || undefined };
  };

  const s = article.status;
  const fourEyes = mine ? <p class="muted">{t('review.fourEyes')}</p> : null;
  return (
    <section class="panel" aria-labelledby="decision-heading">
      <h2 id="decision-heading">{t('review.decisionHeading')}</h2>
      {s === 'submitted' || s === 'approved' ? (
        <div class="stack">
          <label for="decision-comment" class="field-label">
            {t('review.comment')}
          </label>
          <textarea
            id="decision-comment"
            class="comment-input"
            value={comment}
            {...fieldProps('comment', 'decision-comment-error', 'decision-comment-hint')}
            onInput={(e) => setComment(e.currentTarget.value)}
          />
          <p id="decision-comment-hint" class="muted">
            {t('review.commentHint')}
          </p>
          <FieldError error={action.error} field="comment" id="decision-comment-error" />
          <div class="actions">
            <button type="button" class="button" disabled={action.busy} onClick={requestChanges}>
              {t('review.requestChanges')}
            </button>
            {s === 'submitted' ? (
              <button
                type="button"
                class="button primary"
                disabled={action.busy || mine}
                onClick={() =>
                  void act((version) =>
                    api.act(article.id, 'approve', { version, comment: comment.trim() || undefined }),
                  )
                }
              >
                {t('review.approve')}
              </button>
            ) : null}
          </div>
          {fourEyes}
        </div>
      ) : null}

      {s === 'approved' ? (
        <fieldset class="stack publish">
          <legend>{t('review.publishLegend')}</legend>
          <div class="radio">
            <input type="radio" id="when-now" name="when" checked={when === 'now'} onChange={() => setWhen('now')} />
            <label for="when-now">{t('review.publishNow')}</label>
          </div>
          <div class="radio">
            <input type="radio" id="when-at" name="when" checked={when === 'at'} onChange={() => setWhen('at')} />
            <label for="when-at">{t('review.publishAt')}</label>
          </div>
          {when === 'at' ? (
            <div class="field">
              <label for="publish-at" class="field-label">
                {t('review.publishAtLabel', { zone: zoneName(timeZone) })}
              </label>
              <input
                id="publish-at"
                type="datetime-local"
                value={at}
                {...fieldProps('at', 'publish-at-error')}
                onInput={(e) => setAt(e.currentTarget.value)}
              />
              <FieldError error={action.error} field="at" id="publish-at-error" timeZone={timeZone} />
            </div>
          ) : null}
          <div class="actions">
            <button type="button" class="button primary" disabled={action.busy || mine} onClick={publish}>
              {when === 'now' ? t('review.publishNowButton') : t('review.scheduleButton')}
            </button>
          </div>
          {fourEyes}
        </fieldset>
      ) : null}

      {s === 'scheduled' ? (
        <OneAction
          busy={action.busy}
          label={t('review.cancelSchedule')}
          onRun={() => void act(plain('cancel-schedule'))}
        />
      ) : null}

      {s === 'published' ? (
        <div class="stack">
          <label for="unpublish-reason" class="field-label">
            {t('review.unpublishReason')}
          </label>
          <textarea
            id="unpublish-reason"
            class="comment-input"
            value={reason}
            {...fieldProps('reason', 'unpublish-reason-error')}
            onInput={(e) => setReason(e.currentTarget.value)}
          />
          <FieldError error={action.error} field="reason" id="unpublish-reason-error" />
          <fieldset class="stack">
            <legend>{t('review.unpublishKind')}</legend>
            {UNPUBLISH_KINDS.map((k) => (
              <div class="radio" key={k}>
                <input
                  type="radio"
                  id={`unpublish-${k}`}
                  name="unpublish-kind"
                  checked={kind === k}
                  onChange={() => setKind(k)}
                />
                <label for={`unpublish-${k}`}>{t(`review.unpublishKind.${k}`)}</label>
              </div>
            ))}
          </fieldset>
          <div class="actions">
            <button type="button" class="button danger" disabled={action.busy} onClick={askToUnpublish}>
              {t('unpublish.open')}
            </button>
          </div>
          {confirming ? (
            <UnpublishDialog
              article={article}
              kind={kind}
              reason={reason.trim()}
              busy={action.busy}
              onCancel={() => setConfirming(false)}
              onConfirm={() => {
                setConfirming(false);
                void act((version) => api.act(article.id, 'unpublish', { version, kind, reason: reason.trim() }));
              }}
            />
          ) : null}
        </div>
      ) : null}

      {s === 'draft' || s === 'changes_requested' || s === 'unpublished' ? (
        <p class="muted">{t(`review.waiting.${s}`)}</p>
      ) : null}
      {s === 'unpublished' ? (
        <>
          <p>{t('review.restoreExplain')}</p>
          <OneAction busy={action.busy} label={t('review.restore')} onRun={() => void act(plain('restore'))} />
        </>
      ) : null}
      <ErrorMessage error={action.error} timeZone={timeZone} fields={['comment', 'at', 'reason']} />
    </section>
  );
};

/**
 * Unpublishing takes a live page down: a modal dialog names the public address, the kind of take-down and what it
 * does, and the story's way back (restore), before anything is sent (issue 12 §5).
 */
const UnpublishDialog = ({
  article,
  kind,
  reason,
  busy,
  onCancel,
  onConfirm,
}: {
  article: Article;
  kind: UnpublishKind;
  reason: string;
  busy: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}) => {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      class="confirm-dialog"
      aria-labelledby="unpublish-title"
      aria-describedby="unpublish-consequence"
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id="unpublish-title">{t('unpublish.title')}</h2>
      <dl class="meta">
        <div>
          <dt>{t('unpublish.address')}</dt>
          <dd>
            <span class="public-link">{article.url ?? ''}</span>
          </dd>
        </div>
        <div>
          <dt>{t('unpublish.kind')}</dt>
          <dd>{t(`review.unpublishKind.${kind}`)}</dd>
        </div>
        <div>
          <dt>{t('unpublish.reason')}</dt>
          <dd>{reason}</dd>
        </div>
      </dl>
      <p id="unpublish-consequence">{t(`unpublish.consequence.${kind}`)}</p>
      <div class="actions">
        <button type="button" class="button" onClick={onCancel}>
          {t('unpublish.cancel')}
        </button>
        <button type="button" class="button danger" disabled={busy} onClick={onConfirm}>
          {t('unpublish.confirm')}
        </button>
      </div>
    </dialog>
  );
};
