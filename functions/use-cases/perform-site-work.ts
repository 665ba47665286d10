import type { Article, PublishIntent } from '../domain/article.js';
import { DomainError, isDomainError } from '../domain/errors.js';
import type { Principal } from '../domain/principal.js';
import { decidePublished } from '../domain/workflow.js';
import { datePartsOfPath } from '../domain/site-path.js';
import type { PageRenderer } from '../ports/renderer.js';
import { siteObjectKey } from '../ports/site-store.js';
import type { AppDeps } from './deps.js';
import { requireDesk } from './draft-content.js';
import { goneObject, htmlObject, invalidateSitePaths, renderArticleHtml } from './site-pages.js';
import {
  leadImageOf,
  mediaIdsOfArticle,
  pageImagesOf,
  publishArticleMedia,
  withdrawArticleMedia,
} from './site-media.js';

/**
 * How long one article's site work holds its lease without renewing it: well under the API function's 15 s timeout,
 * so a holder that died is overtaken by the next run (the tick every 15 s locally) within 30 s.
 */
export const ARTICLE_LEASE_MS = 10_000;
/** The heartbeat renews the lease this often while the work runs (three chances before it would lapse). */
export const LEASE_HEARTBEAT_MS = ARTICLE_LEASE_MS / 3;
/** Attempts at finding a free URL when two stories share a title on one day (…/slug/, …/slug-2/, …). */
const MAX_PATH_ATTEMPTS = 20;
/** Times one job starts over because an editor committed meanwhile, before it leaves the rest to the next run. */
const MAX_RESTARTS = 5;

export const SCHEDULER: Principal = { sub: 'system:scheduler', name: 'Scheduled publishing', groups: [] };

export type SiteWorkOutcome = 'published' | 'rendered' | 'taken-down' | 'removed' | 'nothing-due' | 'busy';

/** The job no longer holds its lease: someone else (or an editor's commit) has the article; touch nothing more. */
class LeaseLost extends Error {}

/** One step's result: done with an outcome, or the article moved under the job (start over from a fresh read). */
type Step = SiteWorkOutcome | 'moved' | 'continue';

interface HeldLease {
  /** Renews the lease before a write; throws LeaseLost when it is no longer this job's. */
  ensure(): Promise<void>;
  /** After the article moved: keeps or takes the lease again; false when another runner has it. */
  reacquire(): Promise<boolean>;
  stop(): void;
}

/** Holds the article lease with a heartbeat: renewed in the background and before every write, always conditionally. */
const holdLease = (deps: AppDeps, id: string, owner: string, heartbeatMs: number): HeldLease => {
  let lost = false;
  const renew = async (): Promise<boolean> => {
    const kept = await deps.articles.renewArticleLease(id, owner, deps.clock.now().getTime(), ARTICLE_LEASE_MS);
    if (!kept) lost = true;
    return kept;
  };
  const timer = setInterval(() => {
    if (!lost)
      renew().catch((error: unknown) => deps.log.error('lease heartbeat failed', { id, error: String(error) }));
  }, heartbeatMs);
  timer.unref();
  return {
    async ensure() {
      if (lost || !(await renew())) throw new LeaseLost(`lease on article ${id} lost`);
    },
    async reacquire() {
      const nowMs = deps.clock.now().getTime();
      const held =
        (!lost && (await deps.articles.renewArticleLease(id, owner, nowMs, ARTICLE_LEASE_MS))) ||
        (await deps.articles.acquireArticleLease(id, owner, nowMs, ARTICLE_LEASE_MS));
      lost = !held;
      return held;
    },
    stop: () => clearInterval(timer),
  };
};

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

/** A commit refused because the article moved (version or lease): the job starts over rather than failing. */
const movedOn = (error: unknown): boolean =>
  isDomainError(error) && (error.code === 'stale_version' || error.code === 'conflict');

const isDue = (deps: AppDeps, a: Article): boolean =>
  a.status === 'scheduled' && a.publishAt !== undefined && Date.parse(a.publishAt) <= deps.clock.now().getTime();

/** An intent whose page must come down: the schedule it was written for was cancelled. */
const orphanIntent = (a: Article): PublishIntent | undefined =>
  a.publishIntent && a.status !== 'published' && (a.status !== 'scheduled' || a.pendingSiteWork === 'remove-page')
    ? a.publishIntent
    : undefined;

