import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages-ru.js';
import type { ArticleEvent } from '../../../functions/contract/responses.js';

const EVENT_KEYS: Record<string, MessageKey> = {
  created: 'event.created',
  edited: 'event.edited',
  submitted: 'event.submitted',
  withdrawn: 'event.withdrawn',
  changes_requested: 'event.changes_requested',
  approved: 'event.approved',
  scheduled: 'event.scheduled',
  schedule_cancelled: 'event.schedule_cancelled',
  published: 'event.published',
  corrected: 'event.corrected',
  unpublished: 'event.unpublished',
  commented: 'event.commented',
  imported: 'event.imported',
};

/** What happened to the story, newest first: who, when, what, on which revision, and what they said. */
export const HistoryList = ({ events, timeZone }: { events: readonly ArticleEvent[]; timeZone?: string }) => {
  const { t, formatDateTime } = useI18n();
  if (events.length === 0) return <p class="muted">{t('history.empty')}</p>;
  return (
    <ol class="history" reversed>
      {[...events].reverse().map((e) => {
        const key = EVENT_KEYS[e.type];
        return (
          <li key={e.id} class={`history-item history-${e.type}`}>
            <div class="history-head">
              <strong>{e.actor.name}</strong> <span>{key ? t(key) : e.type}</span>{' '}
              <span class="muted">
                {t('history.revision', { n: e.revision })} ·{' '}
                <time dateTime={e.at}>{formatDateTime(e.at, timeZone)}</time>
              </span>
            </div>
            {e.comment ? <blockquote class="history-comment">{e.comment}</blockquote> : null}
          </li>
        );
      })}
    </ol>
  );
};
