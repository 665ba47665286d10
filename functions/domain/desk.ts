import en from 'zod/v4/locales/en.js';
import * as z from 'zod/mini';
import type { DeskInfo } from './render/types.js';

/**
 * Whether the runtime knows a time zone. Constructing the first Intl.DateTimeFormat costs ~12 ms (ICU's date-format
 * data), valid zone or not, and desks are parsed at every Lambda cold start; the list of canonical zones costs ~3 ms.
 * A zone not in it (an alias such as `UTC` or `US/Eastern`, or a typo) still gets the full check.
 */
const isKnownTimeZone = (tz: string): boolean => {
  if (Intl.supportedValuesOf('timeZone').includes(tz)) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

const deskSchema = z.object({
  id: z.string().check(z.regex(/^[a-z][a-z0-9-]{1,30}$/, 'desk ids are lower-case words (a-z, 0-9, -)')),
  name: z.string().check(z.minLength(1)),
  lang: z.enum(['ru', 'en']),
  timeZone: z.string().check(z.refine(isKnownTimeZone, 'unknown IANA time zone')),
  telegramChannel: z.optional(
    z.string().check(z.regex(/^(@[A-Za-z][A-Za-z0-9_]{4,31}|-?\d{5,20})$/, 'a Telegram @channel name or chat id')),
  ),
});

const desksSchema = z.array(deskSchema).check(
  z.minLength(1),
  z.refine((desks) => new Set(desks.map((d) => d.id)).size === desks.length, 'desk ids must be unique'),
);

/** zod/mini has no messages of its own: checks without one above get zod's English messages (about 3 KB of code). */
const englishIssues = en().localeError;

/** Desks are configured data (content/desks.json), parsed once at start-up. */
export const parseDesks = (input: unknown): DeskInfo[] => desksSchema.parse(input, { error: englishIssues });

export type DeskDirectory = ReadonlyMap<string, DeskInfo>;

export const buildDeskDirectory = (desks: readonly DeskInfo[]): DeskDirectory => new Map(desks.map((d) => [d.id, d]));
