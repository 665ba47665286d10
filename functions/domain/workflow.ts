import { DomainError } from './errors.js';
import { isEditorOf, isReporter, type Principal } from './principal.js';
import {
  UNPUBLISH_KINDS,
  type Article,
  type ArticleEvent,
  type ArticleStatus,
  type EventType,
  type Person,
  type UnpublishKind,
} from './article.js';
import type { Fix, Lang } from './render/types.js';

/**
 * The article lifecycle as a pure state machine (architecture.md §2). `decideCommand` checks who may do what, the
 * optimistic version and the state, and returns the next article and the events to record. It performs no I/O:
 * storing the result atomically (and refusing it if the version moved meanwhile) is the store's job.
 */

/** Text-derived fields of a revision, computed by the use case from the Markdown (parseDraft). */
export interface DraftContent {
  body: string;
  contentHash: string;
  title: string;
  slug: string;
  lang: Lang;
  deck?: string;
  fixes: Fix[];
}

export type Command =
  | {
      type: 'edit';
      version: number;
      content: DraftContent;
      /** Saved by the editor's autosave; `continuesBurst`: the same person's autosave burst goes on (no new event). */
      autosave?: { continuesBurst: boolean };
      /** The text is that of an earlier revision, restored from the history. */
      restoredFrom?: number;
    }
  | { type: 'submit'; version: number; comment?: string }
  | { type: 'withdraw'; version: number; comment?: string }
  | { type: 'request-changes'; version: number; comment?: string }
  | { type: 'approve'; version: number; comment?: string }
  | { type: 'schedule'; version: number; publishAt: string; comment?: string }
  | { type: 'cancel-schedule'; version: number; comment?: string }
  | { type: 'correct'; version: number; content: DraftContent; note?: string }
  | { type: 'unpublish'; version: number; reason?: string; kind: UnpublishKind }
  | { type: 'restore'; version: number; comment?: string }
  | { type: 'comment'; text: string };

/** The publishing job's own transition (no user version: a lease on the article serialises it). */
export interface PublishedFacts {
  path: string;
  publishedAt: string;
}

export interface DecisionContext {
  now: string;
  eventId: string;
}

export interface Decision {
  article: Article;
  events: ArticleEvent[];
  /** Present when the command created a new revision of the text. */
  newRevision?: number;
}

export const MAX_SCHEDULE_AHEAD_DAYS = 366;

const personOf = (p: Principal): Person => ({ sub: p.sub, name: p.name });

export const isAuthor = (article: Article, p: Principal): boolean => article.author.sub === p.sub;

/** A reporter's unsubmitted draft is invisible to everyone else (404, never 403). */
export const canView = (article: Article, p: Principal): boolean =>
  isAuthor(article, p) || (article.status !== 'draft' && isEditorOf(p, article.desk));

export const assertCanView = (article: Article | undefined, p: Principal, id: string): Article => {
  if (!article || !canView(article, p)) {
    throw new DomainError('not_found', `article ${id} does not exist or is not visible to you`);
  }
  return article;
};

/** May this principal start a draft on this desk? Reporters may; so may the desk's editors (they write too). */
export const assertCanCreate = (p: Principal, deskId: string): void => {
  if (!isReporter(p) && !isEditorOf(p, deskId)) {
    throw new DomainError('forbidden', `only reporters and ${deskId} desk editors can create drafts on this desk`);
  }
};

const requireAuthor = (article: Article, p: Principal, what: string): void => {
  if (!isAuthor(article, p)) throw new DomainError('forbidden', `only the author can ${what} this article`);
};

const requireEditor = (article: Article, p: Principal, what: string): void => {
  if (!isEditorOf(p, article.desk)) {
    throw new DomainError('forbidden', `only editors of the ${article.desk} desk can ${what} this article`);
  }
};

/** Four eyes: nobody approves, publishes or corrects what they wrote. */
const requireSecondPair = (article: Article, p: Principal, what: string): void => {
  requireEditor(article, p, what);
  if (isAuthor(article, p)) {
    throw new DomainError('forbidden', `four-eyes rule: another editor must ${what} an article you wrote`, {
      rule: 'four_eyes',
    });
  }
};

const requireVersion = (article: Article, version: number): void => {
  if (version !== article.version) {
    throw new DomainError(
      'stale_version',
      `version ${version} is stale; the article is at version ${article.version} — reload and re-apply your change`,
      { currentVersion: article.version },
    );
  }
};

const requireStatus = (article: Article, allowed: readonly ArticleStatus[], action: string): void => {
  if (!allowed.includes(article.status)) {
    throw new DomainError(
      'invalid_transition',
      `cannot ${action} an article that is ${article.status.replace('_', ' ')}` +
        ` (allowed from: ${allowed.map((s) => s.replace('_', ' ')).join(', ')})`,
      { status: article.status },
    );
  }
};

const requireText = (value: string | undefined, field: string, why: string): string => {
  const text = value?.trim();
  if (!text) throw new DomainError('invalid_input', `${field} is required: ${why}`, { field, reason: 'required' });
  return text;
};

