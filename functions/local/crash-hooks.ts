import type { AppDeps } from '../use-cases/deps.js';
import type { SiteObject } from '../ports/site-store.js';

/**
 * A local-only fault injector for the publish-crash test (issue 9): with NEWSROOM_CRASH_AT set, `npm start` kills
 * itself with SIGKILL at the named step of publishing, through decorators on the real ports, so the test can stop
 * the stack at an exact point and check what a restart makes of it. Never used by the Lambda handlers.
 */
export const CRASH_POINTS = [
  /** An article page is about to be written (nothing public yet). */
  'before-page-write',
  /** An article page was just written (public, while the article is not yet committed as published). */
  'after-page-write',
  /** A commit that publishes an article just landed (page and state done; indexes not rebuilt). */
  'after-commit',
  /** The index rebuild wrote the front page and is about to write the feed. */
  'during-index-rebuild',
  /** A take-down is about to replace the page with its 410 notice (or delete it). */
  'during-take-down',
] as const;
export type CrashPoint = (typeof CRASH_POINTS)[number];

/** `politics/2026/11/30/slug/index.html`: an article's page, as buildArticlePath and siteObjectKey make it. */
const ARTICLE_PAGE_KEY = /^[a-z][a-z0-9-]*\/\d{4}\/\d{2}\/\d{2}\/[^/]+\/index\.html$/;
const isArticlePage = (object: SiteObject): boolean => ARTICLE_PAGE_KEY.test(object.key) && object.status !== 410;

export interface CrashHookOptions {
  /** Crashes only once this says so (start.ts: after the stack is ready, so start-up's own writes never trigger it). */
  armed: () => boolean;
  /** Announced just before dying, so the test's log shows where it happened. */
  log: (line: string) => void;
}

const die = (point: CrashPoint, log: (line: string) => void): Promise<never> => {
  log(`crash hook: SIGKILL at ${point}`);
  process.kill(process.pid, 'SIGKILL');
  // SIGKILL is not delivered synchronously everywhere: never let the step continue.
  return new Promise<never>(() => undefined);
};

/** The same dependencies, with `SiteStore.put`/`delete` and `ArticleStore.commit` crashing at `point`. */
export const withCrashHooks = (deps: AppDeps, point: CrashPoint, { armed, log }: CrashHookOptions): AppDeps => {
  const site = deps.site;
  const articles = deps.articles;
  const at = (p: CrashPoint): boolean => point === p && armed();
  return {
    ...deps,
    site: {
      get: (key) => site.get(key),
      async put(object) {
        if (isArticlePage(object) && at('before-page-write')) return die(point, log);
        if (object.status === 410 && at('during-take-down')) return die(point, log);
        if (object.key === 'feed.xml' && at('during-index-rebuild')) return die(point, log);
        await site.put(object);
        if (isArticlePage(object) && at('after-page-write')) return die(point, log);
      },
      async delete(key) {
        if (ARTICLE_PAGE_KEY.test(key) && at('during-take-down')) return die(point, log);
        await site.delete(key);
      },
    },
    articles: {
      ...articles,
      async commit(change) {
        await articles.commit(change);
        if (change.events.some((e) => e.type === 'published') && at('after-commit')) return die(point, log);
      },
    },
  };
};
