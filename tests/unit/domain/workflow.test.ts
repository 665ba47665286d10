import { describe, expect, it } from 'vitest';
import { ARTICLE_STATUSES, hashContent, type Article, type ArticleStatus } from '../../../functions/domain/article.js';
import { isDomainError, type DomainErrorCode } from '../../../functions/domain/errors.js';
import type { Principal } from '../../../functions/domain/principal.js';
import { decideCommand, decidePublished, type Command, type DraftContent } from '../../../functions/domain/workflow.js';

const NOW = '2026-11-20T09:00:00.000Z';
const ctx = { now: NOW, eventId: 'evt-1' };

const author: Principal = { sub: 'u-anna', name: 'Анна', groups: ['reporters'] };
const otherReporter: Principal = { sub: 'u-boris', name: 'Борис', groups: ['reporters'] };
const editor: Principal = { sub: 'u-vera', name: 'Вера', groups: ['desk-politics'] };
const otherDeskEditor: Principal = { sub: 'u-gleb', name: 'Глеб', groups: ['desk-world'] };
const chief: Principal = { sub: 'u-dina', name: 'Дина', groups: ['chief-editors'] };
const ROLES = { author, otherReporter, editor, otherDeskEditor, chief } as const;
type Role = keyof typeof ROLES;

const content = (body: string): DraftContent => ({
  body,
  contentHash: hashContent(body),
  title: 'Заголовок',
  slug: 'zagolovok',
  lang: 'ru',
  fixes: [],
});

const articleIn = (status: ArticleStatus, patch: Partial<Article> = {}): Article => {
  const body = '# Заголовок\n\nТекст.';
  return {
    id: 'a1',
    desk: 'politics',
    status,
    version: 5,
    revision: 2,
    title: 'Заголовок',
    slug: 'zagolovok',
    lang: 'ru',
    author: { sub: author.sub, name: author.name },
    body,
    contentHash: hashContent(body),
    fixes: [],
    corrections: [],
    createdAt: '2026-11-19T09:00:00.000Z',
    updatedAt: '2026-11-19T10:00:00.000Z',
    ...(['approved', 'scheduled', 'published'].includes(status)
      ? { approvedHash: hashContent(body), approvedRevision: 2 }
      : {}),
    ...(status === 'scheduled' ? { publishAt: '2026-11-21T09:00:00.000Z' } : {}),
    ...(['published', 'unpublished'].includes(status)
      ? { path: '/politics/2026/11/19/zagolovok/', firstPublishedAt: '2026-11-19T11:00:00.000Z' }
      : {}),
    ...patch,
  };
};

const commands: Record<string, (version: number) => Command> = {
  comment: () => ({ type: 'comment', text: 'Хорошо' }),
  edit: (version) => ({ type: 'edit', version, content: content('# Заголовок\n\nНовый текст.') }),
  submit: (version) => ({ type: 'submit', version }),
  withdraw: (version) => ({ type: 'withdraw', version }),
  'request-changes': (version) => ({ type: 'request-changes', version, comment: 'Уточните цифры' }),
  approve: (version) => ({ type: 'approve', version }),
  schedule: (version) => ({ type: 'schedule', version, publishAt: '2026-11-21T09:00:00.000Z' }),
  'cancel-schedule': (version) => ({ type: 'cancel-schedule', version }),
  correct: (version) => ({
    type: 'correct',
    version,
    content: content('# Заголовок\n\nИсправлено.'),
    note: 'Уточнена дата',
  }),
  unpublish: (version) => ({ type: 'unpublish', version, reason: 'Юридическая претензия', kind: 'legal' }),
  restore: (version) => ({ type: 'restore', version }),
};

// The contract, written out independently of the implementation: who may do what from which state.
const EDITORS: Role[] = ['editor', 'chief'];
const RULES: Record<string, { roles: Role[]; from: ArticleStatus[]; to?: ArticleStatus }> = {
  comment: { roles: ['author', 'editor', 'chief'], from: [...ARTICLE_STATUSES] },
  submit: { roles: ['author'], from: ['draft', 'changes_requested'], to: 'submitted' },
  withdraw: { roles: ['author'], from: ['submitted'], to: 'draft' },
  'request-changes': { roles: EDITORS, from: ['submitted', 'approved'], to: 'changes_requested' },
  approve: { roles: EDITORS, from: ['submitted'], to: 'approved' },
  schedule: { roles: EDITORS, from: ['approved'], to: 'scheduled' },
  'cancel-schedule': { roles: EDITORS, from: ['scheduled'], to: 'approved' },
  correct: { roles: EDITORS, from: ['published'], to: 'published' },
  unpublish: { roles: EDITORS, from: ['published'], to: 'unpublished' },
  restore: { roles: EDITORS, from: ['unpublished'], to: 'draft' },
};
const EDIT_FROM: Record<Role, ArticleStatus[]> = {
  author: ['draft', 'changes_requested'],
  editor: ['submitted', 'approved', 'changes_requested'],
  chief: ['submitted', 'approved', 'changes_requested'],
  otherReporter: [],
  otherDeskEditor: [],
};

