import { useState } from 'react';
import { LIMITS } from '../../../src/contracts/index.js';

/** Filter plus paging for a searchable table: a new filter starts again at page 1. */
export function useListState<F extends object>(initial: F) {
  const [filter, setFilterState] = useState<F>(initial);
  const [paging, setPaging] = useState({ page: 1, pageSize: LIMITS.pageSizeDefault as number });
  return {
    filter,
    page: paging.page,
    pageSize: paging.pageSize,
    setFilter: (next: F) => {
      setFilterState(next);
      setPaging((current) => ({ ...current, page: 1 }));
    },
    setPage: (page: number, pageSize: number) => setPaging((current) => ({ page: pageSize === current.pageSize ? page : 1, pageSize })),
  };
}
