import { describe, expect, it } from 'vitest';
import { createPagedList, type Page, type PagedListState } from '../../../web/src/lib/paged-list.js';

/** A request the test answers when it chooses, so answers can arrive in any order. */
const deferred = <T>() => {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

/** Lets the promise callbacks run. */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

const track = () => {
  const states: PagedListState<string>[] = [];
  const list = createPagedList<string>((s) => states.push(s));
  return { list, latest: () => states.at(-1) };
};

describe('paged list', () => {
  it('drops the answer of a superseded query, even when it arrives last', async () => {
    const { list, latest } = track();
    const politics = deferred<Page<string>>();
    const economy = deferred<Page<string>>();
    list.reset(() => politics.promise);
    list.reset(() => economy.promise);
    economy.resolve({ items: ['economy story'] });
    await settle();
    politics.resolve({ items: ['politics story'], nextCursor: 'p2' });
    await settle();
    expect(latest()).toEqual({ items: ['economy story'], nextCursor: undefined, error: undefined, loading: false });
  });

  it('drops a "more" answer that belongs to the query before a reset', async () => {
    const { list, latest } = track();
    const pages: Record<string, ReturnType<typeof deferred<Page<string>>>> = {
      first: deferred(),
      more: deferred(),
      fresh: deferred(),
    };
    list.reset((cursor) => (cursor ? pages.more!.promise : pages.first!.promise));
    pages.first!.resolve({ items: ['a'], nextCursor: 'c2' });
    await settle();
    list.loadMore();
    list.reset(() => pages.fresh!.promise);
    pages.fresh!.resolve({ items: ['z'] });
    await settle();
    pages.more!.resolve({ items: ['b'] });
    await settle();
    expect(latest()?.items).toEqual(['z']);
  });

  it('appends the next page, and asks for it only once while it loads', async () => {
    const { list, latest } = track();
    const cursors: (string | undefined)[] = [];
    list.reset((cursor) => {
      cursors.push(cursor);
      return Promise.resolve(cursor ? { items: ['b'] } : { items: ['a'], nextCursor: 'c2' });
    });
    await settle();
    list.loadMore();
    list.loadMore();
    await settle();
    expect(cursors).toEqual([undefined, 'c2']);
    expect(latest()).toMatchObject({ items: ['a', 'b'], nextCursor: undefined, loading: false });
    list.loadMore();
    expect(cursors).toHaveLength(2);
  });

  it('keeps the list on an error, and clears the error when the next request starts', async () => {
    const { list, latest } = track();
    let fail = false;
    list.reset((cursor) =>
      fail ? Promise.reject(new Error('offline')) : Promise.resolve({ items: [cursor ?? 'a'], nextCursor: 'c2' }),
    );
    await settle();
    fail = true;
    list.loadMore();
    await settle();
    expect(latest()).toMatchObject({ items: ['a'], error: new Error('offline'), loading: false });
    fail = false;
    list.loadMore();
    expect(latest()).toMatchObject({ error: undefined, loading: true });
    await settle();
    expect(latest()).toMatchObject({ items: ['a', 'c2'], error: undefined });
  });

  it('ignores answers that arrive after the screen is gone', async () => {
    const { list, latest } = track();
    const page = deferred<Page<string>>();
    list.reset(() => page.promise);
    const before = latest();
    list.dispose();
    page.resolve({ items: ['late'] });
    await settle();
    expect(latest()).toBe(before);
  });
});
