import { describe, expect, it } from 'vitest';
import { renderGonePage } from '../../../functions/domain/render/error-pages.js';
import { SITE } from './helpers.js';

const STORY = {
  site: SITE,
  title: 'Министр подал в отставку',
  reason: 'Иск о защите чести и достоинства',
  path: '/politics/2026/11/20/ministr-podal-v-otstavku/',
} as const;

describe('the 410 notice', () => {
  it('names the story and gives the reason after an editorial take-down', () => {
    const html = renderGonePage({ ...STORY, lang: 'ru', kind: 'editorial' });

    expect(html).toContain('Министр подал в');
    expect(html).toContain('Иск о');
    expect(html).toContain('Редакция сняла этот материал с публикации.');
  });

  it('names the story for a take-down recorded before kinds existed (editorial)', () => {
    expect(renderGonePage({ ...STORY, lang: 'ru' })).toContain('Министр подал в');
  });

  it('after a legal take-down shows a fixed sentence in the site’s language and nothing of the story', () => {
    const html = renderGonePage({ ...STORY, lang: 'en', kind: 'legal' });

    expect(html).toContain('<html lang="ru"');
    expect(html).toContain('Материал недоступен по юридическим основаниям.');
    for (const word of ['Министр', 'отставку', 'Иск', 'чести', 'ministr', 'otstavku', 'politics/2026']) {
      expect(html).not.toContain(word);
    }
    expect(html).not.toContain('Причина');
  });

  it('is the same page for every legal take-down on the site', () => {
    const one = renderGonePage({ ...STORY, lang: 'ru', kind: 'legal' });
    const other = renderGonePage({
      site: SITE,
      lang: 'en',
      title: 'Other',
      reason: 'x',
      path: '/world/x/',
      kind: 'legal',
    });

    expect(one).toBe(other);
  });
});
