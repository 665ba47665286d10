import * as z from 'zod/mini';

/**
 * The notification inbox and settings (issue 13 §2): `GET /api/notifications?cursor=`, `POST
 * /api/notifications/read {ids}`, `GET/PUT /api/notifications/settings`. The kinds and channels repeat the domain's
 * (functions/domain/notifications.ts; the contract imports no domain module the app cannot bundle), and a unit test
 * keeps the two lists equal.
 */
export const NOTIFICATION_KINDS = [
  'submitted',
  'changes_requested',
  'approved',
  'published',
  'unpublished',
  'commented',
  'mentioned',
] as const;
export const NOTIFICATION_CHANNELS = ['inbox', 'email', 'telegram'] as const;

export const notificationsQuery = z.strictObject({
  cursor: z.optional(z.string().check(z.maxLength(2_000))),
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(50))),
});

const notificationId = z.string().check(z.regex(/^[0-9A-Za-z]{10,40}$/, 'not a notification id'));

/** `POST /api/notifications/read` */
export const markReadRequest = z.strictObject({
  ids: z.array(notificationId).check(z.minLength(1), z.maxLength(40, 'at most 40 ids at a time')),
});
export type MarkReadRequest = z.input<typeof markReadRequest>;

const channelChoice = z.strictObject({ inbox: z.boolean(), email: z.boolean(), telegram: z.boolean() });

/** `PUT /api/notifications/settings`: every kind, each with every channel on or off. */
export const notificationSettingsRequest = z.strictObject({
  settings: z.strictObject({
    submitted: channelChoice,
    changes_requested: channelChoice,
    approved: channelChoice,
    published: channelChoice,
    unpublished: channelChoice,
    commented: channelChoice,
    mentioned: channelChoice,
  }),
});
export type NotificationSettingsRequest = z.input<typeof notificationSettingsRequest>;

export const notificationResponse = z.object({
  id: z.string(),
  kind: z.string(),
  articleId: z.string(),
  subject: z.string(),
  text: z.string(),
  link: z.string(),
  at: z.string(),
  read: z.boolean(),
});
export type Notification = z.infer<typeof notificationResponse>;

export const notificationListResponse = z.object({
  items: z.array(notificationResponse),
  nextCursor: z.nullable(z.string()),
  unread: z.number(),
});
export type NotificationList = z.infer<typeof notificationListResponse>;

export const markReadResponse = z.object({ marked: z.number(), unread: z.number() });

export const notificationSettingsResponse = notificationSettingsRequest;
