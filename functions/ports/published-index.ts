import type { ListingItem } from '../domain/render/types.js';

/** Bounded reads of the live archive for rebuilding site indexes. */
export interface PublishedIndex {
  latestOfDesk(desk: string, limit: number): Promise<ListingItem[]>;
  monthOfDesk(desk: string, month: string, limit: number): Promise<ListingItem[]>;
  monthOfSite(month: string, options: { sinceIso?: string; limit: number }): Promise<ListingItem[]>;
}
