import type { Article } from '../domain/article.js';
import { articlePageInputOf } from '../domain/article-page.js';
import { isDomainError } from '../domain/errors.js';
import { datePartsOfPath } from '../domain/site-path.js';
import type { PageRenderPool } from '../ports/page-render-pool.js';
import type { AppDeps } from './deps.js';
import { draftContentOf, requireDesk } from './draft-content.js';
import { ARTICLE_LEASE_MS } from './perform-site-work.js';
import { draftMediaIds } from './draft-media.js';
import { pageImagesOf } from './site-media.js';
import { goneObject, htmlObject, storyPageFactsOf } from './site-pages.js';

const PAGE_SIZE = 100;

/** Every published article, desk by desk, a page of the desk's published list at a time. */
export const listPublishedArticles = (deps: Pick<AppDeps, 'articles' | 'desks'>) =>
  async function* (): AsyncGenerator<Article> {
    for (const desk of deps.desks.keys()) {
      let cursor: string | undefined;
      do {
        const page = await deps.articles.list(
          { kind: 'desk', desk, status: 'published' },
          { limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) },
        );
        for (const article of page.items) yield article;
        cursor = page.nextCursor;
      } while (cursor);
    }
  };

export type RerenderOutcome = 'rendered' | 'busy' | 'not-published' | 'taken-down';

/**
 * Renders one published page again and replaces it in place (an overwrite: the old page answers until the new one is
 * there, never a 404 in between). Holds the article's site-work lease meanwhile and reads the article under it, so a
 * correction or take-down the publishing job is writing is never overwritten with an older text; a page whose lease
 * is held is left to that job ('busy'), which renders it with the new templates anyway. A story taken down since it
 * was listed gets its 410 notice again (the batch re-render may have written its old page over it).
 */
export const rerenderArticle =
  (deps: AppDeps, pool: Pick<PageRenderPool, 'renderArticlePage'>) =>
  async (id: string): Promise<{ outcome: RerenderOutcome; path?: string }> => {
    const owner = deps.ids.next();
    const leasedAt = deps.clock.now().getTime();
    if (!(await deps.articles.acquireArticleLease(id, owner, leasedAt, ARTICLE_LEASE_MS))) {
      return { outcome: 'busy' };
    }
    try {
      const article = await deps.articles.get(id);
      if (article?.status === 'unpublished' && article.path && !article.pendingSiteWork) {
        await deps.site.put(goneObject(await deps.loadRenderer(), deps, article, article.path));
        return { outcome: 'taken-down', path: article.path };
      }
      if (article?.status !== 'published' || !article.path || !article.firstPublishedAt || article.pendingSiteWork) {
        return { outcome: 'not-published' };
      }
      const renderer = await deps.loadRenderer();
      const facts = { path: article.path, publishedAt: article.firstPublishedAt };
      const { parsed } = draftContentOf(renderer, article.body, deps.desks);
      const images = await pageImagesOf(deps)(draftMediaIds(parsed));
      const html = await pool.renderArticlePage(
        articlePageInputOf(
          parsed,
          storyPageFactsOf(article, requireDesk(deps.desks, article.desk), facts),
          deps.siteConfig,
          renderer.buildSlug,
          { images },
        ),
      );
      // Renewed before the write only when a slow render ate into it (a round trip per page saved otherwise).
      const nowMs = deps.clock.now().getTime();
      if (
        nowMs - leasedAt > ARTICLE_LEASE_MS / 2 &&
        !(await deps.articles.renewArticleLease(id, owner, nowMs, ARTICLE_LEASE_MS))
      ) {
        return { outcome: 'busy' };
      }
      await deps.site.put(htmlObject(article.path, html));
      return { outcome: 'rendered', path: article.path };
    } finally {
      await deps.articles.releaseArticleLease(id, owner);
    }
  };

/** Stories rendered, written and re-read together: the re-read is one BatchGet (at most 100 keys). */
const BATCH = 50;
/** How long a page that moved under the re-render waits for the publishing job's lease: past its expiry. */
const SETTLE_WAIT_MS = 250;
const SETTLE_ATTEMPTS = Math.ceil((ARTICLE_LEASE_MS * 1.5) / SETTLE_WAIT_MS);

/** At most `n` calls of the returned function run at once (a few lines; no limiter library is a dependency). */
const limitTo = (n: number) => {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async <T>(work: () => Promise<T>): Promise<T> => {
    if (running >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    else running += 1;
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    }
  };
};

export interface RerenderPagesOptions {
  /** Batches in flight at once (each rendering on a thread, writing, or being re-read). */
  batchesInFlight: number;
  /** Page writes in flight at once, across batches. */
  writesInFlight: number;
  /** After each listed story is done, whatever its outcome. */
  onStory?: () => void;
  onFailure?: (failure: { id: string; path: string; reason: string }) => void;
}

export interface RerenderPagesOutcome {
  counts: Record<RerenderOutcome, number> & { failed: number };
  /** Stories that moved while they were re-rendered (or were busy when listed), settled through the leased path. */
  settled: number;
  /** The published stories listed (for the index re-render). */
  published: Array<{ id: string; desk: string; path: string; publishedAt: string }>;
}

const reasonOf = (error: unknown): string =>
  isDomainError(error) ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : String(error);

/**
 * Every published page rendered again and replaced in place, without a lease per page: the published list
 * (`listPublishedArticles`) already holds the articles, so each batch of them is parsed and rendered on a render thread, its photographs looked up
 * once, its pages written (overwrites: each keeps answering 200). Optimistic, then checked: after its writes the batch
 * is read again (one BatchGet), and any story whose version moved meanwhile, or that has site work pending, is
 * rendered again through `rerenderArticle` under its lease, from what it is now; a story whose lease the publishing
 * job holds is waited for. Every page the publishing job writes follows a commit that moves the version, so a
 * correction or take-down committed while the batch rendered ends with its own page live, never the older text.
 */
