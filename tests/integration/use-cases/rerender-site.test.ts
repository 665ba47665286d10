/**
 * The batch re-render's pages (rerender-site.ts) against DynamoDB Local and s3rver: rendered without a lease from the
 * published list, written, then checked. A correction or take-down that the publishing job commits and writes between
 * the re-render's read and its write must end with its own page live, never the older text the re-render rendered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRenderPool } from '../../../functions/adapters/worker/render-pool.js';
import type { Article } from '../../../functions/domain/article.js';
import type { PageRenderPool } from '../../../functions/ports/page-render-pool.js';
import { siteObjectKey } from '../../../functions/ports/site-store.js';
import { listPublishedArticles, rerenderPublishedPages } from '../../../functions/use-cases/rerender-site.js';
import { articleOf, startTestNewsroom, type TestNewsroom } from '../support/test-newsroom.js';

let n: TestNewsroom;
let pool: PageRenderPool;

beforeAll(async () => {
  n = await startTestNewsroom();
  await n.tick(); // site basics, so later ticks only do publishing work
  pool = createRenderPool({ size: 1 });
}, 60_000);

afterAll(async () => {
  await pool.close();
});

let stories = 0;
/** A story the desk published, its page live. */
const published = async (): Promise<Article> => {
  stories += 1;
  const body = `# Ministers meet in Baku ${String.fromCharCode(96 + stories)}\n\nA short standfirst.\n\nThe ministers met on Thursday.\n`;
  const { id } = articleOf(
    await n.call('POST', '/api/articles', { as: 'demo-reporter', body: { desk: 'politics', body } }),
  );
  await n.call('POST', `/api/articles/${id}/submit`, { as: 'demo-reporter', body: { version: 1 } });
  await n.call('POST', `/api/articles/${id}/approve`, { as: 'demo-editor', body: { version: 2 } });
  expect(
    (await n.call('POST', `/api/articles/${id}/publish`, { as: 'demo-editor', body: { version: 3 } })).status,
  ).toBe(202);
  await n.tick();
  const a = await n.app.articles.get(id);
  expect(a?.status).toBe('published');
  return a!;
};

const pageOf = async (path: string) => {
  const object = await n.app.site.get(siteObjectKey(path));
  return { html: new TextDecoder().decode(object?.body), status: object?.metadata['newsroom-status'] };
};

/** The render pool, with something done after the pages were rendered from the listed text and before they are written. */
const racing = (meanwhile: () => Promise<void>): PageRenderPool => ({
  size: pool.size,
  renderArticlePage: (input) => pool.renderArticlePage(input),
  renderStoryPages: async (batch, imagesOf) => {
    const pages = await pool.renderStoryPages(batch, imagesOf);
    await meanwhile();
    return pages;
  },
  close: () => pool.close(),
});

describe('rerenderPublishedPages', () => {
  it('a correction and a take-down written meanwhile keep their pages; the untouched story is re-rendered', async () => {
    const [corrected, takenDown, untouched] = [await published(), await published(), await published()];
    const listed: Article[] = [];
    for await (const a of listPublishedArticles(n.app)()) listed.push(a);
    expect(listed.map((a) => a.id)).toEqual(expect.arrayContaining([corrected.id, takenDown.id, untouched.id]));
    const writesBefore = n.site.writes.length;

    const outcome = await rerenderPublishedPages(
      n.app,
      racing(async () => {
        // The desk corrects one story and takes another down; the publishing job writes both pages at once.
        const fix = await n.call('POST', `/api/articles/${corrected.id}/correct`, {
          as: 'demo-editor',
          body: {
            version: corrected.version,
            body: corrected.body.replace('Thursday', 'Wednesday'),
            note: 'Wednesday, not Thursday.',
          },
        });
        expect(fix.status).toBe(200);
        const down = await n.call('POST', `/api/articles/${takenDown.id}/unpublish`, {
          as: 'demo-editor',
          body: { version: takenDown.version, kind: 'legal', reason: 'Legal request' },
        });
        expect(down.status).toBe(200);
        await n.tick();
        expect((await pageOf(corrected.path!)).html).toContain('Wednesday');
        expect((await pageOf(takenDown.path!)).status).toBe('410');
      }),
      { batchesInFlight: 1, writesInFlight: 4 },
    )(listed);

    // The re-render wrote its older text over both, saw them move, and rendered them again from what they are now.
    const fixedPage = await pageOf(corrected.path!);
    // (Typography joins short words with a no-break space: \s matches it.)
    expect(fixedPage.html).toMatch(/met on\sWednesday/);
    expect(fixedPage.html).not.toMatch(/met on\sThursday/);
    expect(fixedPage.status).toBeUndefined();
    const gonePage = await pageOf(takenDown.path!);
    expect(gonePage.status).toBe('410');
    expect(gonePage.html).not.toMatch(/met on\sThursday/);
    expect((await pageOf(untouched.path!)).html).toMatch(/met on\sThursday/);
    expect(n.site.writes.slice(writesBefore).map((w) => w.key)).toContain(siteObjectKey(untouched.path!));
    expect(outcome.settled).toBe(2);
    expect(outcome.counts).toMatchObject({ rendered: listed.length - 1, 'taken-down': 1, failed: 0 });
  }, 60_000);
});
