import type { Article } from '../../functions/domain/article.js';
import { buildDeskDirectory } from '../../functions/domain/desk.js';
import { isDomainError } from '../../functions/domain/errors.js';
import * as renderer from '../../functions/domain/render/index.js';
import type { DeskInfo, ListingItem, SiteConfig } from '../../functions/domain/render/types.js';
import { draftContentOf } from '../../functions/use-cases/draft-content.js';
import { renderArticleHtml } from '../../functions/use-cases/site-pages.js';

/**
 * Pages with hostile text in them, built the way the workflow builds published pages: the draft goes through
 * `draftContentOf` (as on save) and `renderArticleHtml` (as on publish), with the site's real desks.
 */

export const XSS_SITE: SiteConfig = {
  name: 'Newsroom',
  baseUrl: 'https://news.example.org',
  lang: 'ru',
  description: 'Новости редакции',
};

/** The desks of content/desks.json. */
export const XSS_DESKS: DeskInfo[] = [
  { id: 'politics', name: 'Отдел политики', lang: 'ru', timeZone: 'Europe/Moscow' },
  { id: 'world', name: 'World desk', lang: 'en', timeZone: 'Europe/London' },
];
const desks = buildDeskDirectory(XSS_DESKS);
const POLITICS = XSS_DESKS[0]!;

const PUBLISHED_AT = '2026-11-20T09:30:00.000Z';

export interface PublishedPage {
  path: string;
  html: string;
}

/**
 * The public page of a draft published on the politics desk, or `undefined` when saving would refuse the draft
 * (a payload that leaves no title): such a draft never reaches the site.
 */
export const renderPublishedArticle = (body: string): PublishedPage | undefined => {
  let content: ReturnType<typeof draftContentOf>;
  try {
    content = draftContentOf(renderer, body, desks);
  } catch (error) {
    if (isDomainError(error) && error.code === 'invalid_input') return undefined;
    throw error;
  }
  const path = renderer.buildArticlePath(POLITICS.id, PUBLISHED_AT, POLITICS.timeZone, content.slug);
  const article: Article = {
    id: '01JXSS0000000000000000000',
    desk: POLITICS.id,
    status: 'published',
    version: 3,
    revision: 1,
    title: content.title,
    slug: content.slug,
    lang: content.lang,
    ...(content.deck ? { deck: content.deck } : {}),
    author: { sub: 'reporter-1', name: 'Мария Репортёрова' },
    body,
    contentHash: content.contentHash,
    fixes: content.fixes,
    path,
    firstPublishedAt: PUBLISHED_AT,
    publishedRevision: 1,
    corrections: [],
    createdAt: '2026-11-20T08:00:00.000Z',
    updatedAt: PUBLISHED_AT,
  };
  const html = renderArticleHtml(renderer, { desks, siteConfig: XSS_SITE }, article, POLITICS, {
    path,
    publishedAt: PUBLISHED_AT,
  });
  return { path, html };
};

/** A listed story whose stored title and standfirst are the payload itself (stored text is not trusted either). */
export const hostileListingItem = (payload: string, n = 0): ListingItem => ({
  title: payload,
  deck: payload,
  path: `/politics/2026/11/20/story-${n}/`,
  desk: POLITICS.id,
  lang: 'ru',
  publishedAt: PUBLISHED_AT,
  tags: [payload],
});

const ORDINARY_ITEM: ListingItem = {
  title: 'Ceasefire talks resume in Geneva',
  deck: 'Delegations meet for a second round',
  path: '/world/2026/11/21/ceasefire-talks-resume-in-geneva/',
  desk: 'world',
  lang: 'en',
  publishedAt: '2026-11-21T08:00:00.000Z',
};

/** The front page listing the hostile stories (one or many) next to an ordinary one. */
export const renderHostileFrontPage = (payloads: string | readonly string[]): string =>
  renderer.renderFrontPage({
    site: XSS_SITE,
    desks: XSS_DESKS,
    items: [...[payloads].flat().map((payload, n) => hostileListingItem(payload, n)), ORDINARY_ITEM],
  });

/** The site's Atom feed listing every hostile story. */
export const renderHostileFeed = (payloads: readonly string[]): string =>
  renderer.renderFeed({
    site: XSS_SITE,
    title: XSS_SITE.name,
    path: renderer.SITE_PATHS.feed,
    pagePath: renderer.SITE_PATHS.front,
    lang: 'ru',
    items: payloads.map((payload, n) => hostileListingItem(payload, n)),
  });
