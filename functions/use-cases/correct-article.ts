import type { Article } from '../domain/article.js';
import type { Principal } from '../domain/principal.js';
import { datePartsOfPath } from '../domain/site-path.js';
import { decideThumbnail } from '../domain/render/media-urls.js';
import { assertCanView } from '../domain/workflow.js';
import { applyCommand } from './apply-command.js';
import type { AppDeps } from './deps.js';
import { draftContentOf } from './draft-content.js';
import { assertDraftMediaUsable, draftMediaIds } from './draft-media.js';
import { finishSiteWork } from './publish-article.js';

/**
 * Republishes a live story at the same URL with a dated correction notice. The corrected text goes live as it is,
 * so its photographs are checked as a publication's are: each one the corrector may use, processed, with alt text
 * (a correction naming someone's unshared upload must not put it on the public site).
 */
export const correctArticle =
  (deps: AppDeps) =>
  async (input: { actor: Principal; id: string; version: number; body: string; note?: string }): Promise<Article> => {
    const { parsed, ...content } = draftContentOf(await deps.loadParser(), input.body, deps.desks);
    // The workflow's own visibility rule first: a story the caller may not see is a 404, never a media error.
    assertCanView(await deps.articles.get(input.id), input.actor, input.id);
    const media = await assertDraftMediaUsable(deps)({
      actor: input.actor,
      mediaIds: draftMediaIds(parsed),
      stage: 'publish',
    });
    // The listings' small picture follows the corrected lead image, in the same commit as the index mark, so the
    // front and desk pages rebuilt for this correction show the new one (or none).
    const lead = parsed.leadImage === undefined ? undefined : media.get(parsed.leadImage);
    const thumbnail = lead ? decideThumbnail(lead) : undefined;
    const decision = await applyCommand(deps)(
      input.id,
      input.actor,
      { type: 'correct', version: input.version, content, ...(input.note !== undefined ? { note: input.note } : {}) },
      {
        dirtyIndexes: (a) => (a.path ? [{ desk: a.desk, month: datePartsOfPath(a.path).month }] : []),
        amend: ({ leadImage: _previous, ...a }) => (thumbnail ? { ...a, leadImage: thumbnail } : a),
      },
    );
    await finishSiteWork(deps, input.id, input.actor);
    return (await deps.articles.get(input.id)) ?? decision.article;
  };
