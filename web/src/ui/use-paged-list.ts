import { useEffect, useRef, useState } from 'preact/hooks';
import { createPagedList, type FetchPage, type PagedList, type PagedListState } from '../lib/paged-list.js';

/**
 * A cursor-paged list for a screen (see createPagedList for its rules). `key` names the query: when it changes, the
 * list starts over and answers for the old query are dropped.
 */
export const usePagedList = <T>(fetchPage: FetchPage<T>, key: string): PagedListState<T> & { loadMore: () => void } => {
  const [state, setState] = useState<PagedListState<T>>({
    items: undefined,
    nextCursor: undefined,
    error: undefined,
    loading: true,
  });
  const list = useRef<PagedList<T>>();
  list.current ??= createPagedList<T>(setState);
  // The fetcher of the render that changed the key is the one to use; later renders' closures ask the same thing.
  const latestFetch = useRef(fetchPage);
  latestFetch.current = fetchPage;
  useEffect(() => {
    const current = list.current;
    current?.reset((cursor) => latestFetch.current(cursor));
  }, [key]);
  useEffect(
    () => () => {
      list.current?.dispose();
    },
    [],
  );
  return {
    ...state,
    loadMore: () => {
      list.current?.loadMore();
    },
  };
};
