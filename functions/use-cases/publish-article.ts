import type { Article } from '../domain/article.js';
import { DomainError } from '../domain/errors.js';
import type { Principal } from '../domain/principal.js';
import { applyCommand } from './apply-command.js';
import type { AppDeps } from './deps.js';
import { performSiteWork } from './perform-site-work.js';
import { rebuildSiteIndexes } from './rebuild-site-indexes.js';
import { checkArticleMedia } from './draft-media.js';

export interface PublishInput {
  actor: Principal;
  id: string;
  version: number;
  /** ISO time to publish at; absent = now. */
  at?: string;
  comment?: string;
}

/**
 * Publish now or at a time. Both go through `scheduled`: "now" is a schedule that is due at once. The request only
 * commits the schedule and answers (the article stays `scheduled` until its page is live); the page and the site
 * indexes are written by the publishing job, the same one the tick runs, which a commit that makes work due
 * triggers without the request waiting (the table's stream in AWS, the local app locally). A failure there is
 * recorded on the article for the desk, and the tick retries it.
 */
export const publishArticle =
  (deps: AppDeps) =>
  async ({ actor, id, version, at, comment }: PublishInput): Promise<Article> => {
    await checkArticleMedia(deps)({ actor, id, stage: 'publish' });
    const publishAt = at ?? deps.clock.now().toISOString();
    const decision = await applyCommand(deps)(id, actor, {
      type: 'schedule',
      version,
      publishAt,
      ...(comment ? { comment } : {}),
    });
    return decision.article;
  };

/** A scheduled article whose time has come: the publishing job owes it its page (the API answers 202 for it). */
export const isPublishPending = (a: Article, now: Date): boolean =>
  a.status === 'scheduled' && a.publishAt !== undefined && Date.parse(a.publishAt) <= now.getTime();

/** Runs an article's site work inline and then the index rebuild; failures become a retryable 503. */
export const finishSiteWork = async (deps: AppDeps, id: string, actor: Principal): Promise<void> => {
  try {
    await performSiteWork(deps)(id, actor);
  } catch (error) {
    throw new DomainError(
      'publish_pending',
      'the page could not be written yet; the article stays queued and publishing is retried automatically every minute',
      { cause: error instanceof DomainError ? error.code : 'site_error' },
    );
  }
  try {
    await rebuildSiteIndexes(deps)();
  } catch (error) {
    // The page itself is live; the pending index work stays recorded and the next tick redoes it.
    deps.log.error('site index rebuild failed; the tick will retry', { articleId: id, error: String(error) });
  }
};
