import type { Article, ArticleEvent, Revision } from '../domain/article.js';
import type { Principal } from '../domain/principal.js';
import { assertCanCreate } from '../domain/workflow.js';
import type { AppDeps } from './deps.js';
import { draftContentOf, requireDesk } from './draft-content.js';

export interface CreateArticleInput {
  actor: Principal;
  desk: string;
  body: string;
  /** Fixed id for idempotent imports (content/ drafts); generated otherwise. */
  id?: string;
}

export const createArticle =
  (deps: Pick<AppDeps, 'articles' | 'clock' | 'ids' | 'desks' | 'loadParser'>) =>
  async ({ actor, desk, body, id }: CreateArticleInput): Promise<Article> => {
    requireDesk(deps.desks, desk);
    assertCanCreate(actor, desk);
    const { parsed: _parsed, ...content } = draftContentOf(await deps.loadParser(), body, deps.desks);
    const now = deps.clock.now();
    const at = now.toISOString();
    const author = { sub: actor.sub, name: actor.name };
    const article: Article = {
      id: id ?? deps.ids.next(),
      desk,
      status: 'draft',
      version: 1,
      revision: 1,
      ...content,
      author,
      corrections: [],
      createdAt: at,
      updatedAt: at,
    };
    const revision: Revision = {
      articleId: article.id,
      number: 1,
      body: content.body,
      contentHash: content.contentHash,
      title: content.title,
      author,
      createdAt: at,
    };
    const created: ArticleEvent = {
      id: deps.ids.next(),
      articleId: article.id,
      type: 'created',
      at,
      actor: author,
      to: 'draft',
      revision: 1,
    };
    await deps.articles.commit({ article, revision, events: [created], nowMs: now.getTime() });
    return article;
  };
