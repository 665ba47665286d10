import { parseDay, parseMonth } from './site-paths.js';
import { parseInstant } from './slug.js';
import type { Lang } from './types.js';

/** Russian plural forms: 1 материал, 2 материала, 5 материалов (11–14 take the last). */
const pluralRu = (n: number, one: string, few: string, many: string): string => {
  const tens = n % 100;
  const units = n % 10;
  if (tens >= 11 && tens <= 14) return many;
  if (units === 1) return one;
  return units >= 2 && units <= 4 ? few : many;
};

/** Every word the templates print, per language. */
export const LABELS = {
  ru: {
    skipToContent: 'Перейти к материалу',
    sections: 'Разделы',
    previewBanner: 'Предпросмотр: материал ещё не опубликован',
    previewBannerLive: 'Предпросмотр: материал опубликован, здесь — текущая правка',
    updated: 'обновлено',
    corrections: 'Исправления',
    correctionAt: 'Исправлено',
    goneTitle: 'Материал снят с публикации',
    goneText: 'Редакция сняла этот материал с публикации.',
    goneReason: 'Причина',
    notFoundTitle: 'Страница не найдена',
    notFoundText: 'Такой страницы нет: возможно, адрес набран с ошибкой или страница удалена.',
    toFront: 'На главную',
    latest: 'Последние материалы',
    archive: 'Архив',
    nothingYet: 'Материалов пока нет.',
    feed: 'Лента Atom',
    monthArchiveOf: (desk: string, month: string) => `${desk}: ${month}`,
    dayArchiveOf: (desk: string, day: string) => `${desk}: ${day}`,
    allOf: (desk: string) => `Все материалы раздела «${desk}»`,
    storiesCount: (n: number) => `${n} ${pluralRu(n, 'материал', 'материала', 'материалов')}`,
    earlierThatDay: 'Ранее в этот день',
    chunkOf: (k: number) => `Часть ${k}`,
    latestOfDay: 'Последние за день',
    previousDay: 'Предыдущий день',
    monthOf: (month: string) => `Весь месяц: ${month}`,
  },
  en: {
    skipToContent: 'Skip to content',
    sections: 'Sections',
    previewBanner: 'Preview: this article is not published yet',
    previewBannerLive: 'Preview: this article is published; this is the current edit',
    updated: 'updated',
    corrections: 'Corrections',
    correctionAt: 'Corrected',
    goneTitle: 'This article has been removed',
    goneText: 'The newsroom has taken this article down.',
    goneReason: 'Reason',
    notFoundTitle: 'Page not found',
    notFoundText: 'There is no page at this address: it may have been mistyped or removed.',
    toFront: 'Front page',
    latest: 'Latest',
    archive: 'Archive',
    nothingYet: 'Nothing here yet.',
    feed: 'Atom feed',
    monthArchiveOf: (desk: string, month: string) => `${desk}: ${month}`,
    dayArchiveOf: (desk: string, day: string) => `${desk}: ${day}`,
    allOf: (desk: string) => `Everything from ${desk}`,
    storiesCount: (n: number) => `${n} ${n === 1 ? 'story' : 'stories'}`,
    earlierThatDay: 'Earlier that day',
    chunkOf: (k: number) => `Part ${k}`,
    latestOfDay: 'Latest of the day',
    previousDay: 'Previous day',
    monthOf: (month: string) => `The whole month: ${month}`,
  },
} as const satisfies Record<Lang, Record<string, unknown>>;

export type Labels = (typeof LABELS)[Lang];

const LOCALE: Record<Lang, string> = { ru: 'ru-RU', en: 'en-GB' };
/** og:locale wants language_TERRITORY. */
export const OG_LOCALE: Record<Lang, string> = { ru: 'ru_RU', en: 'en_GB' };

const formatters = new Map<string, Intl.DateTimeFormat>();
const formatterFor = (key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat => {
  let format = formatters.get(key);
  if (!format) {
    format = make();
    formatters.set(key, format);
  }
  return format;
};

/**
 * "20 ноября 2026, 12:30" / "20 November 2026, 09:30" in the desk's time zone. Built from parts so both languages
 * read the same way (Intl's own ru pattern is the clerical "20 ноября 2026 г. в 12:30").
 */
export const formatDateTime = (iso: string, lang: Lang, timeZone: string): string => {
  const format = formatterFor(
    `dt|${lang}|${timeZone}`,
    () =>
      new Intl.DateTimeFormat(LOCALE[lang], {
        timeZone,
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }),
  );
  const parts = Object.fromEntries(format.formatToParts(parseInstant(iso)).map((p) => [p.type, p.value]));
  return `${parts.day} ${parts.month} ${parts.year}, ${parts.hour}:${parts.minute}`;
};

/** "Ноябрь 2026" / "November 2026" for a 'yyyy-mm' month (the calendar month itself, so no time zone). */
export const formatMonth = (month: string, lang: Lang): string => {
  const { yyyy, mm } = parseMonth(month);
  const format = formatterFor(
    `m|${lang}`,
    () => new Intl.DateTimeFormat(LOCALE[lang], { timeZone: 'UTC', month: 'long' }),
  );
  const name = format.format(new Date(Date.UTC(Number(yyyy), Number(mm) - 1, 15)));
  return `${name.charAt(0).toLocaleUpperCase(LOCALE[lang])}${name.slice(1)} ${yyyy}`;
};

/** "20 ноября 2026" / "20 November 2026" for a 'yyyy-mm-dd' day of the URL (the calendar day itself). */
export const formatDay = (day: string, lang: Lang): string => {
  const { yyyy, mm, dd } = parseDay(day);
  const format = formatterFor(
    `d|${lang}`,
    () => new Intl.DateTimeFormat(LOCALE[lang], { timeZone: 'UTC', day: 'numeric', month: 'long' }),
  );
  return `${format.format(new Date(Date.UTC(Number(yyyy), Number(mm) - 1, Number(dd), 12)))} ${yyyy}`;
};
