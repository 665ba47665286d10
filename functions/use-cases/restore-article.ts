import type { Article } from '../domain/article.js';
import type { Principal } from '../domain/principal.js';
import { applyCommand } from './apply-command.js';
import type { AppDeps } from './deps.js';

/**
 * unpublished → draft (desk or chief editor): the story goes back to work. It keeps its path, so publishing it again
 * puts it back at its old URL; nothing public changes until then (the 410 notice stays).
 */
export const restoreArticle =
  (deps: Pick<AppDeps, 'articles' | 'clock' | 'ids'>) =>
  async (input: { actor: Principal; id: string; version: number; comment?: string }): Promise<Article> => {
    const decision = await applyCommand(deps)(input.id, input.actor, {
      type: 'restore',
      version: input.version,
      ...(input.comment ? { comment: input.comment } : {}),
    });
    return decision.article;
  };