/**
 * Does the public-site work an article is due, as steps that are each idempotent so that a crash after any of them
 * is finished by the next run:
 * - first publication: commit the intent (claimed path, revision, time) → write the page → commit `published`
 *   (conditional on the version read and the lease), so `published` means live and a resumed run sees the intent;
 * - a cancelled schedule whose intent was committed: delete that page (the cancel committed first);
 * - a corrected page, or the 410 notice.
 * The lease is short and renewed by a heartbeat; every write is made only while it is still this job's. An editor's
 * commit ends the lease and bumps the version: the job's conditional write is refused and it starts over.
 * Site indexes are rebuilt afterwards by `rebuildSiteIndexes`.
 */
export const performSiteWork =
  (deps: AppDeps, options: { heartbeatMs?: number } = {}) =>
  async (id: string, actor: Principal = SCHEDULER): Promise<SiteWorkOutcome> => {
    const owner = deps.ids.next();
    if (!(await deps.articles.acquireArticleLease(id, owner, deps.clock.now().getTime(), ARTICLE_LEASE_MS))) {
      return 'busy';
    }
    const lease = holdLease(deps, id, owner, options.heartbeatMs ?? LEASE_HEARTBEAT_MS);
    /** The path of a first page this job wrote (the only page its failure path may take down). */
    let wrotePage: string | undefined;
    /** Whether this job took down a page of a story that is not published (a cancelled schedule's). */
    let removed = false;

    const publish = async (a: Article, renderer: PageRenderer, timeZone: string): Promise<Step> => {
      let intent = a.publishIntent;
      if (!intent || intent.revision !== a.revision) {
        const path = intent?.path ?? (await claimPath(deps, renderer, a, timeZone));
        intent = { path, revision: a.revision, publishedAt: a.firstPublishedAt ?? deps.clock.now().toISOString() };
        await lease.ensure();
        if (!(await deps.articles.recordPublishIntent(id, owner, a.version, intent))) return 'moved';
      }
      const desk = requireDesk(deps.desks, a.desk);
      const mediaIds = mediaIdsOfArticle(renderer, deps, a);
      const images = await pageImagesOf(deps)(mediaIds);
      const html = renderArticleHtml(
        renderer,
        deps,
        a,
        desk,
        { path: intent.path, publishedAt: intent.publishedAt },
        images,
      );
      await lease.ensure();
      await publishArticleMedia(deps)(a, mediaIds); // photographs first, then the page
      wrotePage = intent.path;
      await deps.site.put(htmlObject(intent.path, html));
      await invalidateSitePaths(deps, [intent.path]);
      const nowIso = deps.clock.now().toISOString();
      const decision = decidePublished(
        a,
        { path: intent.path, publishedAt: intent.publishedAt },
        { now: nowIso, eventId: deps.ids.next() },
        actor,
      );
      // The listings' small lead picture travels with the published article (front and desk pages show it).
      const lead = leadImageOf(renderer, deps, a);
      const leadPicture = lead ? images.get(lead) : undefined;
      const thumbnail = leadPicture ? renderer.decideThumbnail(leadPicture) : undefined;
      const { leadImage: _previous, ...published } = decision.article;
      try {
        await deps.articles.commit({
          article: thumbnail ? { ...published, leadImage: thumbnail } : published,
          expectedVersion: a.version,
          events: decision.events,
          dirtyIndexes: [{ desk: a.desk, month: datePartsOfPath(intent.path).month }],
          leaseOwner: owner,
          nowMs: deps.clock.now().getTime(),
        });
      } catch (error) {
        if (movedOn(error)) return 'moved';
        throw error;
      }
      return 'published';
    };

    const removeOrphan = async (a: Article, intent: PublishIntent): Promise<Step> => {
      await lease.ensure();
      await deps.site.delete(siteObjectKey(intent.path));
      await invalidateSitePaths(deps, [intent.path]);
      await withdrawArticleMedia(deps)(a);
      return (await deps.articles.completeSiteWork(owner, a)) ? 'continue' : 'moved';
    };

    const rerender = async (a: Article, renderer: PageRenderer, path: string, firstPublishedAt: string) => {
      const desk = requireDesk(deps.desks, a.desk);
      if (a.pendingSiteWork === 'render-page' && a.status === 'published') {
        const mediaIds = mediaIdsOfArticle(renderer, deps, a);
        const images = await pageImagesOf(deps)(mediaIds);
        const html = renderArticleHtml(renderer, deps, a, desk, { path, publishedAt: firstPublishedAt }, images);
        await lease.ensure();
        await publishArticleMedia(deps)(a, mediaIds);
        await deps.site.put(htmlObject(path, html));
      } else if (a.pendingSiteWork === 'render-gone' && a.status === 'unpublished') {
        const gone = goneObject(renderer, deps, a, path);
        await lease.ensure();
        await deps.site.put(gone);
        await withdrawArticleMedia(deps)(a);
      }
      await invalidateSitePaths(deps, [path]);
      if (!(await deps.articles.completeSiteWork(owner, a))) return 'moved';
      return a.pendingSiteWork === 'render-gone' ? 'taken-down' : 'rendered';
    };

    const step = async (a: Article): Promise<Step> => {
      const renderer = await deps.loadRenderer();
      if (wrotePage && a.status !== 'published' && a.publishIntent?.path !== wrotePage) {
        // Started over after the schedule was cancelled (and its intent cleaned up) while this job's page write was
        // in flight: the page is this job's own, under its lease again, for a story that is not published.
        await lease.ensure();
        await deps.site.delete(siteObjectKey(wrotePage));
        await invalidateSitePaths(deps, [wrotePage]);
        await withdrawArticleMedia(deps)(a);
        wrotePage = undefined;
        removed = true;
      }
      const orphan = orphanIntent(a);
      if (orphan) return removeOrphan(a, orphan);
      if (isDue(deps, a)) return publish(a, renderer, requireDesk(deps.desks, a.desk).timeZone);
      if (a.pendingSiteWork && a.path && a.firstPublishedAt) return rerender(a, renderer, a.path, a.firstPublishedAt);
      // A marker left with nothing to do (its state moved on) must not keep the article in the due index for ever.
      if (a.pendingSiteWork) return (await deps.articles.completeSiteWork(owner, a)) ? 'nothing-due' : 'moved';
      await deps.articles.releaseArticleLease(id, owner);
      return 'nothing-due';
    };

    try {
      for (let restarts = 0; restarts <= MAX_RESTARTS;) {
        const a = await deps.articles.get(id);
        if (!a) throw new DomainError('not_found', `article ${id} does not exist`);
        const outcome = await step(a);
        if (outcome === 'continue') {
          // The removal ended the lease with its write; anything left (a new schedule) needs it again.
          removed = true;
          if (!(await lease.reacquire())) return 'removed';
          continue;
        }
        if (outcome !== 'moved') return removed && outcome === 'nothing-due' ? 'removed' : outcome;
        restarts += 1;
        // Someone committed meanwhile (an editor's commit ends the lease): take it again and start over.
        if (!(await lease.reacquire())) return 'busy';
      }
      throw new DomainError('conflict', `article ${id} kept changing during its site work; the next run retries it`);
    } catch (error) {
      if (error instanceof LeaseLost) {
        deps.log.info('site work stopped: the lease is no longer this job', { articleId: id });
        return 'busy';
      }
      const message = isDomainError(error) ? error.message : 'the site could not be updated';
      deps.log.error('site work failed', { articleId: id, error: String(error) });
      await takeDownUnpublishedPage(deps, id, wrotePage, lease).catch((cleanup: unknown) =>
        deps.log.error('could not take down the page of a failed publication', { id, error: String(cleanup) }),
      );
      await deps.articles
        .recordSiteWorkFailure(id, owner, { at: deps.clock.now().toISOString(), message })
        .catch(() => undefined);
      throw error;
    } finally {
      lease.stop();
    }
  };

/**
 * A first publication that failed after its page was written must not leave the page live. Deletes only while the
 * lease is still this job's, only the path its intent recorded, and never once the article is published.
 */
const takeDownUnpublishedPage = async (
  deps: AppDeps,
  id: string,
  path: string | undefined,
  lease: HeldLease,
): Promise<void> => {
  if (!path) return;
  const a = await deps.articles.get(id);
  if (!a || a.status === 'published' || a.publishIntent?.path !== path) return;
  await lease.ensure();
  await deps.site.delete(siteObjectKey(path));
  await invalidateSitePaths(deps, [path]);
  await withdrawArticleMedia(deps)(a);
};
