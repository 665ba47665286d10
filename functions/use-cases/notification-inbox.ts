import type { NotificationSettings } from '../domain/notifications.js';
import type { Principal } from '../domain/principal.js';
import type { InboxNotification, NotificationStore } from '../ports/events.js';

/** The caller's own inbox and settings: a person only ever sees and changes their own. */
type Deps = { notifications: NotificationStore };

export const listNotifications =
  ({ notifications }: Deps) =>
  async (input: {
    actor: Principal;
    cursor?: string;
    limit: number;
  }): Promise<{ items: InboxNotification[]; nextCursor?: string; unread: number }> => {
    const [page, unread] = await Promise.all([
      notifications.listInbox(input.actor.sub, {
        limit: input.limit,
        ...(input.cursor ? { cursor: input.cursor } : {}),
      }),
      notifications.unreadCount(input.actor.sub),
    ]);
    return { ...page, unread };
  };

export const markNotificationsRead =
  ({ notifications }: Deps) =>
  async (input: { actor: Principal; ids: readonly string[] }): Promise<{ marked: number; unread: number }> => {
    const marked = await notifications.markRead(input.actor.sub, input.ids);
    return { marked, unread: await notifications.unreadCount(input.actor.sub) };
  };

export const getNotificationSettings =
  ({ notifications }: Deps) =>
  (input: { actor: Principal }): Promise<NotificationSettings> =>
    notifications.settings(input.actor.sub);

export const saveNotificationSettings =
  ({ notifications }: Deps) =>
  async (input: { actor: Principal; settings: NotificationSettings }): Promise<NotificationSettings> => {
    await notifications.saveSettings(input.actor.sub, input.settings);
    return input.settings;
  };
