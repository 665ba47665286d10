import type { Article, ArticleEvent, Revision } from '../domain/article.js';
import { DomainError } from '../domain/errors.js';
import type { Principal } from '../domain/principal.js';
import { assertCanView } from '../domain/workflow.js';
import type { AppDeps } from './deps.js';

type Deps = Pick<AppDeps, 'articles'>;

export const getArticle =
  (deps: Deps) =>
  async ({ actor, id }: { actor: Principal; id: string }): Promise<Article> =>
    assertCanView(await deps.articles.get(id), actor, id);

export const getHistory =
  (deps: Deps) =>
  async ({ actor, id }: { actor: Principal; id: string }): Promise<ArticleEvent[]> => {
    assertCanView(await deps.articles.get(id), actor, id);
    return deps.articles.listEvents(id);
  };

export const getRevision =
  (deps: Deps) =>
  async ({ actor, id, n }: { actor: Principal; id: string; n: number }): Promise<Revision> => {
    const article = assertCanView(await deps.articles.get(id), actor, id);
    const revision = n >= 1 && n <= article.revision ? await deps.articles.getRevision(id, n) : undefined;
    if (!revision)
      throw new DomainError('not_found', `article ${id} has no revision ${n} (latest is ${article.revision})`);
    return revision;
  };
