import { describe, expect, it } from 'vitest';
import { renderGonePage, renderNotFoundPage } from '../../../functions/domain/render/error-pages.js';
import {
  renderDayArchivePage,
  renderDeskPage,
  renderFrontPage,
  renderMonthArchivePage,
} from '../../../functions/domain/render/listing-pages.js';
import { SITE_CSS } from '../../../functions/domain/render/styles.js';
import type { ListingItem } from '../../../functions/domain/render/types.js';
import { byClass, elements, NBSP, parseHtml, POLITICS, SITE, textOf, WORLD } from './helpers.js';

const ITEMS: ListingItem[] = [
  {
    title: 'Страны ОТГ усиливают правовое сотрудничество',
    deck: 'В Баку состоялось второе заседание министров',
    path: '/politics/2026/11/20/strany-otg-usilivayut-pravovoe-sotrudnichestvo/',
    desk: 'politics',
    lang: 'ru',
    publishedAt: '2026-11-20T09:30:00Z',
  },
  {
    title: 'Ceasefire talks resume in Geneva',
    path: '/world/2026/11/21/ceasefire-talks-resume-in-geneva/',
    desk: 'world',
    lang: 'en',
    publishedAt: '2026-11-21T08:00:00Z',
  },
];

const linksOf = (html: string) =>
  elements(parseHtml(html), 'a').map((a) => [a.attribs.href, textOf(a).replaceAll(NBSP, ' ')]);

describe('renderFrontPage', () => {
  const html = renderFrontPage({ site: SITE, items: ITEMS, desks: [POLITICS, WORLD] });
  const doc = parseHtml(html);

  it('lists the latest stories across desks, newest first, with desk, deck and date', () => {
    expect(html.startsWith('<!doctype html><html lang="ru">')).toBe(true);
    const stories = elements(byClass(doc, 'stories')[0]!, 'li');
    expect(stories.map((li) => elements(li, 'h2').map(textOf)[0]?.replaceAll(NBSP, ' '))).toEqual([
      'Ceasefire talks resume in Geneva',
      'Страны ОТГ усиливают правовое сотрудничество',
    ]);
    expect(stories[0]?.attribs.lang).toBe('en');
    expect(stories[1]?.attribs.lang).toBeUndefined();
    expect(elements(stories[1]!, 'time').map((t) => [t.attribs.datetime, textOf(t)])).toEqual([
      ['2026-11-20T09:30:00.000Z', '20 ноября 2026, 12:30'],
    ]);
    expect(textOf(byClass(stories[1]!, 'kicker')[0]!)).toBe('Отдел политики');
  });

  it('links the desks, the stories and the feed, with a canonical URL and description', () => {
    expect(linksOf(html)).toEqual([
      ['#main', 'Перейти к материалу'],
      ['/', 'Newsroom'],
      ['/politics/', 'Отдел политики'],
      ['/world/', 'World desk'],
      ['/world/', 'World desk'],
      ['/world/2026/11/21/ceasefire-talks-resume-in-geneva/', 'Ceasefire talks resume in Geneva'],
      ['/politics/', 'Отдел политики'],
      [
        '/politics/2026/11/20/strany-otg-usilivayut-pravovoe-sotrudnichestvo/',
        'Страны ОТГ усиливают правовое сотрудничество',
      ],
      ['/feed.xml', 'Лента Atom'],
    ]);
    expect(html).toContain('<link rel="canonical" href="https://news.example.org/">');
    expect(html).toContain('<meta name="description" content="Новости редакции">');
    expect(html).toContain('<link rel="alternate" type="application/atom+xml" title="Newsroom" href="/feed.xml">');
    expect(elements(doc, 'style').map(textOf)).toEqual([SITE_CSS]);
    expect(elements(doc, 'script')).toHaveLength(0);
  });

  it('says so when there is nothing yet', () => {
    expect(renderFrontPage({ site: SITE, items: [], desks: [] })).toContain('<p>Материалов пока нет.</p>');
  });
});

