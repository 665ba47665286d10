/**
 * A least-recently-used map from strings to strings, bounded by the characters it holds (keys and values), so a
 * warm Lambda that typesets a few 150,000-character drafts keeps a few megabytes, not all of them. Map keeps
 * insertion order, so the first key is the least recently used one (a hit moves its key to the end).
 * Written by hand: a dozen lines, and lru-cache (not a dependency here) bounds by entries or by a size callback.
 */
export interface BoundedCache {
  get: (key: string) => string | undefined;
  set: (key: string, value: string) => void;
  /** Characters held now (keys and values). */
  size: () => number;
}

export const createBoundedCache = (maxCharacters: number): BoundedCache => {
  const entries = new Map<string, string>();
  let held = 0;
  const drop = (key: string, value: string): void => {
    entries.delete(key);
    held -= key.length + value.length;
  };
  return {
    get: (key) => {
      const value = entries.get(key);
      if (value !== undefined) {
        entries.delete(key);
        entries.set(key, value);
      }
      return value;
    },
    set: (key, value) => {
      const previous = entries.get(key);
      if (previous !== undefined) drop(key, previous);
      const cost = key.length + value.length;
      if (cost > maxCharacters) return;
      for (const [oldKey, oldValue] of entries) {
        if (held + cost <= maxCharacters) break;
        drop(oldKey, oldValue);
      }
      entries.set(key, value);
      held += cost;
    },
    size: () => held,
  };
};
