/** One page of a list, as the API answers it: the items and, when there are more, the cursor for the next page. */
export interface Page<T> {
  items: T[];
  nextCursor?: string | undefined;
}

export type FetchPage<T> = (cursor: string | undefined) => Promise<Page<T>>;

export interface PagedListState<T> {
  /** Undefined until the first page has arrived. */
  items: T[] | undefined;
  nextCursor: string | undefined;
  error: unknown;
  loading: boolean;
}

const LOADING: PagedListState<never> = { items: undefined, nextCursor: undefined, error: undefined, loading: true };

export interface PagedList<T> {
  /** Starts over with another query (another desk, status, or the same one again): drops whatever is in flight. */
  reset(fetchPage: FetchPage<T>): void;
  /** Appends the next page, if there is one and nothing is loading. */
  loadMore(): void;
  /** The screen is gone: answers still in flight are dropped. */
  dispose(): void;
}

/**
 * A cursor-paged list with the rules both list screens need: an answer is applied only if its request is still the
 * current one (after a reset, a late answer for the previous query would otherwise replace the new list), an error
 * is cleared by the next request, and "more" appends to the list it was asked for. Framework-free, so the rules have
 * unit tests; `usePagedList` (web/src/ui) binds it to a component.
 */
export const createPagedList = <T>(onChange: (state: PagedListState<T>) => void): PagedList<T> => {
  let generation = 0;
  let state: PagedListState<T> = LOADING;
  let fetchPage: FetchPage<T> | undefined;
  const set = (next: PagedListState<T>): void => {
    state = next;
    onChange(next);
  };
  const request = (cursor: string | undefined): void => {
    const current = fetchPage;
    if (!current) return;
    const mine = generation;
    set({ ...state, error: undefined, loading: true });
    current(cursor).then(
      (page) => {
        if (mine !== generation) return;
        const items = cursor !== undefined && state.items ? [...state.items, ...page.items] : page.items;
        set({ items, nextCursor: page.nextCursor, error: undefined, loading: false });
      },
      (error: unknown) => {
        if (mine !== generation) return;
        set({ ...state, error, loading: false });
      },
    );
  };
  return {
    reset(next) {
      generation += 1;
      fetchPage = next;
      set(LOADING);
      request(undefined);
    },
    loadMore() {
      if (state.loading || state.nextCursor === undefined) return;
      request(state.nextCursor);
    },
    dispose() {
      generation += 1;
      fetchPage = undefined;
    },
  };
};
