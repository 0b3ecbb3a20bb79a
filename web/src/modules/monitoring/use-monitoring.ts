import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { shanghaiDate } from '../../../../src/contracts/index.js';
import { api, type MonitoringFilter } from '../../api/endpoints';

const FIVE_MINUTES = 5 * 60_000;

/** One cache entry per year, date and unit, whichever page asks (the probe below reuses it). */
export function overviewKey(filter: MonitoringFilter) {
  const { year, asOf, unitId } = filter;
  return ['monitoring', 'overview', { year, ...(asOf ? { asOf } : {}), ...(unitId ? { unitId } : {}) }] as const;
}

export function useOverview(filter: MonitoringFilter | null) {
  return useQuery({
    queryKey: overviewKey(filter ?? { year: 0 }),
    queryFn: () => api.monitoring.overview(filter!),
    enabled: filter !== null,
    staleTime: 60_000,
  });
}

/** The boundaries never change while the app runs. */
export function useUnitMap() {
  return useQuery({ queryKey: ['monitoring', 'map'], queryFn: api.monitoring.map, staleTime: Number.POSITIVE_INFINITY, retry: false });
}

export function currentYear(now: Date = new Date()): number {
  return Number(shanghaiDate(now).slice(0, 4));
}

/** The year found for this session, so the menu entry opens on it again without asking. */
let rememberedYear: number | undefined;

/**
 * The year a page opens on when the URL names none: this year if it has any project with a
 * plan or a report, else the latest year before it that has (the demo is 2022), else this year
 * with its empty state. One small request (`GET /monitoring/years`), not an overview per year.
 */
export function useDefaultYear(params: { year?: number | undefined; unitId?: number | undefined }, onResolved: (year: number) => void) {
  const thisYear = currentYear();
  const isResolving = params.year === undefined;
  const remembered = isResolving && params.unitId === undefined ? rememberedYear : undefined;
  const years = useQuery({
    queryKey: ['monitoring', 'years', params.unitId ?? null],
    queryFn: () => api.monitoring.years(params.unitId),
    enabled: isResolving && remembered === undefined,
    staleTime: FIVE_MINUTES,
  });
  const found = remembered ?? (years.data ? (years.data.years[0] ?? thisYear) : undefined);
  useEffect(() => {
    if (!isResolving || found === undefined) return;
    if (params.unitId === undefined) rememberedYear = found;
    onResolved(found);
  }, [isResolving, found, params.unitId, onResolved]);
  return {
    isResolving,
    probingYear: thisYear,
    error: isResolving ? years.error : null,
    retry: () => void years.refetch(),
  };
}
