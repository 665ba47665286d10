import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../app-context.js';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages-ru.js';
import type { Notification } from '../../../functions/contract/notifications.js';
import { ErrorMessage } from '../ui/error-message.js';
import { NOTIFICATIONS_CHANGED } from '../ui/notification-bell.js';

const KIND_KEYS: Partial<Record<string, MessageKey>> = {
  submitted: 'inbox.kind.submitted',
  changes_requested: 'inbox.kind.changes_requested',
  approved: 'inbox.kind.approved',
  published: 'inbox.kind.published',
  unpublished: 'inbox.kind.unpublished',
  commented: 'inbox.kind.commented',
  mentioned: 'inbox.kind.mentioned',
};

/** The inbox, newest first: opening it marks what it shows as read (still highlighted until the next visit). */
export const InboxScreen = () => {
  const { api } = useApp();
  const { t, formatDateTime } = useI18n();
  const [items, setItems] = useState<Notification[] | undefined>();
  const [cursor, setCursor] = useState<string | undefined>();
  const [error, setError] = useState<unknown>();
  const kindLabel = (kind: string): string => {
    const key = KIND_KEYS[kind];
    return key ? t(key) : kind;
  };

  const load = async (after?: string): Promise<void> => {
    try {
      const page = await api.notifications({ ...(after ? { cursor: after } : {}), limit: 20 });
      setItems((prev) => [...(after ? (prev ?? []) : []), ...page.items]);
      setCursor(page.nextCursor ?? undefined);
      const unread = page.items.filter((i) => !i.read).map((i) => i.id);
      if (unread.length > 0) {
        await api.markNotificationsRead(unread);
        dispatchEvent(new Event(NOTIFICATIONS_CHANGED));
      }
    } catch (e) {
      setError(e);
    }
  };
  useEffect(() => {
    void load();
  }, []);

  return (
    <>
      <h1 tabIndex={-1}>{t('inbox.heading')}</h1>
      {error ? <ErrorMessage error={error} /> : null}
      {items === undefined && !error ? <p>{t('common.loading')}</p> : null}
      {items?.length === 0 ? <p>{t('inbox.empty')}</p> : null}
      {items && items.length > 0 ? (
        <ul class="inbox">
          {items.map((n) => (
            <li key={n.id} class={n.read ? 'inbox-item' : 'inbox-item unread'} data-kind={n.kind}>
              <span class="inbox-kind">{kindLabel(n.kind)}</span>
              {n.read ? null : <span class="badge">{t('inbox.unread')}</span>}{' '}
              <a href={new URL(n.link).hash || n.link}>{n.subject}</a>{' '}
              <time dateTime={n.at}>{formatDateTime(n.at)}</time>
            </li>
          ))}
        </ul>
      ) : null}
      {cursor ? (
        <button type="button" class="button" onClick={() => void load(cursor)}>
          {t('inbox.more')}
        </button>
      ) : null}
    </>
  );
};
