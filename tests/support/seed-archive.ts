import { hashContent, type Article } from '../../functions/domain/article.js';
import type { AppDeps } from '../../functions/use-cases/deps.js';

/**
 * Fills an archive with `count` live articles spread over past months, straight through the article store (the same
 * conditional writes the API makes), so publishing cost can be measured against archives of any size.
 */
export const seedPublishedArchive = async (
  deps: Pick<AppDeps, 'articles'>,
  count: number,
  options: { desk?: string; concurrency?: number } = {},
) => {
  const desk = options.desk ?? 'politics';
  const start = Date.parse('2024-01-01T08:00:00.000Z');
  const spacing = Math.floor((Date.parse('2026-10-31T08:00:00.000Z') - start) / Math.max(count, 1));
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const at = new Date(start + i * spacing).toISOString();
      const [y, m, d] = at.slice(0, 10).split('-');
      const body = `# Archive story ${i}\n\nStandfirst ${i}.\n\nBody ${i}.\n`;
      const article: Article = {
        id: `archive-${desk}-${i}`,
        desk,
        status: 'published',
        version: 1,
        revision: 1,
        title: `Archive story ${i}`,
        slug: `archive-story-${i}`,
        lang: 'en',
        deck: `Standfirst ${i}.`,
        author: { sub: 'archive', name: 'Archive' },
        body,
        contentHash: hashContent(body),
        fixes: [],
        path: `/${desk}/${y}/${m}/${d}/archive-story-${i}/`,
        firstPublishedAt: at,
        publishedRevision: 1,
        corrections: [],
        createdAt: at,
        updatedAt: at,
      };
      await deps.articles.commit({ article, events: [], nowMs: Date.parse(at) });
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));
};
