import { useEffect, useState } from 'preact/hooks';
import { deskOf, useApp } from '../app-context.js';
import { useI18n } from '../i18n/i18n.js';
import type { Article } from '../../../functions/contract/responses.js';
import type { RevisionSummary } from '../../../functions/contract/desk-responses.js';
import { DiffView } from './diff-view.js';
import { ErrorMessage } from './error-message.js';

/**
 * Every revision of the text, newest first: compare any of them with the current text (word diff) and restore it as
 * a new revision (`POST …/revisions/{n}/restore` with the version on screen: a stale restore is a 409, shown as such).
 */
export const RevisionHistory = ({
  article,
  canRestore,
  onRestored,
}: {
  article: Article;
  canRestore: boolean;
  onRestored: (next: Article) => void;
}) => {
  const { api, desks } = useApp();
  const { t, formatDateTime } = useI18n();
  const timeZone = deskOf(desks, article.desk)?.timeZone;
  const [items, setItems] = useState<RevisionSummary[]>([]);
  const [nextBefore, setNextBefore] = useState<number | undefined>();
  const [open, setOpen] = useState<{ n: number; body: string } | undefined>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [restored, setRestored] = useState<{ from: number; to: number } | undefined>();

  useEffect(() => {
    let live = true;
    api
      .revisions(article.id)
      .then((page) => {
        if (!live) return;
        setItems(page.items);
        setNextBefore(page.nextBefore ?? undefined);
      })
      .catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [article.id, article.revision]);

  const more = async (): Promise<void> => {
    if (!nextBefore) return;
    try {
      const page = await api.revisions(article.id, nextBefore);
      setItems((prev) => [...prev, ...page.items]);
      setNextBefore(page.nextBefore ?? undefined);
    } catch (e) {
      setError(e);
    }
  };

  const compare = async (n: number): Promise<void> => {
    setError(undefined);
    setRestored(undefined);
    try {
      setOpen({ n, body: await api.revisionBody(article.id, n) });
    } catch (e) {
      setError(e);
    }
  };

  const restore = async (n: number): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      const next = await api.restoreRevision(article.id, n, article.version);
      setOpen(undefined);
      setRestored({ from: n, to: next.revision });
      onRestored(next);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <details class="panel revisions">
      <summary>{t('revisions.heading')}</summary>
      {restored ? (
        <p class="notice" role="status">
          {t('revisions.restored', { n: restored.from, m: restored.to })}
        </p>
      ) : null}
      <ErrorMessage error={error} />
      {open ? (
        <section class="revision-compare" aria-labelledby="revision-compare-heading">
          <h3 id="revision-compare-heading">
            {t('revisions.compareHeading', { n: open.n, current: article.revision })}
          </h3>
          <DiffView
            before={open.body}
            after={article.body}
            deletedLabel={t('revisions.onlyOld', { n: open.n })}
            insertedLabel={t('revisions.onlyCurrent')}
          />
          <div class="actions">
            {canRestore && open.body !== article.body ? (
              <button type="button" class="button primary" disabled={busy} onClick={() => void restore(open.n)}>
                {busy ? t('common.working') : t('revisions.restore', { n: open.n })}
              </button>
            ) : null}
            <button type="button" class="button" onClick={() => setOpen(undefined)}>
              {t('revisions.close')}
            </button>
          </div>
        </section>
      ) : null}
      <ol class="revision-list" reversed>
        {items.map((r) => (
          <li key={r.number}>
            <strong>{t('revisions.item', { n: r.number })}</strong>{' '}
            <span class="muted">
              {r.author.name} · <time dateTime={r.createdAt}>{formatDateTime(r.createdAt, timeZone)}</time>
              {r.autosave ? ` · ${t('revisions.autosave')}` : ''}
              {r.restoredFrom ? ` · ${t('revisions.restoredFrom', { n: r.restoredFrom })}` : ''}
              {r.number === article.revision ? ` · ${t('revisions.current')}` : ''}
            </span>{' '}
            {r.number !== article.revision ? (
              <button type="button" class="link-button" onClick={() => void compare(r.number)}>
                {t('revisions.compare', { n: r.number })}
              </button>
            ) : null}
          </li>
        ))}
      </ol>
      {nextBefore ? (
        <button type="button" class="button" onClick={() => void more()}>
          {t('revisions.more')}
        </button>
      ) : null}
    </details>
  );
};
