import { canSeeMedia, assertDraftMedia, type DraftStage } from '../domain/media-policy.js';
import type { MediaRecord } from '../domain/media.js';
import type { Principal } from '../domain/principal.js';
import { assertCanView } from '../domain/workflow.js';
import type { ParsedDraft } from '../domain/render/types.js';
import type { AppDeps } from './deps.js';
import { draftContentOf } from './draft-content.js';

/** The media ids a draft names, lead image first. */
export const draftMediaIds = (parsed: Pick<ParsedDraft, 'mediaIds'>): string[] => [...(parsed.mediaIds ?? [])];

/**
 * A draft's images must exist, be visible to the caller and be processed; from submit on each needs alt text
 * (422 media_unknown / media_not_ready / media_missing_alt, details name the image). Returns their records.
 */
export const assertDraftMediaUsable =
  (deps: Pick<AppDeps, 'media'>) =>
  async ({
    actor,
    mediaIds,
    stage,
  }: {
    actor: Principal;
    mediaIds: readonly string[];
    stage: DraftStage;
  }): Promise<ReadonlyMap<string, MediaRecord>> => {
    if (mediaIds.length === 0) return new Map();
    const records = await deps.media.getMany(mediaIds);
    const visible = new Map(records.filter((m) => canSeeMedia(actor, m)).map((m) => [m.id, m]));
    assertDraftMedia(mediaIds, visible, stage);
    return visible;
  };

/**
 * Checks the stored article's images before a submit or publish, and returns their ids (the submit then shares them
 * with the desk).
 */
export const checkArticleMedia =
  (deps: Pick<AppDeps, 'media' | 'articles' | 'loadParser' | 'desks'>) =>
  async ({ actor, id, stage }: { actor: Principal; id: string; stage: DraftStage }): Promise<string[]> => {
    // The workflow's own visibility rule first: a story the caller may not see is a 404, never a media error.
    const article = assertCanView(await deps.articles.get(id), actor, id);
    const { parsed } = draftContentOf(await deps.loadParser(), article.body, deps.desks);
    const mediaIds = draftMediaIds(parsed);
    await assertDraftMediaUsable(deps)({ actor, mediaIds, stage });
    return mediaIds;
  };
