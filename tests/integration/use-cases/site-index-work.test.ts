import { describe, expect, it } from 'vitest';
import type { Article } from '../../../functions/domain/article.js';
import type { PublishedIndex, PublishedStory } from '../../../functions/ports/published-index.js';
import type { AppDeps } from '../../../functions/use-cases/deps.js';
import { reconcileSiteIndexes } from '../../../functions/use-cases/reconcile-site-indexes.js';
import { rebuildSiteIndexes } from '../../../functions/use-cases/rebuild-site-indexes.js';
import { runPublishingTick } from '../../../functions/use-cases/run-publishing-tick.js';
import { missingListings, prepareStory, publishStory, siteText } from '../support/site-listings.js';
import { startTestNewsroom, type TestNewsroom } from '../support/test-newsroom.js';

const HOLDER = 'test-holder';

/**
 * Publishes a story while the test holds the rebuild lease, so its commit (and mark) lands but no rebuild runs: the
 * page is live and the story waits for a rebuild, exactly as when the lease holder is another runner.
 */
const publishWithLeaseHeld = async (n: TestNewsroom, story: Awaited<ReturnType<typeof prepareStory>>) => {
  await publishStory(n, story);
  for (let i = 0; i < 5 && (await n.app.articles.get(story.id))?.status !== 'published'; i += 1) {
    await runPublishingTick(n.app)();
  }
  expect((await n.app.articles.get(story.id))?.status).toBe('published');
};

const holdLease = async (n: TestNewsroom) => {
  expect(await n.app.siteIndexLock.acquire(HOLDER, n.clock.now().getTime(), 20_000)).toBeDefined();
};
const releaseLease = async (n: TestNewsroom) => expect(await n.app.siteIndexLock.release(HOLDER)).toBe(true);

/** A published-list view that hides some stories, as a secondary index that has not caught up with a commit yet. */
const lagging = (inner: PublishedIndex, hidden: Set<string>): PublishedIndex => {
  const hide = (items: PublishedStory[]) => items.filter((s) => !hidden.has(s.id));
  return {
    ...inner,
    latestOfDesk: async (...args) => hide(await inner.latestOfDesk(...args)),
    monthOfDesk: async (...args) => hide(await inner.monthOfDesk(...args)),
    monthOfSite: async (...args) => hide(await inner.monthOfSite(...args)),
  };
};

const articlesOf = async (n: TestNewsroom, ids: string[]): Promise<Article[]> =>
  (await Promise.all(ids.map((id) => n.app.articles.get(id)))).flatMap((a) => a ?? []);

const toListing = (a: Article): PublishedStory => ({
  id: a.id,
  title: a.title,
  ...(a.deck ? { deck: a.deck } : {}),
  path: a.path!,
  desk: a.desk,
  lang: a.lang,
  publishedAt: a.firstPublishedAt!,
});

