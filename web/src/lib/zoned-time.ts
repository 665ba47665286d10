/**
 * Wall-clock time in a desk's time zone ⇄ UTC. The desk schedules "09:00 in Moscow" whatever the browser's own
 * zone is. Intl knows every IANA zone and its DST rules, so no tz database is bundled.
 */
const partsIn = (ms: number, timeZone: string): Record<string, number> => {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const out: Record<string, number> = {};
  for (const part of format.formatToParts(new Date(ms))) {
    if (part.type !== 'literal') out[part.type] = Number(part.value);
  }
  return out;
};

/** Offset of the zone from UTC at an instant, in ms (Moscow: +3 h). */
export const zoneOffsetMs = (ms: number, timeZone: string): number => {
  const p = partsIn(ms, timeZone);
  const asUtc = Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
  return asUtc - Math.floor(ms / 1000) * 1000;
};

const LOCAL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** `2026-11-21T09:00` (an `<input type="datetime-local">` value) read in `timeZone` → ISO instant, or undefined. */
export const parseZonedDateTime = (local: string, timeZone: string): string | undefined => {
  const m = LOCAL_PATTERN.exec(local);
  if (!m) return undefined;
  const [, y, mo, d, h, mi] = m.map(Number);
  const wall = Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0);
  // Two passes settle the offset across a DST change.
  let guess = wall - zoneOffsetMs(wall, timeZone);
  guess = wall - zoneOffsetMs(guess, timeZone);
  return new Date(guess).toISOString();
};

/** ISO instant → `YYYY-MM-DDTHH:mm` wall-clock time in `timeZone` (for the datetime-local input). */
export const formatZonedInput = (iso: string, timeZone: string): string => {
  const p = partsIn(Date.parse(iso), timeZone);
  const pad = (n: number | undefined): string => String(n ?? 0).padStart(2, '0');
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
};

/** The interface language's locale for Intl (numbers, dates). */
export const localeOf = (lang: 'ru' | 'en'): string => (lang === 'ru' ? 'ru-RU' : 'en-GB');

/**
 * The app's one way of showing an instant: day, month, year and time in the desk's zone, without a zone name (each
 * screen names the zone once, in its clock note). Not a date: shown as given.
 */
export const formatZonedDateTime = (lang: 'ru' | 'en', iso: string, timeZone: string): string => {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(localeOf(lang), {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).format(date);
};

/** Counts and limits as people write them in the language (98 304 in Russian, 98,304 in English). */
export const formatCount = (lang: 'ru' | 'en', n: number): string => new Intl.NumberFormat(localeOf(lang)).format(n);
