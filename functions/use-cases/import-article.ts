import type { Article, ArticleEvent, Revision } from '../domain/article.js';
import { DomainError } from '../domain/errors.js';
import { composeImportedDraft, importedArticleId, type ImportItem } from '../domain/import/import-item.js';
import type { Principal } from '../domain/principal.js';
import type { ArticlePageInput, DeskInfo } from '../domain/render/types.js';
import { datePartsOfPath } from '../domain/site-path.js';
import type { PageRenderPool } from '../ports/page-render-pool.js';
import type { PageRenderer } from '../ports/renderer.js';
import type { AppDeps } from './deps.js';
import { draftContentOf, requireDesk } from './draft-content.js';
import { htmlObject, renderArticleHtml } from './site-pages.js';

/** Who imported stories are recorded as having published (the `imported` event's actor). */
export const IMPORTER: Principal = { sub: 'system:import', name: 'Archive import', groups: [] };

export type ImportOutcome = { outcome: 'imported'; id: string; path: string } | { outcome: 'exists'; id: string };

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** What renderArticleHtml hands the renderer, taken instead of rendered (for the pool, which takes clones). */
const pageInputOf = (
  renderer: PageRenderer,
  deps: Pick<AppDeps, 'desks' | 'siteConfig'>,
  article: Article,
  desk: DeskInfo,
  facts: { path: string; publishedAt: string },
): ArticlePageInput => {
  let captured: ArticlePageInput | undefined;
  renderArticleHtml(
    {
      ...renderer,
      renderArticlePage: (input) => {
        captured = input;
        return '';
      },
    },
    deps,
    article,
    desk,
    facts,
  );
  if (!captured) throw new Error('renderArticleHtml rendered no page');
  return captured;
};

export interface ImportOptions {
  /**
   * Renders the page off this thread (a batch import: typography and templates are CPU work, one thread per core);
   * without it the page is rendered here.
   */
  pool?: Pick<PageRenderPool, 'renderArticlePage'>;
}

/**
 * Brings one story of an existing archive in as published, at its original date and URL: the same parse, repair and
 * render as a new draft, the page written, then one commit (the article, revision 1 and an `imported` event, with a
 * site-index mark for its desk-month) conditional on the article not existing. The article id is a hash of the
 * source item, so a second run finds it with one read and skips it (a batch reads a hundred at once and says so with
 * `absent`); two runs racing get one commit and one `exists`.
 *
 * Indexes are not rebuilt here: the marks wait for one rebuild after the batch (`drainSiteIndexes`).
 */
export const importArticle =
  (
    deps: Pick<AppDeps, 'articles' | 'site' | 'clock' | 'ids' | 'desks' | 'siteConfig' | 'loadRenderer'>,
    options: ImportOptions = {},
  ) =>
  /** `absent`: the caller read the article's id a moment ago and found nothing (the commit still refuses a twin). */
  async (item: ImportItem, known: { absent?: boolean } = {}): Promise<ImportOutcome> => {
    const id = importedArticleId(item.sourceKey);
    if (!known.absent && (await deps.articles.get(id))) return { outcome: 'exists', id };
    const desk = requireDesk(deps.desks, item.desk);
    const renderer = await deps.loadRenderer();
    const body = composeImportedDraft(item);
    const { parsed, ...content } = draftContentOf(renderer, body, deps.desks);
    if (item.slug !== undefined && !SLUG.test(item.slug)) {
      throw new DomainError('invalid_input', `slug "${item.slug}" must be lower-case letters, digits and hyphens`);
    }
    const slug = item.slug ?? content.slug;
    const publishedAt = new Date(item.date);
    if (Number.isNaN(publishedAt.getTime()))
      throw new DomainError('invalid_input', `date "${item.date}" is not a time`);
    const firstPublishedAt = publishedAt.toISOString();
    // The original date, read in the desk's zone, as the original URL had it.
    const path = renderer.buildArticlePath(desk.id, item.date, desk.timeZone, slug);
    const now = deps.clock.now();
    const at = now.toISOString();
    if (!(await deps.articles.reservePath(path, id, at))) {
      throw new DomainError('conflict', `the URL ${path} is already another story's`);
    }
    const author = { sub: IMPORTER.sub, name: item.author ?? IMPORTER.name };
    const article: Article = {
      id,
      desk: desk.id,
      status: 'published',
      version: 1,
      revision: 1,
      ...content,
      slug,
      author,
      path,
      firstPublishedAt,
      publishedRevision: 1,
      corrections: [],
      createdAt: at,
      updatedAt: at,
    };
    // The page is built from the parse above through the one code path every page takes (renderArticleHtml would
    // parse the same text again), rendered here or, in a batch, on a thread of the pool.
    const parsedOnce: PageRenderer = {
      ...renderer,
      parseDraft: (text, parseOptions) => (text === body ? parsed : renderer.parseDraft(text, parseOptions)),
    };
    const facts = { path, publishedAt: firstPublishedAt };
    const page = options.pool
      ? await options.pool.renderArticlePage(pageInputOf(parsedOnce, deps, article, desk, facts))
      : renderArticleHtml(parsedOnce, deps, article, desk, facts);
    await deps.site.put(htmlObject(path, page));
    const revision: Revision = {
      articleId: id,
      number: 1,
      body: content.body,
      contentHash: content.contentHash,
      title: content.title,
      author,
      createdAt: at,
    };
    const imported: ArticleEvent = {
      id: deps.ids.next(),
      articleId: id,
      type: 'imported',
      at,
      actor: { sub: IMPORTER.sub, name: IMPORTER.name },
      to: 'published',
      revision: 1,
      comment: item.source,
    };
    try {
      await deps.articles.commit({
        article,
        revision,
        events: [imported],
        dirtyIndexes: [{ desk: desk.id, month: datePartsOfPath(path).month }],
        nowMs: now.getTime(),
      });
    } catch (error) {
      // Another run committed the same item meanwhile: it is imported, once.
      if (error instanceof DomainError && (error.code === 'conflict' || error.code === 'stale_version')) {
        if (await deps.articles.get(id)) return { outcome: 'exists', id };
      }
      throw error;
    }
    return { outcome: 'imported', id, path };
  };
