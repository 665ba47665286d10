import { escapeHtml } from './escape.js';
import { renderThumbnail } from './figures.js';
import { formatDateTime, formatDay, formatMonth, LABELS } from './labels.js';
import { renderDocument } from './layout.js';
import { requireSitePath, SITE_PATHS } from './site-paths.js';
import { parseInstant } from './slug.js';
import { typesetText } from './typeset.js';
import type { DeskInfo, Lang, ListingItem, SiteConfig } from './types.js';

/** Newest first, whatever order the query returned (stable for equal times). */
const newestFirst = (items: readonly ListingItem[]): ListingItem[] =>
  [...items].sort((a, b) => parseInstant(b.publishedAt).getTime() - parseInstant(a.publishedAt).getTime());

interface ListOptions {
  pageLang: Lang;
  /** Desks by id, for time zones and (on the front page) the desk label of each story. */
  desks: ReadonlyMap<string, DeskInfo>;
  showDesk: boolean;
  fallbackTimeZone: string;
}

const renderStory = (item: ListingItem, options: ListOptions): string => {
  const desk = options.desks.get(item.desk);
  const timeZone = desk?.timeZone ?? options.fallbackTimeZone;
  // A story in another language than the page is marked, so screen readers and hyphenation switch with it.
  const langAttr = item.lang === options.pageLang ? '' : ` lang="${item.lang}"`;
  const kicker =
    options.showDesk && desk
      ? `<p class="kicker"><a href="${escapeHtml(SITE_PATHS.deskPage(desk.id))}">${escapeHtml(desk.name)}</a></p>`
      : '';
  const iso = parseInstant(item.publishedAt).toISOString();
  const path = requireSitePath(item.path);
  // Blank text would leave an empty heading, a link with no name and an empty paragraph (invalid and unreadable
  // to screen readers). Publishing refuses a blank title, but listings are read back from storage: the link then
  // names its own path rather than nothing, and a blank deck is left out.
  const title = typesetText(item.title, item.lang).trim() || path;
  const deck = item.deck ? typesetText(item.deck, item.lang).trim() : '';
  return (
    `<li${langAttr}>${renderThumbnail(item.image)}${kicker}` +
    `<h2><a href="${escapeHtml(path)}">${escapeHtml(title)}</a></h2>` +
    (deck ? `<p>${escapeHtml(deck)}</p>` : '') +
    `<p class="meta"><time datetime="${iso}">${escapeHtml(formatDateTime(item.publishedAt, item.lang, timeZone))}</time></p>` +
    '</li>'
  );
};

const renderStories = (items: readonly ListingItem[], options: ListOptions): string =>
  items.length
    ? `<ol class="stories">${newestFirst(items)
        .map((item) => renderStory(item, options))
        .join('')}</ol>`
    : `<p>${escapeHtml(LABELS[options.pageLang].nothingYet)}</p>`;

const deskSections = (desks: readonly DeskInfo[]) =>
  desks.map((desk) => ({ name: desk.name, path: SITE_PATHS.deskPage(desk.id) }));

/** The front page: the latest stories across desks. */
export const renderFrontPage = (input: { site: SiteConfig; items: ListingItem[]; desks: DeskInfo[] }): string => {
  const { site } = input;
  const labels = LABELS[site.lang];
  const desks = new Map(input.desks.map((desk) => [desk.id, desk]));
  return renderDocument({
    site,
    lang: site.lang,
    title: site.name,
    description: site.description,
    canonicalPath: SITE_PATHS.front,
    sections: deskSections(input.desks),
    feed: { title: site.name, path: SITE_PATHS.feed },
    main:
      `<h1>${escapeHtml(labels.latest)}</h1>` +
      renderStories(input.items, { pageLang: site.lang, desks, showDesk: true, fallbackTimeZone: 'UTC' }),
  });
};

const renderMonthLinks = (desk: DeskInfo, months: readonly string[]): string =>
  months.length
    ? `<h2>${escapeHtml(LABELS[desk.lang].archive)}</h2><ul class="months">${months
        .map(
          (month) =>
            `<li><a href="${escapeHtml(SITE_PATHS.monthArchive(desk.id, month))}">${escapeHtml(formatMonth(month, desk.lang))}</a></li>`,
        )
        .join('')}</ul>`
    : '';

/** One desk's stories, in its language and time zone, without the desk label on each. */
const renderDeskStories = (desk: DeskInfo, items: ListingItem[]): string =>
  renderStories(items, {
    pageLang: desk.lang,
    desks: new Map([[desk.id, desk]]),
    showDesk: false,
    fallbackTimeZone: desk.timeZone,
  });

/** A desk's page: its latest stories and links to its month archives (and to the newest day's archive). */
export const renderDeskPage = (input: {
  site: SiteConfig;
  desk: DeskInfo;
  items: ListingItem[];
  months: string[];
  /** The newest day with a story ('yyyy-mm-dd'), linked as the way into the day archives. */
  latestDay?: string;
}): string => {
  const { site, desk } = input;
  const dayLink = input.latestDay
    ? `<p><a href="${escapeHtml(SITE_PATHS.dayArchive(desk.id, input.latestDay))}">${escapeHtml(
        LABELS[desk.lang].dayArchiveOf(desk.name, formatDay(input.latestDay, desk.lang)),
      )}</a></p>`
    : '';
  return renderDocument({
    site,
    lang: desk.lang,
    title: `${desk.name} — ${site.name}`,
    description: LABELS[desk.lang].allOf(desk.name),
    canonicalPath: SITE_PATHS.deskPage(desk.id),
    sections: [{ name: desk.name, path: SITE_PATHS.deskPage(desk.id) }],
    feed: { title: `${desk.name} — ${site.name}`, path: SITE_PATHS.deskFeed(desk.id) },
    main:
      `<h1>${escapeHtml(desk.name)}</h1>` +
      renderDeskStories(desk, input.items) +
      dayLink +
      renderMonthLinks(desk, input.months),
  });
};

