import type { Article } from '../domain/article.js';
import type { ArticlePageInput, PageImage } from '../domain/render/types.js';
import { datePartsOfPath } from '../domain/site-path.js';
import type { PageRenderPool } from '../ports/page-render-pool.js';
import type { PageRenderer } from '../ports/renderer.js';
import type { AppDeps } from './deps.js';
import { requireDesk } from './draft-content.js';
import { ARTICLE_LEASE_MS } from './perform-site-work.js';
import { mediaIdsOfArticle, pageImagesOf } from './site-media.js';
import { htmlObject, renderArticleHtml } from './site-pages.js';

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

/**
 * The input `renderArticleHtml` hands the renderer, taken instead of rendered: the page is built exactly as the
 * publishing job builds it (one code path for what a page contains), and rendered on another core by the pool.
 */
const pageInputOf = (
  renderer: PageRenderer,
  deps: Pick<AppDeps, 'desks' | 'siteConfig'>,
  article: Article,
  facts: { path: string; publishedAt: string },
  images: ReadonlyMap<string, PageImage>,
): ArticlePageInput => {
  let captured: ArticlePageInput | undefined;
  const capture = (input: ArticlePageInput): string => {
    captured = input;
    return '';
  };
  renderArticleHtml(
    { ...renderer, renderArticlePage: capture },
    deps,
    article,
    requireDesk(deps.desks, article.desk),
    facts,
    images,
  );
  if (!captured) throw new Error('renderArticleHtml rendered no page');
  return captured;
};

export type RerenderOutcome = 'rendered' | 'busy' | 'not-published';

/**
 * Renders one published page again and replaces it in place (an overwrite: the old page answers until the new one is
 * there, never a 404 in between). Holds the article's site-work lease meanwhile and reads the article under it, so a
 * correction or take-down the publishing job is writing is never overwritten with an older text; a page whose lease
 * is held is left to that job ('busy'), which renders it with the new templates anyway.
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
      if (article?.status !== 'published' || !article.path || !article.firstPublishedAt || article.pendingSiteWork) {
        return { outcome: 'not-published' };
      }
      const renderer = await deps.loadRenderer();
      const facts = { path: article.path, publishedAt: article.firstPublishedAt };
      const images = await pageImagesOf(deps)(mediaIdsOfArticle(renderer, deps, article));
      const html = await pool.renderArticlePage(pageInputOf(renderer, deps, article, facts, images));
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
