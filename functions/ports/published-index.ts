import type { ListingItem } from '../domain/render/types.js';

/** A live story as the published lists hold it: what pages list, and the article it belongs to. */
export interface PublishedStory extends ListingItem {
  id: string;
}

/**
 * Bounded reads of the live archive for rebuilding site indexes. These lists are secondary indexes: they may trail
 * the latest commit by a moment (eventually consistent), which is why a rebuild checks that they show the stories it
 * was woken for before it marks the work done.
 */
export interface PublishedIndex {
  /** A desk's stories, newest day first (the URL's day, then time of first publication). */
  latestOfDesk(desk: string, limit: number): Promise<PublishedStory[]>;
  /** A desk's stories of one month (yyyy-mm of the URL), in the same order. */
  monthOfDesk(desk: string, month: string, limit: number): Promise<PublishedStory[]>;
  /** Every desk's stories of one month of the URL, newest first publication first, optionally only since `sinceIso`. */
  monthOfSite(month: string, options: { sinceIso?: string; limit: number }): Promise<PublishedStory[]>;
}
