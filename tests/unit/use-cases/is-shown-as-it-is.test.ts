import { describe, expect, it } from 'vitest';
import { hashContent, type Article } from '../../../functions/domain/article.js';
import type { PublishedStory } from '../../../functions/ports/published-index.js';
import { isShownAsItIs, type Listing, type RoundReads } from '../../../functions/use-cases/rebuild-site-indexes.js';

const story = (id: string, day: string, patch: Partial<Article> = {}): Article => ({
  id,
  desk: 'politics',
  status: 'published',
  version: 5,
  revision: 1,
  title: `Story ${id}`,
  slug: id,
  lang: 'en',
  author: { sub: 'u', name: 'U' },
  body: '# x',
  contentHash: hashContent('# x'),
  fixes: [],
  corrections: [],
  path: `/politics/2026/11/${day}/${id}/`,
  firstPublishedAt: `2026-11-${day}T09:00:00.000Z`,
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  ...patch,
});

const listed = (a: Article): PublishedStory => ({
  id: a.id,
  title: a.title,
  path: a.path!,
  desk: a.desk,
  lang: a.lang,
  publishedAt: a.firstPublishedAt!,
  ...(a.modifiedAt ? { modifiedAt: a.modifiedAt } : {}),
});

const list = (items: Article[], limit: number, order: Listing['order'] = 'desk'): Listing => ({
  items: items.map(listed),
  limit,
  order,
});

/**
 * Reads where the desk list holds `items` (newest first) with room for `limit`. The day archive is not among them: a
 * round writes it from the article it read, so it cannot trail the commit.
 */
const reads = (items: Article[], limit = 30): RoundReads => ({
  latestByDesk: new Map([['politics', list(items, limit)]]),
  news: { ...list([], 1_000, 'site'), sinceIso: '2026-11-28T00:00:00.000Z' },
});

describe('isShownAsItIs: may a rebuild mark a story done from what it read?', () => {
  const a = story('a', '20');
  const b = story('b', '19');

  it('yes when every list shows the story as it now is', () => {
    expect(isShownAsItIs(a, reads([a, b]))).toBe(true);
  });

  it('no when a list with room for it lacks it (the index trails the commit)', () => {
    expect(isShownAsItIs(a, reads([b]))).toBe(false);
  });

  it('no when a list shows an older state of it (a correction not indexed yet)', () => {
    const corrected = { ...a, title: 'Corrected', modifiedAt: '2026-11-21T10:00:00.000Z' };
    expect(isShownAsItIs(corrected, reads([a, b]))).toBe(false);
  });

  it('yes when a full list ends above it: it owes the story no place', () => {
    const newer = [story('c', '25'), story('d', '24')];
    const r = reads([...newer, b]);
    r.latestByDesk.set('politics', list(newer, 2));
    expect(isShownAsItIs(b, r)).toBe(true);
    r.latestByDesk.set('politics', list([story('c', '25'), story('e', '10')], 2));
    expect(isShownAsItIs(b, r)).toBe(false);
  });

  it('a story taken down must be absent from every list', () => {
    const gone = { ...a, status: 'unpublished' as const };
    expect(isShownAsItIs(gone, reads([a, b]))).toBe(false);
    expect(isShownAsItIs(gone, reads([b]))).toBe(true);
  });

  it('the news sitemap owes a place only to stories of its window', () => {
    const recent = story('r', '29', { firstPublishedAt: '2026-11-29T09:00:00.000Z' });
    const r = reads([recent]);
    expect(isShownAsItIs(recent, r)).toBe(false);
    r.news = { ...list([recent], 1_000, 'site'), sinceIso: r.news.sinceIso };
    expect(isShownAsItIs(recent, r)).toBe(true);
  });

  it('nothing to check for an article that is gone or never had a URL', () => {
    expect(isShownAsItIs(undefined, reads([]))).toBe(true);
    expect(isShownAsItIs(story('n', '20', { status: 'approved', path: undefined }), reads([]))).toBe(true);
  });
});
