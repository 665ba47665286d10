import { isMessageKey, useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages-ru.js';
import type { ArticleEvent } from '../../../functions/contract/responses.js';

/** A schedule due within this of the moment it was set is "publish now" (the API's own grace is a minute). */
const NOW_GRACE_MS = 60_000;

/**
 * The words for an event. "Publish now" is recorded as a schedule due at once: it reads as sending the story for
 * publication, not as a schedule (issue 12); a real schedule names its time.
 */
export const decideEventWords = (e: ArticleEvent): { key: MessageKey; at?: string } => {
  if (e.type === 'scheduled' && e.publishAt) {
    return Date.parse(e.publishAt) <= Date.parse(e.at) + NOW_GRACE_MS
      ? { key: 'event.publishNow' }
      : { key: 'event.scheduledAt', at: e.publishAt };
  }
  const key = `event.${e.type}`;
  return { key: isMessageKey(key) ? key : 'event.other' };
};

/** What happened to the story, newest first: who, when, what, on which revision, and what they said. */
export const HistoryList = ({ events, timeZone }: { events: readonly ArticleEvent[]; timeZone?: string }) => {
  const { t, formatDateTime } = useI18n();
  if (events.length === 0) return <p class="muted">{t('history.empty')}</p>;
  return (
    <ol class="history" reversed>
      {[...events].reverse().map((e) => {
        const words = decideEventWords(e);
        return (
          <li key={e.id} class={`history-item history-${e.type}`}>
            <div class="history-head">
              <strong>{e.actor.sub.startsWith('system:') ? t('actor.system') : e.actor.name}</strong>{' '}
              <span>{t(words.key, words.at ? { at: formatDateTime(words.at, timeZone) } : {})}</span>{' '}
              {e.restoredFrom ? <span>({t('history.restoredFrom', { n: e.restoredFrom })}) </span> : null}
              {e.autosave ? <span class="muted">({t('history.autosave')}) </span> : null}
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