describe('site-index rebuild against commits that land mid-rebuild', () => {
  it('a commit between the rebuild reading the lists and removing its marks is listed, not lost', async () => {
    const n = await startTestNewsroom();
    const first = await prepareStory(n, 'politics', 'First of the month');
    const second = await prepareStory(n, 'politics', 'Second of the month', 'demo-reporter-2');
    await holdLease(n);
    await publishWithLeaseHeld(n, first);
    await releaseLease(n);

    // The rebuild woken for `first` reads the desk's list; the second story's commit lands right after that read.
    let injected = false;
    const inner = n.app.publishedIndex;
    const deps: AppDeps = {
      ...n.app,
      publishedIndex: {
        ...inner,
        latestOfDesk: async (...args) => {
          const read = await inner.latestOfDesk(...args);
          if (!injected) {
            injected = true;
            await publishWithLeaseHeld(n, second); // its own rebuild finds this one holding the lease
          }
          return read;
        },
      },
    };
    const outcome = await rebuildSiteIndexes(deps)();

    expect(injected).toBe(true);
    // Round one wrote lists without the second story; its mark survived and round two listed it.
    expect(outcome.written.filter((k) => k === 'politics/2026/11/index.html')).toHaveLength(2);
    expect(outcome.deferred).toEqual([]);
    expect(await n.app.siteIndexLock.pendingMarks(10)).toEqual([]);
    expect(await missingListings(n, await articlesOf(n, [first.id, second.id]), () => true)).toEqual([]);
  });

  it('a lagging list keeps the mark: retried in the next round, and the story is listed', async () => {
    const n = await startTestNewsroom();
    const story = await prepareStory(n, 'world', 'Behind the index');
    await holdLease(n);
    await publishWithLeaseHeld(n, story);
    await releaseLease(n);

    // The desk lists miss the story on their first read only (the news list, read after them, already shows it).
    const hidden = new Set([story.id]);
    const inner = lagging(n.app.publishedIndex, hidden);
    const outcome = await rebuildSiteIndexes({
      ...n.app,
      publishedIndex: {
        ...inner,
        monthOfSite: async (...args) => {
          const read = await inner.monthOfSite(...args);
          hidden.clear();
          return read;
        },
      },
    })();

    expect(outcome.written.filter((k) => k === 'world/index.html')).toHaveLength(2);
    expect(await n.app.siteIndexLock.pendingMarks(10)).toEqual([]);
    expect(await missingListings(n, await articlesOf(n, [story.id]), () => true)).toEqual([]);
  });

  it('a list that stays behind leaves the mark to the tick, which lists the story once the list catches up', async () => {
    const n = await startTestNewsroom();
    const story = await prepareStory(n, 'politics', 'Long behind');
    await holdLease(n);
    await publishWithLeaseHeld(n, story);
    await releaseLease(n);

    const behind = await rebuildSiteIndexes({
      ...n.app,
      publishedIndex: lagging(n.app.publishedIndex, new Set([story.id])),
    })();

    expect(behind.deferred).toHaveLength(1);
    expect(await n.app.siteIndexLock.pendingMarks(10)).toHaveLength(1);
    expect(await siteText(n, 'index.html')).not.toContain('long-behind');
    // The run that gave up let go of the lease: the tick is not blocked by it.
    await runPublishingTick(n.app)();
    expect(await n.app.siteIndexLock.pendingMarks(10)).toEqual([]);
    expect(await missingListings(n, await articlesOf(n, [story.id]), () => true)).toEqual([]);
  });

  it('a take-down the lists still show is not marked done until they drop it', async () => {
    const n = await startTestNewsroom();
    const story = await prepareStory(n, 'politics', 'Soon gone');
    await publishStory(n, story);
    await n.tick();
    await rebuildSiteIndexes(n.app)();
    const live = (await n.app.articles.get(story.id))!;
    expect(await siteText(n, 'index.html')).toContain(live.path!);

    await holdLease(n);
    const down = await n.call('POST', `/api/articles/${story.id}/unpublish`, {
      as: 'demo-editor',
      body: { version: live.version, kind: 'legal', reason: 'Legal' },
    });
    expect(down.status).toBe(200);
    await releaseLease(n);
    // Lists that still return the live entry, as indexes that have not caught up with the take-down.
    const frozen: PublishedIndex = {
      ...n.app.publishedIndex,
      latestOfDesk: (desk) => Promise.resolve(desk === 'politics' ? [toListing(live)] : []),
      monthOfDesk: () => Promise.resolve([toListing(live)]),
      monthOfSite: () => Promise.resolve([toListing(live)]),
    };
    const behind = await rebuildSiteIndexes({ ...n.app, publishedIndex: frozen })();
    expect(behind.deferred).toHaveLength(1);
    expect(await siteText(n, 'index.html')).toContain(live.path!);

    await rebuildSiteIndexes(n.app)();

    expect(await n.app.siteIndexLock.pendingMarks(10)).toEqual([]);
    const dayKeys = [
      'politics/2026/11/20/index.html',
      'politics/2026/11/20/1/index.html',
      'sitemaps/2026-11/politics-2026-11-20-1.xml',
    ];
    for (const key of ['index.html', 'feed.xml', 'politics/index.html', ...dayKeys]) {
      expect(await siteText(n, key), key).not.toContain(live.path!);
    }
  });
});

describe('the tick reconciles lists against published stories', () => {
  it('a lost mark is found by the reconcile, and the story listed', async () => {
    const n = await startTestNewsroom();
    const listed = await prepareStory(n, 'world', 'Listed first');
    await publishStory(n, listed);
    await rebuildSiteIndexes(n.app)();
    expect(await reconcileSiteIndexes(n.app)()).toEqual({ enqueued: 0, rebuilt: false });

    const lost = await prepareStory(n, 'world', 'Mark lost');
    await holdLease(n);
    await publishWithLeaseHeld(n, lost);
    // Lose its mark, as a bug or an expired mark would.
    const marks = await n.app.siteIndexLock.pendingMarks(10);
    await n.app.siteIndexLock.markDone(
      HOLDER,
      { done: marks.map((m) => m.id), archives: [], listed: {} },
      n.clock.now().getTime(),
      20_000,
    );
    await releaseLease(n);
    const story = await articlesOf(n, [lost.id]);
    expect(await missingListings(n, story, () => true)).not.toEqual([]);

    await runPublishingTick(n.app)();

    expect(await missingListings(n, story, () => true)).toEqual([]);
    expect(await reconcileSiteIndexes(n.app)()).toEqual({ enqueued: 0, rebuilt: false });
  });
});
