import type { Article } from '../domain/article.js';
import type { Principal } from '../domain/principal.js';
import { applyCommand } from './apply-command.js';
import type { AppDeps } from './deps.js';

export type SimpleAction = 'submit' | 'withdraw' | 'request-changes' | 'approve' | 'cancel-schedule';

export interface TransitionInput {
  actor: Principal;
  id: string;
  action: SimpleAction;
  version: number;
  comment?: string;
}

/** Workflow steps that touch only the article's state, not the public site. */
export const transitionArticle =
  (deps: Pick<AppDeps, 'articles' | 'clock' | 'ids'>) =>
  async ({ actor, id, action, version, comment }: TransitionInput): Promise<Article> => {
    const decision = await applyCommand(deps)(id, actor, { type: action, version, comment });
    return decision.article;
  };
