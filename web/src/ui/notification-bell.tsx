import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n.js';
import type { Api } from '../lib/api.js';
import { buildHref } from '../lib/router.js';

/** Polling period while the page is visible; a hidden tab does not poll. */
const POLL_MS = 30_000;
/** Fired by the inbox after it marks notifications read, so the count drops at once. */
export const NOTIFICATIONS_CHANGED = 'newsroom:notifications-changed';

/** The bell in the header: the unread count, linking to the inbox. */
export const NotificationBell = ({ api }: { api: Api }) => {
  const { t } = useI18n();
  const [unread, setUnread] = useState(0);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const refresh = (): void => {
      if (timer) clearTimeout(timer);
      if (document.visibilityState === 'visible') {
        api
          .notifications({ limit: 1 })
          .then((page) => {
            if (!stopped) setUnread(page.unread);
          })
          // The bell is a hint: a failed poll keeps the last count and tries again next time.
          .catch(() => undefined);
      }
      if (!stopped) timer = setTimeout(refresh, POLL_MS);
    };
    refresh();
    document.addEventListener('visibilitychange', refresh);
    addEventListener(NOTIFICATIONS_CHANGED, refresh);
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      document.removeEventListener('visibilitychange', refresh);
      removeEventListener(NOTIFICATIONS_CHANGED, refresh);
    };
  }, [api]);
  return (
    <a
      class="bell"
      href={buildHref({ name: 'inbox' })}
      aria-label={unread > 0 ? t('bell.unread', { count: unread }) : t('bell.label')}
      data-unread={unread}
    >
      <span aria-hidden="true">🔔</span>
      {unread > 0 ? (
        <span class="bell-count" aria-hidden="true">
          {unread}
        </span>
      ) : null}
    </a>
  );
};