describe('renderDeskPage and renderMonthArchivePage', () => {
  it('shows a desk in its language with its stories and month archives', () => {
    const html = renderDeskPage({ site: SITE, desk: POLITICS, items: [ITEMS[0]!], months: ['2026-11', '2026-10'] });
    const doc = parseHtml(html);
    expect(elements(doc, 'h1').map(textOf)).toEqual(['Отдел политики']);
    expect(elements(byClass(doc, 'months')[0]!, 'a').map((a) => [a.attribs.href, textOf(a)])).toEqual([
      ['/politics/2026/11/', 'Ноябрь 2026'],
      ['/politics/2026/10/', 'Октябрь 2026'],
    ]);
    expect(html).toContain('<link rel="canonical" href="https://news.example.org/politics/">');
    expect(html).toContain('href="/politics/feed.xml"');
    expect(renderDeskPage({ site: SITE, desk: WORLD, items: [], months: [] })).toMatch(
      /^<!doctype html><html lang="en">/,
    );
  });

  it('shows one month of a desk as its days, newest first, with their counts', () => {
    const html = renderMonthArchivePage({
      site: SITE,
      desk: POLITICS,
      month: '2026-11',
      days: [
        { day: '2026-11-02', count: 1 },
        { day: '2026-11-20', count: 212 },
        { day: '2026-11-05', count: 0 },
      ],
    });
    const doc = parseHtml(html);
    expect(elements(doc, 'h1').map(textOf)).toEqual(['Отдел политики: Ноябрь 2026']);
    expect(elements(byClass(doc, 'days')[0]!, 'li').map((li) => textOf(li).replaceAll(NBSP, ' '))).toEqual([
      '20 ноября 2026 212 материалов',
      '2 ноября 2026 1 материал',
    ]);
    expect(elements(byClass(doc, 'days')[0]!, 'a').map((a) => a.attribs.href)).toEqual([
      '/politics/2026/11/20/',
      '/politics/2026/11/02/',
    ]);
    expect(html).toContain('<link rel="canonical" href="https://news.example.org/politics/2026/11/">');
  });

  it('shows the newest chunk of a day at the day, linking every older chunk, the previous day and the month', () => {
    const input = {
      site: SITE,
      desk: POLITICS,
      day: '2026-11-20',
      chunks: 3,
      items: [ITEMS[0]!],
      previousDay: '2026-11-19',
    };
    const atDay = parseHtml(renderDayArchivePage({ ...input, chunk: 3, atDay: true }));
    expect(elements(atDay, 'a').map((a) => a.attribs.href)).toEqual(
      expect.arrayContaining([
        '/politics/2026/11/20/2/',
        '/politics/2026/11/20/1/',
        '/politics/2026/11/19/',
        '/politics/2026/11/',
      ]),
    );
    expect(elements(atDay, 'h2').map((h) => textOf(h).replaceAll(NBSP, ' '))).toContain(
      'Страны ОТГ усиливают правовое сотрудничество',
    );
    const older = renderDayArchivePage({ ...input, chunk: 2, atDay: false });
    const links = elements(parseHtml(older), 'a').map((a) => a.attribs.href);
    expect(links).toContain('/politics/2026/11/20/1/');
    expect(links).toContain('/politics/2026/11/20/');
    expect(links).not.toContain('/politics/2026/11/20/3/');
    expect(older).toContain('<link rel="canonical" href="https://news.example.org/politics/2026/11/20/2/">');
  });

  it('refuses a listed path that is not a site path', () => {
    for (const path of ['javascript:alert(1)', '//evil.example/', 'https://evil.example/']) {
      expect(() => renderFrontPage({ site: SITE, desks: [POLITICS], items: [{ ...ITEMS[0]!, path }] })).toThrow(
        /site path/,
      );
    }
  });
});

describe('error pages', () => {
  it('renders the 410 page with the title and the reason, not indexed', () => {
    const html = renderGonePage({
      site: SITE,
      lang: 'ru',
      title: 'Страны ОТГ усиливают правовое сотрудничество',
      reason: 'Материал содержал ошибку в ключевых фактах',
      path: '/politics/2026/11/20/strany-otg/',
    });
    const doc = parseHtml(html);
    expect(elements(doc, 'h1').map(textOf)).toEqual(['Материал снят с публикации']);
    expect(textOf(elements(doc, 'main')[0]!).replaceAll(NBSP, ' ')).toContain(
      'Причина: Материал содержал ошибку в ключевых фактах',
    );
    expect(html).toContain('<meta name="robots" content="noindex">');
    expect(html).not.toContain('rel="canonical"');
    expect(renderGonePage({ site: SITE, lang: 'en', path: '/world/x/' })).not.toContain('Reason');
  });

  it('renders the 404 page in the site language', () => {
    const html = renderNotFoundPage({ site: SITE });
    expect(html).toMatch(/^<!doctype html><html lang="ru">/);
    expect(elements(parseHtml(html), 'h1').map(textOf)).toEqual(['Страница не найдена']);
    expect(html).toContain('<a href="/">На главную</a>');
  });
});
