import type { Article } from '../domain/article.js';
import { DomainError } from '../domain/errors.js';
import type { Principal } from '../domain/principal.js';
import { assertCanView } from '../domain/workflow.js';
import type { RevisionSummary } from '../ports/article-overview.js';
import { applyCommand } from './apply-command.js';
import type { AppDeps } from './deps.js';
import { draftContentOf } from './draft-content.js';

export const REVISION_PAGE_SIZE = 25;

/** An article's revisions without their text, newest first, a page at a time (`before`: older than that number). */
export const listRevisions =
  (deps: Pick<AppDeps, 'articles' | 'overview'>) =>
  async ({
    actor,
    id,
    before,
  }: {
    actor: Principal;
    id: string;
    before?: number;
  }): Promise<{ items: RevisionSummary[]; nextBefore?: number }> => {
    assertCanView(await deps.articles.get(id), actor, id);
    const items = await deps.overview.listRevisions(id, before, REVISION_PAGE_SIZE);
    const oldest = items.at(-1);
    return oldest && oldest.number > 1 && items.length === REVISION_PAGE_SIZE
      ? { items, nextBefore: oldest.number }
      : { items };
  };

/**
 * Restores an earlier revision's text as a new revision: an edit like any other (the same permissions, states and
 * version check, so a stale restore is a 409 and an approved story goes back to the desk), recorded as an `edited`
 * event with `restoredFrom`. Restoring the text the story already has changes nothing.
 */
export const restoreRevision =
  (deps: Pick<AppDeps, 'articles' | 'clock' | 'ids' | 'desks' | 'loadParser'>) =>
  async ({ actor, id, n, version }: { actor: Principal; id: string; n: number; version: number }): Promise<Article> => {
    const article = assertCanView(await deps.articles.get(id), actor, id);
    const revision = n >= 1 && n <= article.revision ? await deps.articles.getRevision(id, n) : undefined;
    if (!revision) {
      throw new DomainError('not_found', `article ${id} has no revision ${n} (latest is ${article.revision})`);
    }
    const { parsed: _parsed, ...content } = draftContentOf(await deps.loadParser(), revision.body, deps.desks);
    const decision = await applyCommand(deps)(id, actor, { type: 'edit', version, content, restoredFrom: n });
    return decision.article;
  };
