import { formatZonedInput } from './zoned-time.js';

/** What the calendar needs of a story: when it is due. */
interface Scheduled {
  publishAt?: string;
}

/** Scheduled stories grouped by day in `timeZone`, days and stories in time order. */
export const groupByDeskDay = <A extends Scheduled>(
  items: readonly A[],
  timeZone: string,
): { day: string; items: { time: string; article: A }[] }[] => {
  const days = new Map<string, { time: string; article: A }[]>();
  const scheduled = items
    .filter((a): a is A & { publishAt: string } => a.publishAt !== undefined)
    .sort((a, b) => a.publishAt.localeCompare(b.publishAt));
  for (const a of scheduled) {
    const local = formatZonedInput(a.publishAt, timeZone);
    const day = local.slice(0, 10);
    days.set(day, [...(days.get(day) ?? []), { time: local.slice(11), article: a }]);
  }
  return [...days].map(([day, list]) => ({ day, items: list }));
};
