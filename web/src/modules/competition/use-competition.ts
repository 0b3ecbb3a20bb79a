import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import type { CompetitionPeriod, CompetitionResults, CompetitionScheme } from '../../../../src/contracts/index.js';
import { isApiError } from '../../api/client';
import { competitionApi } from './competition-api';

/** Every cached answer about one scheme starts with this key (invalidated together after a change). */
export function schemeKey(id: number) {
  return ['competition', 'scheme', id] as const;
}

/** The key of a period's scores; it follows the scheme's version, so an edited draft is scored again. */
export function resultsKey(scheme: Pick<CompetitionScheme, 'id' | 'version'>, period: CompetitionPeriod) {
  return [...schemeKey(scheme.id), 'results', period, scheme.version] as const;
}

/** A period's scores: live while the period is not published, the frozen record once it is. */
export function useResults(scheme: CompetitionScheme, period: CompetitionPeriod) {
  return useQuery({
    queryKey: resultsKey(scheme, period),
    queryFn: () => competitionApi.results(scheme.id, period),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/**
 * Whether a period's results are published (its values and bonus and penalty items then no
 * longer change): read from the cached results; undefined while they are not known.
 */
export function usePublication(scheme: CompetitionScheme, period: CompetitionPeriod): CompetitionResults['published'] | undefined {
  const results = useResults(scheme, period);
  return results.data?.period === period ? results.data.published : undefined;
}

/**
 * After a refused change (422: the period was published meanwhile, say), the period's results
 * are asked again so the page shows what is now the case.
 */
export function useRefreshAfterRefusal(scheme: CompetitionScheme, period: CompetitionPeriod) {
  const queryClient = useQueryClient();
  return useCallback(
    (error: unknown) => {
      if (isApiError(error) && error.code === 'BUSINESS_RULE_VIOLATED') {
        void queryClient.invalidateQueries({ queryKey: [...schemeKey(scheme.id), 'results', period] });
      }
    },
    [queryClient, scheme.id, period],
  );
}

/**
 * The units that compete (the city's county-level units, parks …) in a stable order: the results
 * carry them, and they are the rows and choices of the entry and adjustment tabs.
 */
export function useCompetingUnits(scheme: CompetitionScheme, period: CompetitionPeriod) {
  const results = useResults(scheme, period);
  const data = results.data?.period === period ? results.data : undefined;
  const units = useMemo(
    () => [...(data?.units ?? [])].map((unit) => ({ unitId: unit.unitId, unitName: unit.unitName })).sort((a, b) => a.unitId - b.unitId),
    [data],
  );
  return { units, error: results.error, isLoading: results.isLoading };
}
