import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { CompetitionPeriod, CompetitionScheme } from '../../../../src/contracts/index.js';
import { competitionApi } from './competition-api';

/** Every cached answer about one scheme starts with this key (invalidated together after a change). */
export function schemeKey(id: number) {
  return ['competition', 'scheme', id] as const;
}

/** A period's scores; the key follows the scheme's version, so an edited draft is scored again. */
export function useResults(scheme: CompetitionScheme, period: CompetitionPeriod) {
  return useQuery({
    queryKey: [...schemeKey(scheme.id), 'results', period, scheme.version],
    queryFn: () => competitionApi.results(scheme.id, period),
    placeholderData: keepPreviousData,
    retry: false,
  });
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
