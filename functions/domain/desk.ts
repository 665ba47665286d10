import { z } from 'zod';
import type { DeskInfo } from './render/types.js';

const deskSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]{1,30}$/, 'desk ids are lower-case words (a-z, 0-9, -)'),
  name: z.string().min(1),
  lang: z.enum(['ru', 'en']),
  timeZone: z.string().refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'unknown IANA time zone'),
});

const desksSchema = z
  .array(deskSchema)
  .min(1)
  .refine((desks) => new Set(desks.map((d) => d.id)).size === desks.length, 'desk ids must be unique');

/** Desks are configured data (content/desks.json), parsed once at start-up. */
export const parseDesks = (input: unknown): DeskInfo[] => desksSchema.parse(input);

export type DeskDirectory = ReadonlyMap<string, DeskInfo>;

export const buildDeskDirectory = (desks: readonly DeskInfo[]): DeskDirectory =>
  new Map(desks.map((d) => [d.id, d]));