export const rerenderPublishedPages =
  (deps: AppDeps, pool: PageRenderPool, options: RerenderPagesOptions) =>
  async (articles: AsyncIterable<Article> | Iterable<Article>): Promise<RerenderPagesOutcome> => {
    const counts = { rendered: 0, busy: 0, 'not-published': 0, 'taken-down': 0, failed: 0 };
    const published: RerenderPagesOutcome['published'] = [];
    let settled = 0;
    const leased = rerenderArticle(deps, pool);
    const write = limitTo(options.writesInFlight);
    const inFlight = limitTo(options.batchesInFlight);
    const site = deps.siteConfig;
    const deskNames = [...deps.desks.values()].map((d) => d.name);
    const fail = (a: Pick<Article, 'id' | 'path'>, reason: string): void => {
      counts.failed += 1;
      options.onFailure?.({ id: a.id, path: a.path ?? '', reason });
    };

    /** Through the lease, from what the story is now; waits while the publishing job holds it, when asked to. */
    const settle = async (a: Article, wait: boolean): Promise<void> => {
      settled += 1;
      try {
        for (let attempt = 0; ; attempt += 1) {
          const { outcome } = await leased(a.id);
          if (outcome !== 'busy' || !wait || attempt >= SETTLE_ATTEMPTS) {
            counts[outcome] += 1;
            return;
          }
          await new Promise((resolve) => setTimeout(resolve, SETTLE_WAIT_MS));
        }
      } catch (error) {
        fail(a, reasonOf(error));
      }
    };

    const runBatch = async (listed: Article[]): Promise<void> => {
      const ready = listed.filter((a) => !a.pendingSiteWork && deps.desks.has(a.desk));
      const results = await pool
        .renderStoryPages(
          {
            site,
            deskNames,
            stories: ready.map((a) => ({
              body: a.body,
              facts: storyPageFactsOf(a, requireDesk(deps.desks, a.desk), {
                path: a.path ?? '',
                publishedAt: a.firstPublishedAt ?? '',
              }),
            })),
          },
          pageImagesOf(deps),
        )
        .catch((error: unknown) => ready.map(() => ({ error: reasonOf(error) })));
      const written: Article[] = [];
      await Promise.all(
        ready.map(async (a, i) => {
          const result = results[i] ?? { error: 'the render thread answered no page' };
          if ('error' in result) {
            fail(a, result.error);
            return;
          }
          try {
            await write(() => deps.site.put(htmlObject(a.path ?? '', result.html)));
            written.push(a);
          } catch (error) {
            fail(a, reasonOf(error));
          }
        }),
      );
      // Read again only after the writes landed: a commit seen here may have had its page overwritten by ours.
      const now =
        written.length > 0 ? await deps.articles.getMany(written.map((a) => a.id)) : new Map<string, Article>();
      const moved = written.filter((a) => {
        const fresh = now.get(a.id);
        return !fresh || fresh.version !== a.version || fresh.pendingSiteWork !== undefined;
      });
      for (const a of written) if (!moved.includes(a)) counts.rendered += 1;
      await Promise.all([
        ...moved.map((a) => settle(a, true)),
        // Listed with site work pending, or on a desk no longer configured: the leased path says what to do.
        ...listed.filter((a) => !ready.includes(a)).map((a) => settle(a, false)),
      ]);
      for (let i = 0; i < listed.length; i += 1) options.onStory?.();
    };

    const running: Array<Promise<void>> = [];
    let batch: Article[] = [];
    const dispatch = async (): Promise<void> => {
      const listed = batch;
      batch = [];
      // Waits for a free slot here, so listing never runs far ahead of rendering.
      let started!: () => void;
      const slot = new Promise<void>((resolve) => (started = resolve));
      running.push(inFlight(() => (started(), runBatch(listed))));
      await slot;
    };
    for await (const a of articles) {
      if (!a.path || !a.firstPublishedAt) continue;
      published.push({ id: a.id, desk: a.desk, path: a.path, publishedAt: a.firstPublishedAt });
      batch.push(a);
      if (batch.length === BATCH) await dispatch();
    }
    if (batch.length > 0) await dispatch();
    await Promise.all(running);
    return { counts, settled, published };
  };

/**
 * Marks every published story for the index rebuild, oldest first publication first, so that `drainSiteIndexes`
 * renders every index document again through the rebuild every publication uses: each story's day-archive chunk and
 * sitemap shard, its month, desk and front pages. One mark per story (not per desk-month) because the day archive
 * places a story by its own mark: stories published before the day archive existed get their place this way too
 * (the upgrade's backfill). Rounds stay bounded (the rebuild takes a fixed number of marks per round).
 */
export const markEveryIndex =
  (deps: Pick<AppDeps, 'siteIndexLock' | 'ids' | 'clock'>) =>
  async (
    published: ReadonlyArray<{ id: string; desk: string; path: string; publishedAt: string }>,
  ): Promise<number> => {
    const marks = [...published]
      .sort((a, b) => a.publishedAt.localeCompare(b.publishedAt))
      .map((a) => ({ desk: a.desk, month: datePartsOfPath(a.path).month, articleId: a.id, id: deps.ids.next() }));
    for (let i = 0; i < marks.length; i += 25) {
      await deps.siteIndexLock.addMarks(marks.slice(i, i + 25), deps.clock.now().getTime());
    }
    return marks.length;
  };