const event = (
  ctx: DecisionContext,
  article: Article,
  actor: Principal,
  type: EventType,
  to: ArticleStatus | undefined,
  revision: number,
  comment?: string,
): ArticleEvent => ({
  id: ctx.eventId,
  articleId: article.id,
  type,
  at: ctx.now,
  actor: personOf(actor),
  ...(to !== undefined ? { from: article.status, to } : {}),
  revision,
  ...(comment ? { comment } : {}),
});

const withContent = (article: Article, content: DraftContent, now: string): Article => ({
  ...article,
  body: content.body,
  contentHash: content.contentHash,
  title: content.title,
  // The URL is fixed at first publication; before that the slug follows the title.
  slug: article.path ? article.slug : content.slug,
  lang: content.lang,
  deck: content.deck,
  fixes: content.fixes,
  revision: article.revision + 1,
  updatedAt: now,
});

const clearApproval = (a: Article): Article => {
  const { approvedHash: _h, approvedRevision: _r, approvedBy: _b, ...rest } = a;
  return rest;
};

const transitioned = (article: Article, status: ArticleStatus, now: string, patch: Partial<Article> = {}): Article => ({
  ...article,
  ...patch,
  status,
  version: article.version + 1,
  updatedAt: now,
});

export const decideCommand = (current: Article, actor: Principal, command: Command, ctx: DecisionContext): Decision => {
  assertCanView(current, actor, current.id);
  const a = current;
  switch (command.type) {
    case 'comment': {
      const text = requireText(command.text, 'text', 'a comment cannot be empty');
      return { article: a, events: [event(ctx, a, actor, 'commented', undefined, a.revision, text)] };
    }
    case 'edit': {
      // Reporters rework their own text before and after review; the desk copy-edits what was submitted.
      const allowed: ArticleStatus[] = [
        ...(isAuthor(a, actor) ? (['draft', 'changes_requested'] as const) : []),
        ...(isEditorOf(actor, a.desk) ? (['submitted', 'approved', 'changes_requested'] as const) : []),
      ];
      requireVersion(a, command.version);
      requireStatus(a, allowed, 'edit');
      if (command.content.contentHash === a.contentHash) return { article: a, events: [] };
      // Any edit after approval sends the article back to the desk: approval is of one exact text.
      const status: ArticleStatus = a.status === 'approved' ? 'submitted' : a.status;
      const edited = transitioned(clearApproval(withContent(a, command.content, ctx.now)), status, ctx.now);
      const moved = status !== a.status;
      // An autosave burst records one `edited` event (its first revision); a status change is always recorded.
      const quiet = command.autosave?.continuesBurst === true && !moved;
      const edit: ArticleEvent = {
        ...event(ctx, a, actor, 'edited', moved ? status : undefined, edited.revision),
        ...(command.autosave ? { autosave: true } : {}),
        ...(command.restoredFrom !== undefined ? { restoredFrom: command.restoredFrom } : {}),
      };
      return { article: edited, events: quiet ? [] : [edit], newRevision: edited.revision };
    }
    case 'submit': {
      requireAuthor(a, actor, 'submit');
      requireVersion(a, command.version);
      requireStatus(a, ['draft', 'changes_requested'], 'submit');
      const next = transitioned(a, 'submitted', ctx.now, { submittedRevision: a.revision });
      return { article: next, events: [event(ctx, a, actor, 'submitted', 'submitted', a.revision, command.comment)] };
    }
    case 'withdraw': {
      requireAuthor(a, actor, 'withdraw');
      requireVersion(a, command.version);
      requireStatus(a, ['submitted'], 'withdraw');
      const next = transitioned(a, 'draft', ctx.now);
      return { article: next, events: [event(ctx, a, actor, 'withdrawn', 'draft', a.revision, command.comment)] };
    }
    case 'request-changes': {
      requireEditor(a, actor, 'request changes to');
      requireVersion(a, command.version);
      requireStatus(a, ['submitted', 'approved'], 'request changes to');
      const comment = requireText(command.comment, 'comment', 'tell the reporter what to change');
      const next = transitioned(clearApproval(a), 'changes_requested', ctx.now);
      return {
        article: next,
        events: [event(ctx, a, actor, 'changes_requested', 'changes_requested', a.revision, comment)],
      };
    }
    case 'approve': {
      requireSecondPair(a, actor, 'approve');
      requireVersion(a, command.version);
      requireStatus(a, ['submitted'], 'approve');
      const next = transitioned(a, 'approved', ctx.now, {
        approvedHash: a.contentHash,
        approvedRevision: a.revision,
        approvedBy: personOf(actor),
      });
      return { article: next, events: [event(ctx, a, actor, 'approved', 'approved', a.revision, command.comment)] };
    }
    case 'schedule': {
      requireSecondPair(a, actor, 'publish');
      requireVersion(a, command.version);
      requireStatus(a, ['approved'], 'publish');
      if (a.approvedHash !== a.contentHash) {
        throw new DomainError('invalid_transition', 'the text changed after approval; approve it again');
      }
      const at = Date.parse(command.publishAt);
      const now = Date.parse(ctx.now);
      if (Number.isNaN(at)) {
        throw new DomainError('invalid_input', '`at` must be an ISO 8601 date and time', {
          field: 'at',
          reason: 'format',
        });
      }
      if (at < now - 60_000) {
        throw new DomainError('invalid_input', `\`at\` (${command.publishAt}) is in the past`, {
          field: 'at',
          reason: 'past',
          at: command.publishAt,
        });
      }
      if (at > now + MAX_SCHEDULE_AHEAD_DAYS * 86_400_000) {
        throw new DomainError('invalid_input', `\`at\` is more than ${MAX_SCHEDULE_AHEAD_DAYS} days ahead`, {
          field: 'at',
          reason: 'too_far',
          maxDays: MAX_SCHEDULE_AHEAD_DAYS,
        });
      }
      const publishAt = new Date(Math.max(at, now)).toISOString();
      const next = transitioned(a, 'scheduled', ctx.now, { publishAt });
      // The event says when the page is due, so the history tells "publish now" from a schedule (issue 12).
      const scheduled = { ...event(ctx, a, actor, 'scheduled', 'scheduled', a.revision, command.comment), publishAt };
      return { article: next, events: [scheduled] };
    }
    case 'cancel-schedule': {
      requireEditor(a, actor, 'cancel the schedule of');
      requireVersion(a, command.version);
      requireStatus(a, ['scheduled'], 'cancel the schedule of');
      const { publishAt: _p, publishError: _e, ...rest } = a;
      // A page the publishing job may already have written for this schedule must come down: the site work owes it.
      const next = transitioned(rest, 'approved', ctx.now, a.publishIntent ? { pendingSiteWork: 'remove-page' } : {});
      return {
        article: next,
        events: [event(ctx, a, actor, 'schedule_cancelled', 'approved', a.revision, command.comment)],
      };
    }
    case 'correct': {
      requireSecondPair(a, actor, 'correct');
      requireVersion(a, command.version);
      requireStatus(a, ['published'], 'correct');
      const note = requireText(command.note, 'note', 'readers are shown what was corrected');
      if (command.content.contentHash === a.contentHash) {
        throw new DomainError('invalid_input', 'the corrected text is identical to the published one', {
          field: 'body',
          reason: 'unchanged',
        });
      }
      const edited = withContent(a, command.content, ctx.now);
      const next = transitioned(edited, 'published', ctx.now, {
        approvedHash: edited.contentHash,
        approvedRevision: edited.revision,
        approvedBy: personOf(actor),
        publishedRevision: edited.revision,
        modifiedAt: ctx.now,
        corrections: [...a.corrections, { at: ctx.now, note }],
        pendingSiteWork: 'render-page',
      });
      return {
        article: next,
        events: [event(ctx, a, actor, 'corrected', 'published', edited.revision, note)],
        newRevision: edited.revision,
      };
    }
    case 'unpublish': {
      requireEditor(a, actor, 'unpublish');
      requireVersion(a, command.version);
      requireStatus(a, ['published'], 'unpublish');
      const reason = requireText(command.reason, 'reason', 'the desk records why a story was taken down');
      if (!UNPUBLISH_KINDS.includes(command.kind)) {
        throw new DomainError('invalid_input', `kind is required: one of ${UNPUBLISH_KINDS.join(', ')}`, {
          field: 'kind',
          reason: 'required',
        });
      }
      const next = transitioned(a, 'unpublished', ctx.now, {
        unpublishedAt: ctx.now,
        unpublishReason: reason,
        unpublishKind: command.kind,
        pendingSiteWork: 'render-gone',
      });
      const unpublished = event(ctx, a, actor, 'unpublished', 'unpublished', a.revision, reason);
      return { article: next, events: [{ ...unpublished, unpublishKind: command.kind }] };
    }
    case 'restore': {
      // Back to the reporter as a draft; the path stays, so publishing again reuses the story's URL.
      requireEditor(a, actor, 'restore');
      requireVersion(a, command.version);
      requireStatus(a, ['unpublished'], 'restore');
      if (a.pendingSiteWork) {
        throw new DomainError('conflict', 'the take-down is still being applied to the site; try again in a minute');
      }
      const {
        unpublishedAt: _at,
        unpublishReason: _reason,
        unpublishKind: _kind,
        publishError: _error,
        ...rest
      } = clearApproval(a);
      const next = transitioned(rest, 'draft', ctx.now);
      return { article: next, events: [event(ctx, a, actor, 'restored', 'draft', a.revision, command.comment)] };
    }
  }
};

/** The publishing job's transition: scheduled → published, once the page is live. */
export const decidePublished = (
  a: Article,
  facts: PublishedFacts,
  ctx: DecisionContext,
  system: Principal,
): Decision => {
  requireStatus(a, ['scheduled'], 'publish');
  const { publishAt: _p, publishError: _e, publishIntent: _i, pendingSiteWork: _w, ...rest } = a;
  const next = transitioned(rest, 'published', ctx.now, {
    path: facts.path,
    firstPublishedAt: a.firstPublishedAt ?? facts.publishedAt,
    publishedRevision: a.revision,
  });
  return { article: next, events: [event(ctx, a, system, 'published', 'published', a.revision)] };
};