const visible = (role: Role, status: ArticleStatus): boolean =>
  role === 'author' || ((role === 'editor' || role === 'chief') && status !== 'draft');

const expectedOutcome = (action: string, role: Role, status: ArticleStatus): DomainErrorCode | 'ok' => {
  if (!visible(role, status)) return 'not_found';
  if (action === 'edit') return EDIT_FROM[role].includes(status) ? 'ok' : 'invalid_transition';
  const rule = RULES[action]!;
  if (!rule.roles.includes(role)) return 'forbidden';
  return rule.from.includes(status) ? 'ok' : 'invalid_transition';
};

const outcomeOf = (fn: () => unknown): DomainErrorCode | 'ok' => {
  try {
    fn();
    return 'ok';
  } catch (error) {
    if (isDomainError(error)) return error.code;
    throw error;
  }
};

describe('decideCommand: every state × action × role', () => {
  for (const status of ARTICLE_STATUSES) {
    for (const action of Object.keys(commands)) {
      for (const role of Object.keys(ROLES) as Role[]) {
        const expected = expectedOutcome(action, role, status);
        it(`${role} ${action} on ${status} → ${expected}`, () => {
          const article = articleIn(status);
          const outcome = outcomeOf(() => decideCommand(article, ROLES[role], commands[action]!(article.version), ctx));
          expect(outcome).toBe(expected);
          if (expected === 'ok' && action !== 'comment') {
            const decision = decideCommand(article, ROLES[role], commands[action]!(article.version), ctx);
            expect(decision.article.version).toBe(article.version + 1);
            const to = action === 'edit' ? (status === 'approved' ? 'submitted' : status) : RULES[action]!.to;
            expect(decision.article.status).toBe(to);
          }
        });
      }
    }
  }
});

