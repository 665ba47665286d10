import { expect } from 'vitest';
import type { Article } from '../../../functions/domain/article.js';
import { datePartsOfPath } from '../../../functions/domain/site-path.js';
import { rebuildSiteIndexes } from '../../../functions/use-cases/rebuild-site-indexes.js';
import { runPublishingTick } from '../../../functions/use-cases/run-publishing-tick.js';
import { articleOf, type TestNewsroom, type UserSub } from './test-newsroom.js';

export type Desk = 'politics' | 'world';
export const EDITOR_OF: Record<Desk, UserSub> = { politics: 'demo-editor', world: 'other-desk-editor' };

/** A story written, submitted and approved over the API: ready to publish at version 3. */
export const prepareStory = async (
  n: TestNewsroom,
  desk: Desk,
  title: string,
  reporter: UserSub = 'demo-reporter',
): Promise<{ id: string; desk: Desk; title: string }> => {
  const body = `# ${title}\n\nA standfirst for ${title}.\n\nThe body of ${title}.\n`;
  const created = await n.call('POST', '/api/articles', { as: reporter, body: { desk, body } });
  expect(created.status).toBe(201);
  const id = articleOf(created).id;
  expect((await n.call('POST', `/api/articles/${id}/submit`, { as: reporter, body: { version: 1 } })).status).toBe(200);
  const approved = await n.call('POST', `/api/articles/${id}/approve`, { as: EDITOR_OF[desk], body: { version: 2 } });
  expect(approved.status).toBe(200);
  return { id, desk, title };
};

/** Asks to publish now; the site work may finish in the request or later (settle() waits for it either way). */
export const publishStory = async (n: TestNewsroom, story: { id: string; desk: Desk }): Promise<void> => {
  const res = await n.call('POST', `/api/articles/${story.id}/publish`, {
    as: EDITOR_OF[story.desk],
    body: { version: 3 },
  });
  expect(res.status, JSON.stringify(res.json)).toBeLessThan(300);
};

/**
 * Runs the publishing work until nothing is pending: the tick for articles not live yet, otherwise only the index
 * rebuild (so the tick's reconcile cannot mask a lost mark while the site settles).
 */
export const settle = async (n: TestNewsroom, ids: readonly string[]): Promise<Article[]> => {
  for (let attempt = 0; attempt < 30; attempt += 1) {
    const articles = await Promise.all(ids.map((id) => n.app.articles.get(id)));
    const live = articles.every((a) => a?.status === 'published' && !a.pendingSiteWork);
    const marks = await n.app.siteIndexLock.pendingMarks(1);
    if (live && marks.length === 0) return articles.flatMap((a) => a ?? []);
    if (!live) await runPublishingTick(n.app)();
    else await rebuildSiteIndexes(n.app)();
  }
  throw new Error('the site did not settle in 30 rounds of work');
};

export const siteText = async (n: TestNewsroom, key: string): Promise<string> => {
  const object = await n.app.site.get(key);
  return object ? Buffer.from(object.body).toString('utf8') : '';
};

/**
 * Every document that must list a live story, by object key, and whether it must (front page and feeds are capped).
 * The day archive and its shard are those of the day's first chunk: these tests publish far fewer than a chunk a day
 * (tests/integration/publishing/day-archive.test.ts follows the chunks of a busy day).
 */
const documentsOf = (a: Article, onFront: boolean): string[] => {
  const { desk, day, month } = datePartsOfPath(a.path!);
  const dayDir = `${desk}/${day.replaceAll('-', '/')}`;
  return [
    ...(onFront ? ['index.html', 'feed.xml'] : []),
    `${desk}/index.html`,
    `${desk}/feed.xml`,
    `${dayDir}/index.html`,
    `${dayDir}/1/index.html`,
    `sitemaps/${month}/${desk}-${day}-1.xml`,
    'news-sitemap.xml',
  ];
};

/**
 * Lists every (document, story) pair where a live story is missing. `onFront` says which stories the front page and
 * the site feed owe a place (they list the newest 30 across desks).
 */
export const missingListings = async (
  n: TestNewsroom,
  articles: readonly Article[],
  onFront: (a: Article) => boolean,
): Promise<string[]> => {
  const cache = new Map<string, string>();
  const text = async (key: string) => {
    if (!cache.has(key)) cache.set(key, await siteText(n, key));
    return cache.get(key)!;
  };
  const missing: string[] = [];
  for (const a of articles) {
    for (const key of documentsOf(a, onFront(a))) {
      if (!(await text(key)).includes(a.path!)) missing.push(`${key} lacks ${a.path}`);
    }
  }
  return missing;
};
