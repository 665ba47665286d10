import * as z from 'zod/mini';

/**
 * Unsaved text, kept in the browser so that a reload, a crash or a 409 never loses what was typed. One record per
 * article, keyed by article id and the version the text was based on (`newsroom:draft:<id>:<version>`): the base
 * version tells a plain restore (nobody saved meanwhile) from a conflict (someone did).
 */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

export interface DraftRecord {
  articleId: string;
  /** The article version the text was based on; 0 for a draft not yet created. */
  baseVersion: number;
  body: string;
  /** Desk chosen for a new draft. */
  desk?: string;
  savedAt: string;
}

const recordSchema = z.object({
  articleId: z.string(),
  baseVersion: z.number(),
  body: z.string(),
  desk: z.optional(z.string()),
  savedAt: z.string(),
});

const PREFIX = 'newsroom:draft:';
/** Pseudo-id for text typed on the new-draft screen before the article exists. */
export const NEW_DRAFT_ID = 'new';

export const draftKey = (articleId: string, baseVersion: number): string => `${PREFIX}${articleId}:${baseVersion}`;

export interface DraftStore {
  save(record: DraftRecord): boolean;
  load(articleId: string): DraftRecord | undefined;
  clear(articleId: string): void;
}

export const createDraftStore = (storage: KeyValueStorage): DraftStore => {
  const keysOf = (articleId: string): string[] => {
    const keys: string[] = [];
    for (let i = 0; i < storage.length; i += 1) {
      const key = storage.key(i);
      if (key?.startsWith(`${PREFIX}${articleId}:`)) keys.push(key);
    }
    return keys;
  };
  const read = (key: string): DraftRecord | undefined => {
    try {
      const parsed = recordSchema.safeParse(JSON.parse(storage.getItem(key) ?? 'null'));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    save(record) {
      const key = draftKey(record.articleId, record.baseVersion);
      try {
        storage.setItem(key, JSON.stringify(record));
      } catch {
        // Quota exceeded or storage disabled: the text stays in the page; the caller shows a warning.
        return false;
      }
      for (const other of keysOf(record.articleId)) if (other !== key) storage.removeItem(other);
      return true;
    },
    load(articleId) {
      const records = keysOf(articleId)
        .map(read)
        .filter((r): r is DraftRecord => r !== undefined)
        .sort((a, b) => b.baseVersion - a.baseVersion);
      return records[0];
    },
    clear(articleId) {
      for (const key of keysOf(articleId)) storage.removeItem(key);
    },
  };
};

/**
 * What to do with a stored record when an article opens: nothing (no record, or it matches the saved text),
 * restore it (based on the version the server still has), or show it as a conflict (the story moved on since).
 */
export type RestoreDecision =
  { kind: 'none' } | { kind: 'restore'; body: string } | { kind: 'conflict'; body: string; baseVersion: number };

export const decideRestore = (
  record: DraftRecord | undefined,
  article: { version: number; body: string },
): RestoreDecision => {
  if (!record || record.body === article.body) return { kind: 'none' };
  if (record.baseVersion === article.version) return { kind: 'restore', body: record.body };
  return { kind: 'conflict', body: record.body, baseVersion: record.baseVersion };
};
