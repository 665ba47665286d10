import type { Article, Revision } from '../domain/article.js';
import type { Principal } from '../domain/principal.js';
import { assertCanView, decideCommand, type Command, type Decision } from '../domain/workflow.js';
import type { AppDeps } from './deps.js';

type Deps = Pick<AppDeps, 'articles' | 'clock' | 'ids'>;

/**
 * Load → decide → commit, for every command. The commit is conditional on the version the decision was made on, so
 * two editors approving at once cannot both win: the second gets stale_version.
 */
export const applyCommand =
  (deps: Deps) =>
  async (
    id: string,
    actor: Principal,
    command: Command,
    options: {
      dirtyIndexes?: (next: Article) => { desk: string; month: string }[];
      /** What the use case adds to the decided article before the commit (facts the pure decision cannot know). */
      amend?: (next: Article) => Article;
    } = {},
  ): Promise<Decision> => {
    const current = assertCanView(await deps.articles.get(id), actor, id);
    const now = deps.clock.now();
    const decided = decideCommand(current, actor, command, { now: now.toISOString(), eventId: deps.ids.next() });
    const decision = options.amend ? { ...decided, article: options.amend(decided.article) } : decided;
    const [firstEvent] = decision.events;
    // Nothing to record (an edit that changes nothing); a quiet autosave still records its revision.
    if (!firstEvent && decision.newRevision === undefined) return decision;
    if (command.type === 'comment') {
      if (firstEvent) await deps.articles.addEvent(firstEvent);
      return decision;
    }
    const revision: Revision | undefined = decision.newRevision
      ? {
          articleId: id,
          number: decision.newRevision,
          body: decision.article.body,
          contentHash: decision.article.contentHash,
          title: decision.article.title,
          author: { sub: actor.sub, name: actor.name },
          createdAt: now.toISOString(),
          ...(command.type === 'edit' && command.autosave ? { autosave: true } : {}),
          ...(command.type === 'edit' && command.restoredFrom !== undefined
            ? { restoredFrom: command.restoredFrom }
            : {}),
        }
      : undefined;
    await deps.articles.commit({
      article: decision.article,
      expectedVersion: current.version,
      ...(revision ? { revision } : {}),
      events: decision.events,
      ...(options.dirtyIndexes ? { dirtyIndexes: options.dirtyIndexes(decision.article) } : {}),
      nowMs: now.getTime(),
    });
    return decision;
  };
