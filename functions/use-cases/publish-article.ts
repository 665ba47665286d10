import type { Article } from '../domain/article.js';
import { DomainError } from '../domain/errors.js';
import type { Principal } from '../domain/principal.js';
import { applyCommand } from './apply-command.js';
import type { AppDeps } from './deps.js';
import { performSiteWork } from './perform-site-work.js';
import { rebuildSiteIndexes } from './rebuild-site-indexes.js';

export interface PublishInput {
  actor: Principal;
  id: string;
  version: number;
  /** ISO time to publish at; absent = now. */
  at?: string;
  comment?: string;
}

/**
 * Publish now or at a time. Both go through `scheduled`: "now" is a schedule that is due at once, and the same
 * idempotent site work that the tick runs publishes it inline. If that fails, the article stays scheduled and
 * overdue, the failure is recorded for the desk, and the tick retries it every minute.
 */
export const publishArticle =
  (deps: AppDeps) =>
  async ({ actor, id, version, at, comment }: PublishInput): Promise<Article> => {
    const publishAt = at ?? deps.clock.now().toISOString();
    const decision = await applyCommand(deps)(id, actor, {
      type: 'schedule',
      version,
      publishAt,
      ...(comment ? { comment } : {}),
    });
    if (Date.parse(decision.article.publishAt ?? publishAt) > deps.clock.now().getTime()) return decision.article;
    await finishSiteWork(deps, id, actor);
    return (await deps.articles.get(id)) ?? decision.article;
  };

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
