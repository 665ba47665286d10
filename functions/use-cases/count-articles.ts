import type { ArticleStatus } from '../domain/article.js';
import { DomainError } from '../domain/errors.js';
import { isEditorOf, type Principal } from '../domain/principal.js';
import type { StatusCounts } from '../ports/article-overview.js';
import type { AppDeps } from './deps.js';
import { requireDesk } from './draft-content.js';

/** Index items read per status (desk) or in all (a reporter's own): past it, a count reads "at least". */
export const COUNT_READ_BOUND = 1_000;

/**
 * The desk's work in progress. Drafts belong to their reporters; published and unpublished stories are the archive,
 * which grows for ever: counting it would read every story the desk ever ran on each look at the queue (the
 * "published" tab lists the most recent, not a total), so it is not counted.
 */
export const DESK_COUNT_STATUSES: readonly ArticleStatus[] = [
  'submitted',
  'changes_requested',
  'approved',
  'scheduled',
];

/** Stories per status: a desk's (its editors only) or the caller's own. */
export const countArticles =
  (deps: Pick<AppDeps, 'overview' | 'desks'>) =>
  async ({ actor, desk, mine }: { actor: Principal; desk?: string; mine: boolean }): Promise<StatusCounts> => {
    if (mine || !desk) return deps.overview.countByStatus({ kind: 'author', sub: actor.sub }, COUNT_READ_BOUND);
    requireDesk(deps.desks, desk);
    if (!isEditorOf(actor, desk)) {
      throw new DomainError('forbidden', `only editors of the ${desk} desk can count its queue; use mine=true`);
    }
    return deps.overview.countByStatus({ kind: 'desk', desk, statuses: DESK_COUNT_STATUSES }, COUNT_READ_BOUND);
  };
