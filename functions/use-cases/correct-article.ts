import type { Article } from '../domain/article.js';
import type { Principal } from '../domain/principal.js';
import { datePartsOfPath } from '../domain/site-path.js';
import { applyCommand } from './apply-command.js';
import type { AppDeps } from './deps.js';
import { draftContentOf } from './draft-content.js';
import { finishSiteWork } from './publish-article.js';

/** Republishes a live story at the same URL with a dated correction notice. */
export const correctArticle =
  (deps: AppDeps) =>
  async (input: { actor: Principal; id: string; version: number; body: string; note?: string }): Promise<Article> => {
    const { parsed: _parsed, ...content } = draftContentOf(await deps.loadParser(), input.body, deps.desks);
    const decision = await applyCommand(deps)(
      input.id,
      input.actor,
      { type: 'correct', version: input.version, content, ...(input.note !== undefined ? { note: input.note } : {}) },
      { dirtyIndexes: (a) => (a.path ? [{ desk: a.desk, month: datePartsOfPath(a.path).month }] : []) },
    );
    await finishSiteWork(deps, input.id, input.actor);
    return (await deps.articles.get(input.id)) ?? decision.article;
  };
