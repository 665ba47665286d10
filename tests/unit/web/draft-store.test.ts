import { describe, expect, it } from 'vitest';
import { createDraftStore, decideRestore, draftKey, type KeyValueStorage } from '../../../web/src/lib/draft-store.js';

/** localStorage's contract in memory, optionally full. */
const memoryStorage = (options: { full?: boolean } = {}): KeyValueStorage & { map: Map<string, string> } => {
  const map = new Map<string, string>();
  return {
    map,
    get length() {
      return map.size;
    },
    key: (i) => [...map.keys()][i] ?? null,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => {
      if (options.full) throw new DOMException('quota', 'QuotaExceededError');
      map.set(k, v);
    },
    removeItem: (k) => {
      map.delete(k);
    },
  };
};

const record = (baseVersion: number, body: string) => ({
  articleId: 'a1',
  baseVersion,
  body,
  savedAt: '2026-11-20T09:00:00.000Z',
});

describe('draft store', () => {
  it('keys records by article id and base version', () => {
    const storage = memoryStorage();
    createDraftStore(storage).save(record(3, 'мой текст'));
    expect([...storage.map.keys()]).toEqual(['newsroom:draft:a1:3']);
    expect(draftKey('a1', 3)).toBe('newsroom:draft:a1:3');
  });

  it('loads what was saved, and keeps one record per article', () => {
    const storage = memoryStorage();
    const store = createDraftStore(storage);
    store.save(record(3, 'первый'));
    store.save(record(5, 'второй'));
    expect(store.load('a1')).toEqual(record(5, 'второй'));
    expect([...storage.map.keys()]).toEqual(['newsroom:draft:a1:5']);
  });

  it('does not mix articles whose ids share a prefix', () => {
    const store = createDraftStore(memoryStorage());
    store.save(record(1, 'a1'));
    store.save({ ...record(1, 'a10'), articleId: 'a10' });
    store.clear('a1');
    expect(store.load('a1')).toBeUndefined();
    expect(store.load('a10')?.body).toBe('a10');
  });

  it('ignores records it cannot read', () => {
    const storage = memoryStorage();
    storage.setItem('newsroom:draft:a1:2', '{not json');
    storage.setItem('newsroom:draft:a1:1', JSON.stringify({ body: 42 }));
    expect(createDraftStore(storage).load('a1')).toBeUndefined();
  });

  it('reports a full storage instead of throwing', () => {
    expect(createDraftStore(memoryStorage({ full: true })).save(record(1, 'x'))).toBe(false);
  });
});

describe('decideRestore', () => {
  const article = { version: 4, body: 'сохранённый' };
  it('does nothing without a record or when the record equals the saved text', () => {
    expect(decideRestore(undefined, article)).toEqual({ kind: 'none' });
    expect(decideRestore(record(2, 'сохранённый'), article)).toEqual({ kind: 'none' });
  });
  it('restores text based on the version the server still has', () => {
    expect(decideRestore(record(4, 'правка'), article)).toEqual({ kind: 'restore', body: 'правка' });
  });
  it('shows text based on an older version as a conflict', () => {
    expect(decideRestore(record(3, 'правка'), article)).toEqual({ kind: 'conflict', body: 'правка', baseVersion: 3 });
  });
});
