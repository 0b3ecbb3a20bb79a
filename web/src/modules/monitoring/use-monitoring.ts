import { useQueries, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { shanghaiDate } from '../../../../src/contracts/index.js';
import { api, type MonitoringFilter } from '../../api/endpoints';
import { yearCandidates } from './monitoring-query';

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
 * with its empty state. The candidate years are asked at once (each answer is the cache entry
 * the page then reads); the newest year with data wins once every newer year has answered.
 */
export function useDefaultYear(params: { year?: number | undefined; unitId?: number | undefined }, onResolved: (year: number) => void) {
  const thisYear = currentYear();
  const isResolving = params.year === undefined;
  const remembered = isResolving ? rememberedYear : undefined;
  const candidates = useMemo(() => yearCandidates(thisYear), [thisYear]);
  const unit = params.unitId ? { unitId: params.unitId } : {};
  const probes = useQueries({
    queries: candidates.map((year) => ({
      queryKey: overviewKey({ year, ...unit }),
      queryFn: () => api.monitoring.overview({ year, ...unit }),
      enabled: isResolving && remembered === undefined,
      staleTime: FIVE_MINUTES,
    })),
  });
  let found: number | undefined = remembered;
  let pending: number | undefined;
  if (found === undefined) {
    for (const [index, probe] of probes.entries()) {
      if (!probe.data) {
        pending = candidates[index];
        break;
      }
      if (probe.data.total.projects > 0) {
        found = candidates[index];
        break;
      }
    }
    if (found === undefined && pending === undefined) found = thisYear;
  }
  const error = probes.find((probe) => probe.error)?.error ?? null;
  useEffect(() => {
    if (!isResolving || found === undefined) return;
    if (params.unitId === undefined) rememberedYear = found;
    onResolved(found);
  }, [isResolving, found, params.unitId, onResolved]);
  return {
    isResolving,
    probingYear: pending ?? thisYear,
    error: isResolving ? error : null,
    retry: () => {
      for (const probe of probes) if (probe.error) void probe.refetch();
    },
  };
}
