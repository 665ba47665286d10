import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../../functions/domain/errors.js';
import { SITE_PATHS } from '../../../functions/domain/render/site-paths.js';
import {
  buildArticleMonth,
  buildArticlePath,
  buildSlug,
  MAX_SLUG_LENGTH,
} from '../../../functions/domain/render/slug.js';

describe('buildSlug', () => {
  it('transliterates the seed title', () => {
    expect(buildSlug('Страны ОТГ усиливают правовое сотрудничество')).toBe(
      'strany-otg-usilivayut-pravovoe-sotrudnichestvo',
    );
    expect(buildSlug('Ceasefire talks resume in Geneva')).toBe('ceasefire-talks-resume-in-geneva');
  });

  it('cuts long slugs at a word boundary and never returns an empty slug', () => {
    const slug = buildSlug('Очень длинный заголовок '.repeat(10));
    expect(slug.length).toBeLessThanOrEqual(MAX_SLUG_LENGTH);
    expect(slug).toMatch(/^ochen-dlinn[a-z]*-zagolovok(?:-[a-z]+)+$/);
    expect(slug.endsWith('-')).toBe(false);
    expect(buildSlug('a'.repeat(200))).toBe('a'.repeat(MAX_SLUG_LENGTH));
    expect(buildSlug('!!! 🙂')).toBe('article');
  });
});

describe('buildArticlePath', () => {
  it('dates the path in the desk time zone', () => {
    expect(buildArticlePath('politics', '2026-11-20T09:30:00Z', 'Europe/Moscow', 'strany-otg')).toBe(
      '/politics/2026/11/20/strany-otg/',
    );
    // 22:30 UTC on the 20th is already the 21st in Moscow, still the 20th in London.
    expect(buildArticlePath('politics', '2026-11-20T22:30:00Z', 'Europe/Moscow', 's')).toBe('/politics/2026/11/21/s/');
    expect(buildArticlePath('world', '2026-11-20T22:30:00Z', 'Europe/London', 's')).toBe('/world/2026/11/20/s/');
    expect(buildArticleMonth('2026-11-30T22:30:00Z', 'Europe/Moscow')).toBe('2026-12');
  });

  it('refuses bad input with invalid_input', () => {
    const bad: [string, string, string, string][] = [
      ['Politics', '2026-11-20T09:30:00Z', 'Europe/Moscow', 's'],
      ['politics', 'yesterday', 'Europe/Moscow', 's'],
      ['politics', '2026-11-20T09:30:00Z', 'Mars/Olympus', 's'],
      ['politics', '2026-11-20T09:30:00Z', 'Europe/Moscow', '../x'],
    ];
    for (const args of bad) {
      try {
        buildArticlePath(...args);
        expect.unreachable(args.join(' '));
      } catch (error) {
        expect(isDomainError(error) && error.code).toBe('invalid_input');
      }
    }
  });
});

describe('SITE_PATHS', () => {
  it('names every public document', () => {
    expect(SITE_PATHS.front).toBe('/');
    expect(SITE_PATHS.deskPage('politics')).toBe('/politics/');
    expect(SITE_PATHS.monthArchive('politics', '2026-11')).toBe('/politics/2026/11/');
    expect(SITE_PATHS.feed).toBe('/feed.xml');
    expect(SITE_PATHS.deskFeed('politics')).toBe('/politics/feed.xml');
    expect(SITE_PATHS.sitemapIndex).toBe('/sitemap.xml');
    expect(SITE_PATHS.dayArchive('politics', '2026-11-20')).toBe('/politics/2026/11/20/');
    expect(SITE_PATHS.dayArchiveChunk('politics', '2026-11-20', 3)).toBe('/politics/2026/11/20/3/');
    expect(SITE_PATHS.sitemapMonth('2026-11')).toBe('/sitemaps/2026-11.xml');
    expect(SITE_PATHS.sitemapShard('politics', '2026-11-20', 2)).toBe('/sitemaps/2026-11/politics-2026-11-20-2.xml');
    expect(SITE_PATHS.newsSitemap).toBe('/news-sitemap.xml');
    expect(SITE_PATHS.notFound).toBe('/404.html');
    expect(() => SITE_PATHS.monthArchive('politics', '2026-13')).toThrow(/yyyy-mm/);
    expect(() => SITE_PATHS.dayArchive('politics', '2026-11-32')).toThrow(/yyyy-mm-dd/);
    expect(() => SITE_PATHS.dayArchiveChunk('politics', '2026-11-20', 0)).toThrow(/chunk/);
    expect(() => SITE_PATHS.deskPage('../etc')).toThrow(/desk id/);
  });
});
