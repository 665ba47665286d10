import { CACHE_CONTROL } from '../domain/cache-policy.js';
import type { SiteObject } from '../ports/site-store.js';
import type { AppDeps } from './deps.js';
import { INDEX_LIMITS } from './rebuild-site-indexes.js';
import { htmlObject } from './site-pages.js';

/**
 * What every site has whatever is published: the 404 page and robots.txt, and — on a brand-new site — a front page
 * and desk pages, so `/` and `/politics/` answer before the first story goes out. Idempotent; run at start-up and by
 * the tick's first run. Existing index pages are left to the index rebuild, which owns them.
 */
export const writeSiteBasics = (deps: AppDeps) => async (): Promise<string[]> => {
  const renderer = await deps.loadRenderer();
  const site = deps.siteConfig;
  const paths = renderer.SITE_PATHS;
  const objects: SiteObject[] = [
    htmlObject(paths.notFound, renderer.renderNotFoundPage({ site })),
    {
      key: 'robots.txt',
      body: renderer.renderRobotsTxt({ site }),
      contentType: 'text/plain; charset=utf-8',
      cacheControl: CACHE_CONTROL.feed,
    },
  ];
  if (!(await deps.site.get('index.html'))) {
    const desks = [...deps.desks.values()];
    const lists = await Promise.all(desks.map((d) => deps.publishedIndex.latestOfDesk(d.id, INDEX_LIMITS.deskPage)));
    const latest = lists.flat().sort((a, b) => b.publishedAt.localeCompare(a.publishedAt));
    objects.push(
      htmlObject(
        paths.front,
        renderer.renderFrontPage({ site, items: latest.slice(0, INDEX_LIMITS.frontPage), desks }),
      ),
    );
    desks.forEach((desk, i) => {
      objects.push(
        htmlObject(paths.deskPage(desk.id), renderer.renderDeskPage({ site, desk, items: lists[i] ?? [], months: [] })),
      );
    });
  }
  for (const object of objects) await deps.site.put(object);
  return objects.map((o) => o.key);
};
