import type { Article } from '../domain/article.js';
import { DomainError } from '../domain/errors.js';
import type { Principal } from '../domain/principal.js';
import { decidePublished } from '../domain/workflow.js';
import { datePartsOfPath } from '../domain/site-path.js';
import type { PageRenderer } from '../ports/renderer.js';
import { siteObjectKey } from '../ports/site-store.js';
import type { AppDeps } from './deps.js';
import { requireDesk } from './draft-content.js';
import { htmlObject, invalidateSitePaths, renderArticleHtml } from './site-pages.js';

/** How long one article's site work may hold its lease before a retry may take over. */
export const ARTICLE_LEASE_MS = 120_000;
/** Attempts at finding a free URL when two stories share a title on one day (…/slug/, …/slug-2/, …). */
const MAX_PATH_ATTEMPTS = 20;

export const SCHEDULER: Principal = { sub: 'system:scheduler', name: 'Scheduled publishing', groups: [] };

export type SiteWorkOutcome = 'published' | 'rendered' | 'taken-down' | 'nothing-due' | 'busy';

/** Claims the article's URL: the date of publication in the desk's time zone and the slug, made unique if taken. */
const claimPath = async (deps: AppDeps, renderer: PageRenderer, a: Article, timeZone: string): Promise<string> => {
  if (a.path) return a.path; // a restored story goes back to its old URL
  // The URL date is that of the scheduled time, so a retry after a failure lands on the same URL.
  const base = renderer.buildArticlePath(a.desk, a.publishAt ?? deps.clock.now().toISOString(), timeZone, a.slug);
  for (let attempt = 1; attempt <= MAX_PATH_ATTEMPTS; attempt += 1) {
    const path = attempt === 1 ? base : base.replace(/\/$/, `-${attempt}/`);
    if (await deps.articles.reservePath(path, a.id, deps.clock.now().toISOString())) return path;
  }
  throw new DomainError('conflict', `no free URL for "${a.slug}" on that day after ${MAX_PATH_ATTEMPTS} attempts`);
};

/**
 * Does the public-site work an article is due: first publication of a scheduled article (page first, then the
 * state, so `published` means live), a corrected page, or the 410 notice. Holds a lease on the article so two
 * runners (the API and the tick) never do the same work at once; every step is idempotent, so a retry after a crash
 * finishes the job. Site indexes are rebuilt afterwards by `rebuildSiteIndexes`.
 */
export const performSiteWork =
  (deps: AppDeps) =>
  async (id: string, actor: Principal = SCHEDULER): Promise<SiteWorkOutcome> => {
    const owner = deps.ids.next();
    const startedAt = deps.clock.now();
    if (!(await deps.articles.acquireArticleLease(id, owner, startedAt.getTime(), ARTICLE_LEASE_MS))) return 'busy';
    let pageKey: string | undefined;
    let a: Article | undefined;
    try {
      a = await deps.articles.get(id);
      if (!a) throw new DomainError('not_found', `article ${id} does not exist`);
      const desk = requireDesk(deps.desks, a.desk);
      const renderer = await deps.loadRenderer();
      const nowIso = deps.clock.now().toISOString();

      if (a.status === 'scheduled' && a.publishAt && Date.parse(a.publishAt) <= deps.clock.now().getTime()) {
        const path = await claimPath(deps, renderer, a, desk.timeZone);
        const html = renderArticleHtml(renderer, deps, a, desk, { path, publishedAt: a.firstPublishedAt ?? nowIso });
        pageKey = siteObjectKey(path);
        await deps.site.put(htmlObject(path, html));
        await invalidateSitePaths(deps, [path]);
        const decision = decidePublished(
          a,
          { path, publishedAt: nowIso },
          { now: nowIso, eventId: deps.ids.next() },
          actor,
        );
        await deps.articles.commit({
          article: decision.article,
          expectedVersion: a.version,
          events: decision.events,
          dirtyIndexes: [{ desk: a.desk, month: datePartsOfPath(path).month }],
          leaseOwner: owner,
          nowMs: deps.clock.now().getTime(),
        });
        return 'published';
      }

      if (a.pendingSiteWork && a.path && a.firstPublishedAt) {
        const path = a.path;
        if (a.pendingSiteWork === 'render-page' && a.status === 'published') {
          await deps.site.put(
            htmlObject(path, renderArticleHtml(renderer, deps, a, desk, { path, publishedAt: a.firstPublishedAt })),
          );
        } else if (a.pendingSiteWork === 'render-gone' && a.status === 'unpublished') {
          const gone = renderer.renderGonePage({
            site: deps.siteConfig,
            lang: a.lang,
            title: a.title,
            ...(a.unpublishReason ? { reason: a.unpublishReason } : {}),
            ...(a.unpublishKind ? { kind: a.unpublishKind } : {}),
            path,
          });
          await deps.site.put(htmlObject(path, gone, 410));
        }
        await invalidateSitePaths(deps, [path]);
        await deps.articles.completeSiteWork(id, owner, a.version);
        return a.pendingSiteWork === 'render-gone' ? 'taken-down' : 'rendered';
      }

      await deps.articles.completeSiteWork(id, owner, -1);
      return 'nothing-due';
    } catch (error) {
      const message = error instanceof DomainError ? error.message : 'the site could not be updated';
      deps.log.error('site work failed', { articleId: id, error: String(error) });
      // A first publication that failed after its page was written must not leave the page live.
      if (pageKey && a?.status === 'scheduled') {
        await deps.site.delete(pageKey).catch(() => undefined);
        await invalidateSitePaths(deps, [`/${pageKey}`]).catch(() => undefined);
      }
      await deps.articles
        .recordSiteWorkFailure(id, owner, { at: deps.clock.now().toISOString(), message })
        .catch(() => undefined);
      throw error;
    }
  };
