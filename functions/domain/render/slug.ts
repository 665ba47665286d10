import slugify from '@sindresorhus/slugify';
import { DomainError } from '../errors.js';

/** Long enough for a real headline's key words, short enough for a URL someone reads aloud or pastes. */
export const MAX_SLUG_LENGTH = 80;
/** For titles with nothing transliterable (only emoji or punctuation); the store keeps slugs unique. */
const FALLBACK_SLUG = 'article';

/**
 * The URL slug of a title: transliterated, lower-case, hyphen-separated (@sindresorhus/slugify), cut at a word
 * boundary when longer than MAX_SLUG_LENGTH.
 * "Страны ОТГ усиливают правовое сотрудничество" → "strany-otg-usilivayut-pravovoe-sotrudnichestvo".
 */
export const buildSlug = (title: string): string => {
  const slug = slugify(title);
  if (!slug) return FALLBACK_SLUG;
  if (slug.length <= MAX_SLUG_LENGTH) return slug;
  const cut = slug.slice(0, MAX_SLUG_LENGTH + 1);
  const boundary = cut.lastIndexOf('-');
  // One enormous "word" has no boundary to cut at: cut it hard.
  return (boundary > 0 ? cut.slice(0, boundary) : cut.slice(0, MAX_SLUG_LENGTH)).replace(/-+$/, '');
};

export const DESK_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The instant of an ISO time, or a clear error (the domain never guesses a time). */
export const parseInstant = (iso: string, what = 'time'): Date => {
  const date = new Date(iso);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(iso) || Number.isNaN(date.getTime())) {
    throw new DomainError(
      'invalid_input',
      `${what} "${iso}" is not an ISO 8601 date-time such as 2026-11-20T09:30:00Z`,
    );
  }
  return date;
};

const calendarFormatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date of an instant in a time zone, as zero-padded parts (Intl does the zone rules; pure). */
export const calendarDateIn = (instant: Date, timeZone: string): { yyyy: string; mm: string; dd: string } => {
  let format = calendarFormatters.get(timeZone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    } catch {
      throw new DomainError('invalid_input', `"${timeZone}" is not an IANA time zone such as Europe/Moscow`);
    }
    calendarFormatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((part) => [part.type, part.value]));
  return { yyyy: parts.year ?? '', mm: parts.month ?? '', dd: parts.day ?? '' };
};

/**
 * `/{desk}/{yyyy}/{mm}/{dd}/{slug}/`, dated by first publication in the desk's time zone: a story published at
 * 00:30 in Moscow on 21 November is filed under the 21st, although it is still the 20th in UTC.
 */
export const buildArticlePath = (deskId: string, publishedAtIso: string, timeZone: string, slug: string): string => {
  if (!DESK_ID.test(deskId)) throw new DomainError('invalid_input', `"${deskId}" is not a desk id such as "politics"`);
  if (!SLUG.test(slug)) throw new DomainError('invalid_input', `"${slug}" is not a slug such as "ministers-meet"`);
  const { yyyy, mm, dd } = calendarDateIn(parseInstant(publishedAtIso, 'publication time'), timeZone);
  return `/${deskId}/${yyyy}/${mm}/${dd}/${slug}/`;
};

/** The 'yyyy-mm' month an article is filed under (its archive page and sitemap shard). */
export const buildArticleMonth = (publishedAtIso: string, timeZone: string): string => {
  const { yyyy, mm } = calendarDateIn(parseInstant(publishedAtIso, 'publication time'), timeZone);
  return `${yyyy}-${mm}`;
};
