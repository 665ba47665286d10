/**
 * A day's archive is cut into chunks by the order in which its stories were first listed: slot 1 is the day's first
 * story, and chunk k holds slots (k-1)·DAY_CHUNK+1 … k·DAY_CHUNK. Numbering runs from the oldest, so a chunk's
 * contents never shift when later stories arrive, and a publish touches only the chunk its slot falls in.
 */
export const DAY_CHUNK = 100;

/** The chunk a slot falls in (slots count from 1). */
export const chunkOfSlot = (slot: number, size: number = DAY_CHUNK): number => Math.ceil(slot / size);

/** The first and last slot of chunk `k`. */
export const slotsOfChunk = (chunk: number, size: number = DAY_CHUNK): { from: number; to: number } => ({
  from: (chunk - 1) * size + 1,
  to: chunk * size,
});

/** How many chunks a day has once `lastSlot` slots were handed out (a day with no slot has none). */
export const chunksOfDay = (lastSlot: number, size: number = DAY_CHUNK): number =>
  lastSlot > 0 ? chunkOfSlot(lastSlot, size) : 0;

/** A desk's day in its month: how many slots were handed out, how many stories are live, when it last changed. */
export interface ArchiveDay {
  /** yyyy-mm-dd of the URL. */
  day: string;
  lastSlot: number;
  live: number;
  updatedAt: string;
}
