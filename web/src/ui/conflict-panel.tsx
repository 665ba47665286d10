import { useEffect, useRef } from 'preact/hooks';
import { deskOf, useApp } from '../app-context.js';
import { useI18n } from '../i18n/i18n.js';
import type { Article } from '../../../functions/contract/responses.js';
import { DiffView } from './diff-view.js';

export interface Conflict {
  theirs: Article;
  /** Who saved the version that won, from the history (may be unknown). */
  changedBy?: { sub: string; name: string; at: string };
  /** Where the text came from: a save refused with 409, or unsaved text found in this browser. */
  origin: 'save' | 'restore';
}

/**
 * A save refused as stale (409), or unsaved text from an older version: shows the other person's change as a diff
 * against what this user typed. Nothing typed is dropped until the user chooses.
 */
export const ConflictPanel = ({
  conflict,
  mine,
  busy,
  onReloadTheirs,
  onReapplyMine,
}: {
  conflict: Conflict;
  mine: string;
  busy: boolean;
  onReloadTheirs: () => void;
  onReapplyMine: () => void;
}) => {
  const { t, formatDateTime } = useI18n();
  const { identity, desks } = useApp();
  const heading = useRef<HTMLHeadingElement>(null);
  const timeZone = deskOf(desks, conflict.theirs.desk)?.timeZone;
  // The other version may be this person's own, saved in another tab: then nobody else is to blame.
  const self = conflict.changedBy?.sub === identity.sub;
  useEffect(() => heading.current?.focus(), [conflict.theirs.version]);
  return (
    <section class="panel conflict" aria-labelledby="conflict-heading" role="region">
      <h2 id="conflict-heading" tabIndex={-1} ref={heading}>
        {conflict.origin === 'restore'
          ? t('conflict.restoredHeading')
          : self
            ? t('conflict.headingSelf')
            : t('conflict.heading')}
      </h2>
      <p>
        {conflict.changedBy
          ? t(self ? 'conflict.changedBySelf' : 'conflict.changedBy', {
              name: conflict.changedBy.name,
              at: formatDateTime(conflict.changedBy.at, timeZone),
              version: conflict.theirs.version,
            })
          : t('conflict.changed', { version: conflict.theirs.version })}{' '}
        {t('conflict.safe')}
      </p>
      <DiffView
        before={conflict.theirs.body}
        after={mine}
        deletedLabel={self ? t('conflict.onlyThere') : t('conflict.onlyTheirs')}
        insertedLabel={t('conflict.onlyMine')}
      />
      <div class="actions">
        <button type="button" class="button" onClick={onReloadTheirs} disabled={busy}>
          {self ? t('conflict.reloadSaved') : t('conflict.reloadTheirs')}
        </button>
        <button type="button" class="button primary" onClick={onReapplyMine} disabled={busy}>
          {t('conflict.reapplyMine')}
        </button>
      </div>
    </section>
  );
};
