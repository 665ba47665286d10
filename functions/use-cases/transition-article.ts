import type { Article } from '../domain/article.js';
import type { Principal } from '../domain/principal.js';
import { applyCommand } from './apply-command.js';
import type { AppDeps } from './deps.js';
import { finishSiteWork } from './publish-article.js';
import { checkArticleMedia } from './draft-media.js';

export type SimpleAction = 'submit' | 'withdraw' | 'request-changes' | 'approve' | 'cancel-schedule';

export interface TransitionInput {
  actor: Principal;
  id: string;
  action: SimpleAction;
  version: number;
  comment?: string;
}

/**
 * Workflow steps that touch only the article's state; except a cancelled schedule whose page the publishing job had
 * already written: the cancel commits first, then the site work takes that page down (as a take-down does).
 */
export const transitionArticle =
  (deps: AppDeps) =>
  async ({ actor, id, action, version, comment }: TransitionInput): Promise<Article> => {
    const mediaIds = action === 'submit' ? await checkArticleMedia(deps)({ actor, id, stage: 'submit' }) : [];
    const decision = await applyCommand(deps)(id, actor, { type: action, version, comment });
    // Submitted: the desk's editors may now see the story's images (domain/media-policy.ts canSeeMedia).
    if (mediaIds.length > 0) await deps.media.shareWithDesk(mediaIds, decision.article.desk);
    if (decision.article.pendingSiteWork !== 'remove-page') return decision.article;
    await finishSiteWork(deps, id, actor);
    return (await deps.articles.get(id)) ?? decision.article;
  };
