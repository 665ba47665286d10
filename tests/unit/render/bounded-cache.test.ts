import { describe, expect, it } from 'vitest';
import { createBoundedCache } from '../../../functions/domain/render/bounded-cache.js';

describe('createBoundedCache', () => {
  it('returns what was stored, and nothing for unknown keys', () => {
    const cache = createBoundedCache(100);
    cache.set('a', 'alpha');
    expect(cache.get('a')).toBe('alpha');
    expect(cache.get('b')).toBeUndefined();
    expect(cache.size()).toBe(6);
  });

  it('drops the least recently used entries to stay within its characters', () => {
    const cache = createBoundedCache(12);
    cache.set('k1', '1111');
    cache.set('k2', '2222');
    expect(cache.get('k1')).toBe('1111');
    cache.set('k3', '3333');
    expect(cache.get('k2')).toBeUndefined();
    expect(cache.get('k1')).toBe('1111');
    expect(cache.get('k3')).toBe('3333');
    expect(cache.size()).toBe(12);
  });

  it('replaces a key without counting it twice, and never holds an entry larger than its bound', () => {
    const cache = createBoundedCache(10);
    cache.set('k', '1234');
    cache.set('k', '12');
    expect(cache.size()).toBe(3);
    cache.set('big', '123456789');
    expect(cache.get('big')).toBeUndefined();
    expect(cache.get('k')).toBe('12');
  });
});
