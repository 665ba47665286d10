import type { AppDeps } from './deps.js';
import { htmlObject } from './site-pages.js';

/** Pages every site has whatever is published (the 404 page); idempotent, run at start-up and by the tick. */
export const writeSiteBasics =
  (deps: AppDeps) =>
  async (): Promise<string[]> => {
    const renderer = await deps.loadRenderer();
    const notFound = htmlObject(renderer.SITE_PATHS.notFound, renderer.renderNotFoundPage({ site: deps.siteConfig }));
    await deps.site.put(notFound);
    return [notFound.key];
  };
