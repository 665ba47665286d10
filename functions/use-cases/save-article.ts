import type { Article } from '../domain/article.js';
import type { Principal } from '../domain/principal.js';
import { applyCommand } from './apply-command.js';
import type { AppDeps } from './deps.js';
import { draftContentOf } from './draft-content.js';
import { assertDraftMediaUsable, draftMediaIds } from './draft-media.js';

export interface SaveArticleInput {
  actor: Principal;
  id: string;
  body: string;
  version: number;
}

/** Saves a new revision of the text (reporters on drafts, the desk copy-editing submitted copy). */
export const saveArticle =
  (deps: Pick<AppDeps, 'articles' | 'clock' | 'ids' | 'desks' | 'loadParser' | 'media'>) =>
  async ({ actor, id, body, version }: SaveArticleInput): Promise<Article> => {
    const { parsed, ...content } = draftContentOf(await deps.loadParser(), body, deps.desks);
    await assertDraftMediaUsable(deps)({ actor, mediaIds: draftMediaIds(parsed), stage: 'save' });
    const decision = await applyCommand(deps)(id, actor, { type: 'edit', version, content });
    return decision.article;
  };
