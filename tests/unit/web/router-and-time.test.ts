import { describe, expect, it } from 'vitest';
import { buildHref, parseRoute } from '../../../web/src/lib/router.js';
import { formatZonedInput, parseZonedDateTime } from '../../../web/src/lib/zoned-time.js';

describe('hash routes', () => {
  it('parses every screen', () => {
    expect(parseRoute('')).toEqual({ name: 'home' });
    expect(parseRoute('#/')).toEqual({ name: 'home' });
    expect(parseRoute('#/mine')).toEqual({ name: 'mine' });
    expect(parseRoute('#/new')).toEqual({ name: 'new' });
    expect(parseRoute('#/articles/01JABC')).toEqual({ name: 'edit', id: '01JABC' });
    expect(parseRoute('#/review/01JABC')).toEqual({ name: 'review', id: '01JABC' });
    expect(parseRoute('#/desk/politics')).toEqual({ name: 'queue', desk: 'politics', status: 'submitted' });
    expect(parseRoute('#/desk/politics/scheduled')).toEqual({ name: 'queue', desk: 'politics', status: 'scheduled' });
  });

  it('sends unknown paths to the not-found screen', () => {
    expect(parseRoute('#/desk/politics/draft')).toEqual({ name: 'not-found', path: '/desk/politics/draft' });
    expect(parseRoute('#main')).toEqual({ name: 'not-found', path: 'main' });
  });

  it('builds hrefs that parse back to the same route', () => {
    const routes = [
      { name: 'mine' },
      { name: 'edit', id: 'a/b c' },
      { name: 'queue', desk: 'politics', status: 'published' },
    ] as const;
    for (const route of routes) expect(parseRoute(buildHref(route))).toEqual(route);
  });
});

describe('desk time zone', () => {
  it('reads 09:00 in Moscow as 06:00 UTC', () => {
    expect(parseZonedDateTime('2026-11-21T09:00', 'Europe/Moscow')).toBe('2026-11-21T06:00:00.000Z');
  });

  it('follows daylight saving time in London', () => {
    expect(parseZonedDateTime('2026-07-01T09:00', 'Europe/London')).toBe('2026-07-01T08:00:00.000Z');
    expect(parseZonedDateTime('2026-12-01T09:00', 'Europe/London')).toBe('2026-12-01T09:00:00.000Z');
  });

  it('refuses an incomplete value', () => {
    expect(parseZonedDateTime('2026-11-21', 'Europe/Moscow')).toBeUndefined();
  });

  it('formats an instant for the datetime-local input in the desk zone', () => {
    expect(formatZonedInput('2026-11-21T06:00:00.000Z', 'Europe/Moscow')).toBe('2026-11-21T09:00');
    expect(formatZonedInput('2026-07-01T23:30:00.000Z', 'Europe/London')).toBe('2026-07-02T00:30');
  });
});
