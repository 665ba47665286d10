import type { Article, ArticleEvent } from './article.js';
import type { Lang } from './render/types.js';

/**
 * Who is told what when an article's lifecycle moves (issue 13 §2), and the words they are told in. Pure: the
 * directory lookups, the clock and the delivery happen in the use case (use-cases/notify-people.ts).
 */

/** What a person can be notified of; each user chooses channels per kind. */
export const NOTIFICATION_KINDS = [
  'submitted',
  'changes_requested',
  'approved',
  'published',
  'unpublished',
  'commented',
  'mentioned',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_CHANNELS = ['inbox', 'email', 'telegram'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

export type ChannelChoice = Record<NotificationChannel, boolean>;
export type NotificationSettings = Record<NotificationKind, ChannelChoice>;

/** Until a user chooses: everything in the inbox and by e-mail, Telegram too (it only reaches users who linked a chat). */
export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettings = Object.fromEntries(
  NOTIFICATION_KINDS.map((k) => [k, { inbox: true, email: true, telegram: true }]),
) as NotificationSettings;

/** Stored settings over the defaults: a kind added later starts with the defaults. */
export const mergeNotificationSettings = (
  stored: Partial<Record<NotificationKind, Partial<ChannelChoice>>> | undefined,
): NotificationSettings =>
  Object.fromEntries(
    NOTIFICATION_KINDS.map((k) => [k, { ...DEFAULT_NOTIFICATION_SETTINGS[k], ...(stored?.[k] ?? {}) }]),
  ) as NotificationSettings;

/** A person as the directory knows them. */
export interface DirectoryUser {
  sub: string;
  name: string;
  email?: string;
  /** Set once the user linked a chat with the newsroom bot. */
  telegramChatId?: string;
}

/** One person to tell about one event, and why. */
export interface Recipient {
  sub: string;
  kind: NotificationKind;
}

/**
 * `@Анна`, `@demo-editor`: a mention is `@` then letters, digits, `-` or `_`, not inside a word or an e-mail address.
 * Returned lower-cased, without repeats.
 */
export const extractMentions = (text: string): string[] => {
  const found = new Set<string>();
  for (const m of text.matchAll(/(?<![\p{L}\p{N}_.@-])@([\p{L}\p{N}_-]{2,40})/gu)) {
    if (m[1]) found.add(m[1].toLowerCase());
  }
  return [...found];
};

/** Whether a mention names this user: their id, or their first name (`@Анна` for Анна Смирнова). */
export const mentionNames = (user: Pick<DirectoryUser, 'sub' | 'name'>, mention: string): boolean => {
  const first = user.name.trim().split(/\s+/u)[0] ?? '';
  return mention === user.sub.toLowerCase() || (first !== '' && mention === first.toLowerCase());
};

export interface RecipientFacts {
  event: ArticleEvent;
  article: Pick<Article, 'author'>;
  /** The editors of the article's desk. */
  deskEditors: readonly Pick<DirectoryUser, 'sub'>[];
  /** Users named by `@` mentions in the event's comment. */
  mentioned: readonly Pick<DirectoryUser, 'sub'>[];
}

/**
 * submit → the desk's editors; request changes, approve, publish, unpublish → the author; a comment → the other party
 * (the author's comment goes to the desk, anyone else's to the author); an `@` mention → that person. Nobody is told of
 * their own act, and nobody twice for one event (a direct reason wins over a mention).
 */
export const decideRecipients = ({ event, article, deskEditors, mentioned }: RecipientFacts): Recipient[] => {
  const out = new Map<string, NotificationKind>();
  const add = (sub: string, kind: NotificationKind): void => {
    if (sub !== event.actor.sub && !out.has(sub)) out.set(sub, kind);
  };
  const author = article.author.sub;
  switch (event.type) {
    case 'submitted':
      for (const e of deskEditors) add(e.sub, 'submitted');
      break;
    case 'changes_requested':
    case 'approved':
    case 'published':
    case 'unpublished':
      add(author, event.type);
      break;
    case 'commented':
      if (event.actor.sub === author) for (const e of deskEditors) add(e.sub, 'commented');
      else add(author, 'commented');
      break;
    default:
      break;
  }
  for (const m of mentioned) add(m.sub, 'mentioned');
  return [...out].map(([sub, kind]) => ({ sub, kind }));
};

export interface MessageFacts {
  kind: NotificationKind;
  lang: Lang;
  title: string;
  actorName: string;
  /** The event's comment (a request for changes, a comment, an unpublish reason). */
  comment?: string;
  /** The story in the newsroom app. */
  link: string;
}

export interface NotificationMessage {
  subject: string;
  text: string;
}

type Phrase = (f: MessageFacts) => string;

const SUBJECTS: Record<Lang, Record<NotificationKind, Phrase>> = {
  ru: {
    submitted: (f) => `${f.actorName} сдаёт материал «${f.title}»`,
    changes_requested: (f) => `${f.actorName} просит доработать «${f.title}»`,
    approved: (f) => `${f.actorName} одобряет «${f.title}»`,
    published: (f) => `«${f.title}» опубликован`,
    unpublished: (f) => `«${f.title}» снят с публикации`,
    commented: (f) => `${f.actorName} комментирует «${f.title}»`,
    mentioned: (f) => `${f.actorName} упоминает вас: «${f.title}»`,
  },
  en: {
    submitted: (f) => `${f.actorName} submitted “${f.title}”`,
    changes_requested: (f) => `${f.actorName} asks for changes to “${f.title}”`,
    approved: (f) => `${f.actorName} approved “${f.title}”`,
    published: (f) => `“${f.title}” is published`,
    unpublished: (f) => `“${f.title}” was taken down`,
    commented: (f) => `${f.actorName} commented on “${f.title}”`,
    mentioned: (f) => `${f.actorName} mentioned you: “${f.title}”`,
  },
};

const OPEN: Record<Lang, string> = { ru: 'Открыть материал', en: 'Open the story' };

/** The message in the desk's language: a subject line, then the comment (if any), then the link. */
export const buildNotificationMessage = (facts: MessageFacts): NotificationMessage => {
  const subject = SUBJECTS[facts.lang][facts.kind](facts);
  const lines = [subject];
  if (facts.comment) lines.push('', facts.comment);
  lines.push('', `${OPEN[facts.lang]}: ${facts.link}`);
  return { subject, text: lines.join('\n') };
};

/**
 * The story in the newsroom app: editors open the review screen, the author the editor. `appBaseUrl` is the app's
 * root (`https://…/newsroom/`); routes are hash routes (web/src/lib/router.ts).
 */
export const storyLink = (appBaseUrl: string, articleId: string, forAuthor: boolean): string =>
  `${appBaseUrl.replace(/\/*$/, '/')}#/${forAuthor ? 'articles' : 'review'}/${encodeURIComponent(articleId)}`;
