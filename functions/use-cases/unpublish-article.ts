import type { Article, UnpublishKind } from '../domain/article.js';
import type { Principal } from '../domain/principal.js';
import { datePartsOfPath } from '../domain/site-path.js';
import { applyCommand } from './apply-command.js';
import type { AppDeps } from './deps.js';
import { finishSiteWork } from './publish-article.js';

export interface UnpublishInput {
  actor: Principal;
  id: string;
  version: number;
  reason?: string;
  /** `legal`: the 410 notice shows nothing of the story (architecture.md §2). */
  kind: UnpublishKind;
}

/** Takes a story down: its URL answers 410 with a notice, and it leaves every index, feed and sitemap. */
export const unpublishArticle =
  (deps: AppDeps) =>
  async (input: UnpublishInput): Promise<Article> => {
    const decision = await applyCommand(deps)(
      input.id,
      input.actor,
      {
        type: 'unpublish',
        version: input.version,
        kind: input.kind,
        ...(input.reason !== undefined ? { reason: input.reason } : {}),
      },
      { dirtyIndexes: (a) => (a.path ? [{ desk: a.desk, month: datePartsOfPath(a.path).month }] : []) },
    );
    await finishSiteWork(deps, input.id, input.actor);
    return (await deps.articles.get(input.id)) ?? decision.article;
  };
