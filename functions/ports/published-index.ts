import type { ArchiveDay } from '../domain/day-archive.js';
import type { ListingItem } from '../domain/render/types.js';

/** A live story as the published lists hold it: what pages list, and the article it belongs to. */
export interface PublishedStory extends ListingItem {
  id: string;
}

/** Where a story sits in its day's archive: the slot it was given when first listed (it keeps it for ever). */
export interface DaySlot {
  desk: string;
  day: string;
  slot: number;
}

/**
 * Bounded reads of the live archive for rebuilding site indexes. The desk and month lists are secondary indexes: they
 * may trail the latest commit by a moment (eventually consistent), which is why a rebuild checks that they show the
 * stories it was woken for before it marks the work done. The day archive (slots and day counters) is written by the
 * rebuild itself and read consistently.
 */
export interface PublishedIndex {
  /** A desk's stories, newest day first (the URL's day, then time of first publication). */
  latestOfDesk(desk: string, limit: number): Promise<PublishedStory[]>;
  /** A desk's stories of one month (yyyy-mm of the URL), in the same order. */
  monthOfDesk(desk: string, month: string, limit: number): Promise<PublishedStory[]>;
  /** Every desk's stories of one month of the URL, newest first publication first, optionally only since `sinceIso`. */
  monthOfSite(month: string, options: { sinceIso?: string; limit: number }): Promise<PublishedStory[]>;
  /**
   * Records a story in its day's archive as it now is: a live story (`story` given) gets the day's next slot the first
   * time and keeps it after (corrections update it in place, a take-down hides it, a restore shows it again in the
   * same slot); the day's live count follows. Idempotent. Returns the story's slot, undefined if it never had one.
   * Refused as DomainError `conflict` when another runner changed the same day or story meanwhile, or already recorded
   * a later `version` of the article (a runner that lost its lease cannot write an older state over a newer).
   */
  placeInDay(
    entry: { id: string; desk: string; day: string; version: number; story?: PublishedStory },
    nowIso: string,
  ): Promise<DaySlot | undefined>;
  /** The live stories in slots `from`…`to` of a desk's day, in slot order (a consistent read of at most to-from+1). */
  slotsOfDay(desk: string, day: string, range: { from: number; to: number }): Promise<PublishedStory[]>;
  /** A desk's days of one month that ever had a story (at most 31), oldest first (a consistent read). */
  daysOfMonth(desk: string, month: string): Promise<ArchiveDay[]>;
}
