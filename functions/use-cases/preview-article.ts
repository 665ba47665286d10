import type { Article } from '../domain/article.js';
import type { Principal } from '../domain/principal.js';
import { isEditorOf, isReporter } from '../domain/principal.js';
import { DomainError } from '../domain/errors.js';
import { assertCanView } from '../domain/workflow.js';
import type { AppDeps } from './deps.js';
import { draftContentOf, requireDesk } from './draft-content.js';
import { mediaIdsOfArticle, pageImagesOf } from './site-media.js';
import { renderArticleHtml } from './site-pages.js';

/** The page exactly as it would be published, for signed-in users only (noindex, never cached). */
export const previewArticle =
  (deps: AppDeps) =>
  async ({ actor, id }: { actor: Principal; id: string }): Promise<string> => {
    const article = assertCanView(await deps.articles.get(id), actor, id);
    return renderPreview(deps, article, article.status === 'published');
  };

/** Live preview of unsaved text, so the editor shows the real renderer's output while the reporter types. */
export const previewDraftText =
  (deps: AppDeps) =>
  async ({
    actor,
    desk,
    body,
    published,
  }: {
    actor: Principal;
    desk: string;
    body: string;
    /** The text is an edit of a live story (a correction): only the banner's wording depends on it. */
    published?: boolean;
  }): Promise<string> => {
    requireDesk(deps.desks, desk);
    if (!isReporter(actor) && !isEditorOf(actor, desk)) {
      throw new DomainError('forbidden', 'only reporters and desk editors can preview drafts');
    }
    const content = draftContentOf(await deps.loadParser(), body, deps.desks);
    const now = deps.clock.now().toISOString();
    const article: Article = {
      id: 'preview',
      desk,
      status: 'draft',
      version: 0,
      revision: 0,
      ...content,
      author: { sub: actor.sub, name: actor.name },
      corrections: [],
      createdAt: now,
      updatedAt: now,
    };
    return renderPreview(deps, article, published === true);
  };

const renderPreview = async (deps: AppDeps, article: Article, live: boolean): Promise<string> => {
  const renderer = await deps.loadRenderer();
  const desk = requireDesk(deps.desks, article.desk);
  const publishedAt = article.firstPublishedAt ?? article.publishAt ?? deps.clock.now().toISOString();
  const path = article.path ?? renderer.buildArticlePath(article.desk, publishedAt, desk.timeZone, article.slug);
  const images = await pageImagesOf(deps)(mediaIdsOfArticle(renderer, deps, article));
  return renderArticleHtml(
    renderer,
    deps,
    article,
    desk,
    { path, publishedAt, preview: true, previewOfLive: live },
    images,
  );
};
