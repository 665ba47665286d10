import { canSeeMedia, assertDraftMedia, type DraftStage } from '../domain/media-policy.js';
import type { Principal } from '../domain/principal.js';
import { assertCanView } from '../domain/workflow.js';
import type { ParsedDraft } from '../domain/render/types.js';
import type { AppDeps } from './deps.js';
import { draftContentOf } from './draft-content.js';

/**
 * Stand-in until the parser fills `ParsedDraft.mediaIds` (the media-page branch): front matter `image: <id>` first,
 * then each `](media:<id>)`, no repeats. Once the parser sets mediaIds this is never reached.
 */
const mediaIdsInText = (body: string): string[] => {
  const lead = /^image:\s*["']?([0-9A-Za-z]{10,40})["']?\s*$/m.exec(body.split(/\n---\s*\n/)[0] ?? '')?.[1];
  const inline = [...body.matchAll(/\]\(media:([0-9A-Za-z]{10,40})\)/g)].map((m) => m[1] ?? '');
  return [...new Set([...(lead ? [lead] : []), ...inline])].filter((id) => id !== '');
};

/** The media ids a draft names, lead image first. */
export const draftMediaIds = (parsed: Pick<ParsedDraft, 'mediaIds'>, body: string): string[] =>
  parsed.mediaIds ?? mediaIdsInText(body);

/**
 * A draft's images must exist, be visible to the caller and be processed; from submit on each needs alt text
 * (422 media_unknown / media_not_ready / media_missing_alt, details name the image).
 */
export const assertDraftMediaUsable =
  (deps: Pick<AppDeps, 'media'>) =>
  async ({ actor, mediaIds, stage }: { actor: Principal; mediaIds: readonly string[]; stage: DraftStage }) => {
    if (mediaIds.length === 0) return;
    const records = await deps.media.getMany(mediaIds);
    const visible = new Map(records.filter((m) => canSeeMedia(actor, m)).map((m) => [m.id, m]));
    assertDraftMedia(mediaIds, visible, stage);
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
    const mediaIds = draftMediaIds(parsed, article.body);
    await assertDraftMediaUsable(deps)({ actor, mediaIds, stage });
    return mediaIds;
  };
