import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { currentSearch, listSearch, pagingFromSearch } from './url-params';

/**
 * `useListState` kept in the URL: the same filter, page and setters, read from and written to
 * the query string, so the back button, a reload or a shared link shows the same list. `read`
 * checks what the URL holds (a module-level function: the filter is recomputed only when the
 * URL changes); `keep` names parameters of the page itself (a tab) that a new filter keeps.
 */
export function useUrlListState<F extends object>(read: (search: URLSearchParams) => F, keep: readonly string[] = []) {
  const [search, setSearch] = useSearchParams();
  const filter = useMemo(() => read(search), [read, search]);
  const { page, pageSize } = pagingFromSearch(search);
  // Each change starts from the URL as it is now (`currentSearch`), not as this render saw it.
  const write = (change: (current: { filter: F; page: number; pageSize: number }) => { filter: F; page: number; pageSize: number }) => {
    const current = currentSearch();
    const params = listSearch(change({ filter: read(current), ...pagingFromSearch(current) }));
    for (const key of keep) {
      const value = current.get(key);
      if (value !== null) params.set(key, value);
    }
    setSearch(params);
  };
  return {
    filter,
    page,
    pageSize,
    setFilter: (next: F) => write((current) => ({ ...current, filter: next, page: 1 })),
    setPage: (nextPage: number, nextPageSize: number) =>
      write((current) => ({ ...current, page: nextPageSize === current.pageSize ? nextPage : 1, pageSize: nextPageSize })),
  };
}