/** One month of a desk: its days, each linked to its day archive with the number of its stories. */
export const renderMonthArchivePage = (input: {
  site: SiteConfig;
  desk: DeskInfo;
  month: string;
  days: ReadonlyArray<{ day: string; count: number }>;
}): string => {
  const { site, desk, month } = input;
  const labels = LABELS[desk.lang];
  const heading = labels.monthArchiveOf(desk.name, formatMonth(month, desk.lang));
  const days = [...input.days].filter((d) => d.count > 0).sort((a, b) => b.day.localeCompare(a.day));
  const list = days.length
    ? `<ul class="days">${days
        .map(
          (d) =>
            `<li><a href="${escapeHtml(SITE_PATHS.dayArchive(desk.id, d.day))}">${escapeHtml(formatDay(d.day, desk.lang))}</a> ` +
            `<span class="meta">${escapeHtml(labels.storiesCount(d.count))}</span></li>`,
        )
        .join('')}</ul>`
    : `<p>${escapeHtml(labels.nothingYet)}</p>`;
  return renderDocument({
    site,
    lang: desk.lang,
    title: `${heading} — ${site.name}`,
    description: `${labels.archive}. ${heading}`,
    canonicalPath: SITE_PATHS.monthArchive(desk.id, month),
    sections: [{ name: desk.name, path: SITE_PATHS.deskPage(desk.id) }],
    feed: { title: `${desk.name} — ${site.name}`, path: SITE_PATHS.deskFeed(desk.id) },
    main:
      `<h1>${escapeHtml(heading)}</h1>` +
      list +
      `<p><a href="${escapeHtml(SITE_PATHS.deskPage(desk.id))}">${escapeHtml(labels.allOf(desk.name))}</a></p>`,
  });
};

/**
 * One chunk of a desk's day: /{desk}/{yyyy}/{mm}/{dd}/ shows the newest chunk and links to every older one;
 * /{desk}/{yyyy}/{mm}/{dd}/{k}/ shows chunk k and links to the one before it and to the day's newest. A chunk page
 * names no later chunk, so it never has to be rewritten when one begins.
 */
export const renderDayArchivePage = (input: {
  site: SiteConfig;
  desk: DeskInfo;
  day: string;
  /** The chunk shown. */
  chunk: number;
  /** How many chunks the day has (the newest is `chunks`). */
  chunks: number;
  /** Whether this is the day's own address (the newest chunk) rather than the chunk's. */
  atDay: boolean;
  items: ListingItem[];
  /** The month's day before this one that has stories, if any. */
  previousDay?: string;
}): string => {
  const { site, desk, day, chunk } = input;
  const labels = LABELS[desk.lang];
  const dayName = formatDay(day, desk.lang);
  const heading = labels.dayArchiveOf(desk.name, dayName);
  const link = (path: string, text: string) => `<a href="${escapeHtml(path)}">${escapeHtml(text)}</a>`;
  const older = input.atDay
    ? Array.from({ length: input.chunks - 1 }, (_, i) => input.chunks - 1 - i)
    : chunk > 1
      ? [chunk - 1]
      : [];
  const nav = [
    older.length
      ? `<h2>${escapeHtml(labels.earlierThatDay)}</h2><ul class="chunks">${older
          .map((k) => `<li>${link(SITE_PATHS.dayArchiveChunk(desk.id, day, k), labels.chunkOf(k))}</li>`)
          .join('')}</ul>`
      : '',
    input.atDay ? '' : `<p>${link(SITE_PATHS.dayArchive(desk.id, day), labels.latestOfDay)}</p>`,
    input.previousDay
      ? `<p>${link(SITE_PATHS.dayArchive(desk.id, input.previousDay), `${labels.previousDay}: ${formatDay(input.previousDay, desk.lang)}`)}</p>`
      : '',
    `<p>${link(SITE_PATHS.monthArchive(desk.id, day.slice(0, 7)), labels.monthOf(formatMonth(day.slice(0, 7), desk.lang)))}</p>`,
  ].join('');
  const title = input.atDay ? heading : `${heading}. ${labels.chunkOf(chunk)}`;
  return renderDocument({
    site,
    lang: desk.lang,
    title: `${title} — ${site.name}`,
    description: `${labels.archive}. ${title}`,
    canonicalPath: input.atDay ? SITE_PATHS.dayArchive(desk.id, day) : SITE_PATHS.dayArchiveChunk(desk.id, day, chunk),
    sections: [{ name: desk.name, path: SITE_PATHS.deskPage(desk.id) }],
    feed: { title: `${desk.name} — ${site.name}`, path: SITE_PATHS.deskFeed(desk.id) },
    main: `<h1>${escapeHtml(title)}</h1>` + renderDeskStories(desk, input.items) + nav,
  });
};
