import { afterAll, describe, expect, it } from 'vitest';
import { createRenderPool } from '../../../functions/adapters/worker/render-pool.js';
import { importedArticleId, type ImportItem } from '../../../functions/domain/import/import-item.js';
import { siteObjectKey } from '../../../functions/ports/site-store.js';
import { importArticle } from '../../../functions/use-cases/import-article.js';
import { siteText } from '../support/site-listings.js';
import { startTestNewsroom } from '../support/test-newsroom.js';

const item: ImportItem = {
  sourceKey: 'md:2024/budget.md',
  source: '2024/budget.md',
  desk: 'politics',
  title: 'Парламент принял бюджет',
  date: '2024-03-01T23:30:00+03:00',
  slug: 'parlament-prinyal-byudzhet',
  author: 'Анна Смирнова',
  tags: ['бюджет'],
  standfirst: 'Депутаты проголосовали за проект во втором чтении.',
  bodyMarkdown:
    'Министр заявил, что правительство представит поправки осенью.\n\n## Что дальше\n\n- Сенат\n- Подпись\n',
};
const PATH = '/politics/2024/03/01/parlament-prinyal-byudzhet/';

const pool = createRenderPool({ size: 1 });
afterAll(() => pool.close());

describe('importArticle', () => {
  it('renders the same page on the render pool as in process', async () => {
    const here = await startTestNewsroom({ now: '2026-11-20T09:00:00.000Z' });
    const there = await startTestNewsroom({ now: '2026-11-20T09:00:00.000Z' });
    expect(await importArticle(here.app)(item)).toMatchObject({ outcome: 'imported', path: PATH });
    expect(await importArticle(there.app, { pool })(item)).toMatchObject({ outcome: 'imported', path: PATH });
    const page = await siteText(here, siteObjectKey(PATH));
    expect(page).toContain('Парламент принял бюджет');
    expect(page).toContain('<h2>Что дальше</h2>');
    expect(await siteText(there, siteObjectKey(PATH))).toBe(page);
  }, 60_000);

  it('commits once when told the article is absent but it is there (a run racing another): the second is `exists`', async () => {
    const n = await startTestNewsroom();
    const importOne = importArticle(n.app, { pool });
    expect(await importOne(item, { absent: true })).toMatchObject({ outcome: 'imported' });
    const id = importedArticleId(item.sourceKey);
    expect(await importOne(item, { absent: true })).toEqual({ outcome: 'exists', id });
    expect((await n.app.articles.listEvents(id)).map((e) => e.type)).toEqual(['imported']);
    expect(await n.app.articles.get(id)).toMatchObject({ status: 'published', path: PATH, version: 1 });
  }, 60_000);
});
