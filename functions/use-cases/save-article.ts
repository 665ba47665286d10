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
  /** Saved by the editor's autosave rather than by the user's "Save". */
  autosave?: boolean;
}

/** An autosave within this long of the same person's last autosave revision continues its burst (no new event). */
export const AUTOSAVE_BURST_MS = 10 * 60 * 1000;

/**
 * Saves a new revision of the text (reporters on drafts, the desk copy-editing submitted copy). Every save, autosave
 * included, is a revision conditioned on the version the client saw (stale → 409), so approval of an exact revision
 * and the conflict rules hold unchanged; an autosave burst records one `edited` event, not one per revision.
 */
export const saveArticle =
  (deps: Pick<AppDeps, 'articles' | 'clock' | 'ids' | 'desks' | 'loadParser' | 'media' | 'overview'>) =>
  async ({ actor, id, body, version, autosave }: SaveArticleInput): Promise<Article> => {
    const { parsed, ...content } = draftContentOf(await deps.loadParser(), body, deps.desks);
    await assertDraftMediaUsable(deps)({ actor, mediaIds: draftMediaIds(parsed), stage: 'save' });
    const burst = autosave ? { continuesBurst: await continuesBurst(deps, id, actor) } : undefined;
    const decision = await applyCommand(deps)(id, actor, {
      type: 'edit',
      version,
      content,
      ...(burst ? { autosave: burst } : {}),
    });
    return decision.article;
  };

/** Is the newest revision this person's autosave, made within the burst window? */
const continuesBurst = async (
  deps: Pick<AppDeps, 'clock' | 'overview'>,
  id: string,
  actor: Principal,
): Promise<boolean> => {
  const [latest] = await deps.overview.listRevisions(id, undefined, 1);
  if (!latest?.autosave || latest.author.sub !== actor.sub) return false;
  return deps.clock.now().getTime() - Date.parse(latest.createdAt) <= AUTOSAVE_BURST_MS;
};
