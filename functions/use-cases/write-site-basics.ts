import { CACHE_CONTROL } from '../domain/cache-policy.js';
import type { AppDeps } from './deps.js';
import { htmlObject } from './site-pages.js';

/** What every site has whatever is published (the 404 page, robots.txt); idempotent, run at start-up and by the tick. */
export const writeSiteBasics =
  (deps: AppDeps) =>
  async (): Promise<string[]> => {
    const renderer = await deps.loadRenderer();
    const objects = [
      htmlObject(renderer.SITE_PATHS.notFound, renderer.renderNotFoundPage({ site: deps.siteConfig })),
      {
        key: 'robots.txt',
        body: renderer.renderRobotsTxt({ site: deps.siteConfig }),
        contentType: 'text/plain; charset=utf-8',
        cacheControl: CACHE_CONTROL.feed,
      },
    ];
    for (const object of objects) await deps.site.put(object);
    return objects.map((o) => o.key);
  };