describe('decideCommand rules', () => {
  it('refuses a stale version with the current version in the details', () => {
    const article = articleIn('submitted');
    try {
      decideCommand(article, editor, { type: 'approve', version: 4 }, ctx);
      expect.unreachable();
    } catch (error) {
      expect(isDomainError(error) && error.code).toBe('stale_version');
      expect(isDomainError(error) && error.details).toEqual({ currentVersion: 5 });
    }
  });

  it('four eyes: an editor cannot approve, publish or correct what they wrote', () => {
    const own = articleIn('submitted', { author: { sub: editor.sub, name: editor.name } });
    expect(outcomeOf(() => decideCommand(own, editor, { type: 'approve', version: 5 }, ctx))).toBe('forbidden');
    const approved = articleIn('approved', { author: { sub: chief.sub, name: chief.name } });
    expect(outcomeOf(() => decideCommand(approved, chief, commands.schedule!(5), ctx))).toBe('forbidden');
    const published = articleIn('published', { author: { sub: chief.sub, name: chief.name } });
    expect(outcomeOf(() => decideCommand(published, chief, commands.correct!(5), ctx))).toBe('forbidden');
  });

  it('approves one exact revision and an edit after approval sends the article back to submitted', () => {
    const approved = decideCommand(articleIn('submitted'), editor, { type: 'approve', version: 5 }, ctx).article;
    expect(approved.approvedHash).toBe(approved.contentHash);
    expect(approved.approvedRevision).toBe(2);
    const edited = decideCommand(approved, chief, commands.edit!(6), ctx);
    expect(edited.article.status).toBe('submitted');
    expect(edited.article.approvedHash).toBeUndefined();
    expect(edited.newRevision).toBe(3);
    expect(edited.events[0]).toMatchObject({ type: 'edited', from: 'approved', to: 'submitted', revision: 3 });
  });

  it('an unchanged save is a no-op: no revision, no event, same version', () => {
    const draft = articleIn('draft');
    const decision = decideCommand(draft, author, { type: 'edit', version: 5, content: content(draft.body) }, ctx);
    expect(decision.article).toBe(draft);
    expect(decision.events).toEqual([]);
  });

  it('records who, when, from, to, revision and comment on every transition', () => {
    const decision = decideCommand(articleIn('submitted'), editor, commands['request-changes']!(5), ctx);
    expect(decision.events).toEqual([
      {
        id: 'evt-1',
        articleId: 'a1',
        type: 'changes_requested',
        at: NOW,
        actor: { sub: editor.sub, name: editor.name },
        from: 'submitted',
        to: 'changes_requested',
        revision: 2,
        comment: 'Уточните цифры',
      },
    ]);
  });

  it('requires a comment to request changes, a note to correct and a reason to unpublish', () => {
    const req = { type: 'request-changes', version: 5, comment: '  ' } as const;
    expect(outcomeOf(() => decideCommand(articleIn('submitted'), editor, req, ctx))).toBe('invalid_input');
    const cor = { ...commands.correct!(5), note: '' } as Command;
    expect(outcomeOf(() => decideCommand(articleIn('published'), editor, cor, ctx))).toBe('invalid_input');
    const unp = { type: 'unpublish', version: 5, kind: 'editorial' } as const;
    expect(outcomeOf(() => decideCommand(articleIn('published'), editor, unp, ctx))).toBe('invalid_input');
  });

  it('names the field, the rule and the facts the app needs for its sentence', () => {
    const detailsOf = (fn: () => unknown): unknown => {
      try {
        fn();
      } catch (error) {
        return isDomainError(error) ? error.details : undefined;
      }
      return undefined;
    };
    const past = { type: 'schedule', version: 5, publishAt: '2026-11-19T09:00:00.000Z' } as const;
    expect(detailsOf(() => decideCommand(articleIn('approved'), editor, past, ctx))).toEqual({
      field: 'at',
      reason: 'past',
      at: '2026-11-19T09:00:00.000Z',
    });
    const own = articleIn('submitted', { author: { sub: editor.sub, name: editor.name } });
    expect(detailsOf(() => decideCommand(own, editor, { type: 'approve', version: 5 }, ctx))).toEqual({
      rule: 'four_eyes',
    });
    const empty = { type: 'request-changes', version: 5, comment: ' ' } as const;
    expect(detailsOf(() => decideCommand(articleIn('submitted'), editor, empty, ctx))).toEqual({
      field: 'comment',
      reason: 'required',
    });
  });

  it('a schedule event says when the page is due, so "publish now" is told apart from a schedule', () => {
    const now = { type: 'schedule', version: 5, publishAt: NOW } as const;
    expect(decideCommand(articleIn('approved'), editor, now, ctx).events[0]).toMatchObject({
      type: 'scheduled',
      at: NOW,
      publishAt: NOW,
    });
  });

  it('refuses a schedule in the past or beyond a year', () => {
    const approved = articleIn('approved');
    const past = { type: 'schedule', version: 5, publishAt: '2026-11-19T09:00:00Z' } as const;
    expect(outcomeOf(() => decideCommand(approved, editor, past, ctx))).toBe('invalid_input');
    const far = { type: 'schedule', version: 5, publishAt: '2028-01-01T00:00:00Z' } as const;
    expect(outcomeOf(() => decideCommand(approved, editor, far, ctx))).toBe('invalid_input');
    const bad = { type: 'schedule', version: 5, publishAt: 'tomorrow' } as const;
    expect(outcomeOf(() => decideCommand(approved, editor, bad, ctx))).toBe('invalid_input');
  });

  it('a correction keeps the URL and slug, adds a dated notice and sets dateModified', () => {
    const published = articleIn('published');
    const decision = decideCommand(published, editor, commands.correct!(5), ctx);
    expect(decision.article).toMatchObject({
      status: 'published',
      path: published.path,
      slug: 'zagolovok',
      modifiedAt: NOW,
      corrections: [{ at: NOW, note: 'Уточнена дата' }],
      publishedRevision: 3,
      pendingSiteWork: 'render-page',
    });
  });

  it('the publishing job moves only a scheduled article to published and keeps the first date', () => {
    const scheduled = articleIn('scheduled');
    const system: Principal = { sub: 'system', name: 'Scheduler', groups: [] };
    const facts = { path: '/politics/2026/11/21/zagolovok/', publishedAt: '2026-11-21T09:00:05.000Z' };
    const decision = decidePublished(scheduled, facts, ctx, system);
    expect(decision.article).toMatchObject({
      status: 'published',
      path: facts.path,
      firstPublishedAt: facts.publishedAt,
    });
    expect(decision.article.publishAt).toBeUndefined();
    expect(outcomeOf(() => decidePublished(articleIn('approved'), facts, ctx, system))).toBe('invalid_transition');
  });

  it('publishing clears the intent and the error it carried', () => {
    const intent = { path: '/politics/2026/11/21/zagolovok/', revision: 1, publishedAt: '2026-11-21T09:00:05.000Z' };
    const scheduled = articleIn('scheduled', {
      publishIntent: intent,
      publishError: { at: NOW, message: 'overdue', code: 'stalled' },
    });
    const system: Principal = { sub: 'system', name: 'Scheduler', groups: [] };
    const decision = decidePublished(scheduled, { path: intent.path, publishedAt: intent.publishedAt }, ctx, system);
    expect(decision.article.publishIntent).toBeUndefined();
    expect(decision.article.publishError).toBeUndefined();
    expect(decision.article.pendingSiteWork).toBeUndefined();
  });

  it('cancelling a schedule whose page the job may have written leaves its removal owed; without an intent, nothing', () => {
    const intent = { path: '/politics/2026/11/21/zagolovok/', revision: 1, publishedAt: '2026-11-21T09:00:05.000Z' };
    const written = articleIn('scheduled', { publishIntent: intent });
    const cancelled = decideCommand(written, editor, { type: 'cancel-schedule', version: written.version }, ctx);
    expect(cancelled.article).toMatchObject({
      status: 'approved',
      pendingSiteWork: 'remove-page',
      publishIntent: intent,
    });
    const plain = articleIn('scheduled');
    const nothing = decideCommand(plain, editor, { type: 'cancel-schedule', version: plain.version }, ctx);
    expect(nothing.article.pendingSiteWork).toBeUndefined();
    expect(nothing.article.publishIntent).toBeUndefined();
  });
});
