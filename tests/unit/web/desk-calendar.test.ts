import { describe, expect, it } from 'vitest';
import { groupByDeskDay } from '../../../web/src/lib/desk-calendar.js';

describe('the desk calendar', () => {
  it('groups scheduled stories by day in the desk’s zone, in time order, whatever the browser’s zone', () => {
    const stories = [
      { id: 'late', publishAt: '2026-12-01T20:30:00.000Z' },
      { id: 'morning', publishAt: '2026-12-01T06:00:00.000Z' },
      { id: 'unscheduled' },
      { id: 'evening', publishAt: '2026-12-01T18:00:00.000Z' },
    ];
    const days = groupByDeskDay(stories, 'Europe/Moscow');
    // 20:30 UTC is 23:30 in Moscow, still 1 December; 21:00 UTC would be the next day there.
    expect(days.map((d) => [d.day, d.items.map((i) => [i.time, i.article.id])])).toEqual([
      [
        '2026-12-01',
        [
          ['09:00', 'morning'],
          ['21:00', 'evening'],
          ['23:30', 'late'],
        ],
      ],
    ]);
    const nextDay = groupByDeskDay([{ id: 'x', publishAt: '2026-12-01T21:00:00.000Z' }], 'Europe/Moscow');
    expect(nextDay).toEqual([
      { day: '2026-12-02', items: [{ time: '00:00', article: { id: 'x', publishAt: '2026-12-01T21:00:00.000Z' } }] },
    ]);
    expect(groupByDeskDay([{ id: 'x', publishAt: '2026-12-01T21:00:00.000Z' }], 'UTC')[0]?.day).toBe('2026-12-01');
  });
});
