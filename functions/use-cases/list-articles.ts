import type { Article, ArticleStatus } from '../domain/article.js';
import { DomainError } from '../domain/errors.js';
import { isEditorOf, type Principal } from '../domain/principal.js';
import type { Page } from '../ports/article-store.js';
import type { AppDeps } from './deps.js';
import { requireDesk } from './draft-content.js';

export interface ListArticlesInput {
  actor: Principal;
  desk?: string;
  status?: ArticleStatus;
  mine?: boolean;
  cursor?: string;
  limit: number;
}

/** A desk's queue (editors of that desk; drafts are never listed) or the caller's own articles. */
export const listArticles =
  (deps: Pick<AppDeps, 'articles' | 'desks'>) =>
  async ({ actor, desk, status, mine, cursor, limit }: ListArticlesInput): Promise<Page<Article>> => {
    if (mine || !desk) {
      const page = await deps.articles.list(
        { kind: 'author', sub: actor.sub, ...(status ? { status } : {}) },
        { limit, ...(cursor ? { cursor } : {}) },
      );
      return desk ? { ...page, items: page.items.filter((a) => a.desk === desk) } : page;
    }
    requireDesk(deps.desks, desk);
    if (!isEditorOf(actor, desk)) {
      throw new DomainError(
        'forbidden',
        `only editors of the ${desk} desk can list its queue; use mine=true for your own`,
      );
    }
    if (status === 'draft') {
      throw new DomainError('invalid_input', "drafts belong to their reporters and are not in the desk's queue");
    }
    return deps.articles.list(
      { kind: 'desk', desk, status: status ?? 'submitted' },
      { limit, ...(cursor ? { cursor } : {}) },
    );
  };
