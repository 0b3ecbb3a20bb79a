import { type FunnelStage, IsoDateSchema, shanghaiDate } from '../../../../src/contracts/index.js';
import type { DealFilter, FunnelFilter } from '../../api/endpoints';
import { dealsUrl } from './deal-query';

/** What a number of the funnel counts: the cohort, a stage reached, the year's amount attracted, late filings, unsettled duplicates. */
export type FunnelMeasure = 'cohort' | FunnelStage | 'attracted' | 'lateFilings' | 'duplicates';

function earlier(a: string, b: string): string {
  return a <= b ? a : b;
}

/**
 * The deal-list filter behind a funnel number of one unit (or the total, without unitId).
 * The cohort is the new deals signed in the period, up to the as-of date; a stage figure is
 * the cohort members that had reached it by then (the API's `reached` + `asOf`); 招引率 counts
 * what was signed from 1 January of the as-of year.
 */
export function funnelDrillFilter(query: FunnelFilter, measure: FunnelMeasure, unitOnly = false): DealFilter {
  const unit = query.unitId ? { unitId: query.unitId, ...(unitOnly ? { unitOnly: true } : {}) } : {};
  const cohort: DealFilter = { ...unit, signedFrom: query.cohortFrom, signedTo: earlier(query.cohortTo, query.asOf) };
  switch (measure) {
    case 'cohort':
      return { ...cohort, kind: 'new' };
    case 'attracted':
      return { ...unit, signedFrom: `${query.asOf.slice(0, 4)}-01-01`, signedTo: query.asOf };
    case 'lateFilings':
      return { ...cohort, kind: 'new', isLateFiling: true };
    case 'duplicates':
      return { ...cohort, kind: 'new', duplicateStatus: 'flagged' };
    default:
      return { ...cohort, reached: measure, asOf: query.asOf };
  }
}

export function funnelDrillUrl(query: FunnelFilter, measure: FunnelMeasure, unitOnly = false): string {
  return dealsUrl(funnelDrillFilter(query, measure, unitOnly));
}

/** The funnel page's own URL state: cohort period, as-of date, unit; by default this year up to today. */
export function funnelParamsFromSearch(search: URLSearchParams, now: Date = new Date()): FunnelFilter {
  const today = shanghaiDate(now);
  const date = (key: string) => {
    const value = search.get(key);
    return value !== null && IsoDateSchema.safeParse(value).success ? value : undefined;
  };
  const unit = search.get('unitId');
  const unitId = unit !== null && /^\d+$/.test(unit) && Number(unit) > 0 ? Number(unit) : undefined;
  const asOf = date('asOf') ?? today;
  const cohortFrom = date('cohortFrom') ?? `${asOf.slice(0, 4)}-01-01`;
  const cohortTo = date('cohortTo') ?? asOf;
  // ISO dates order as text; an end before the start becomes the start.
  return { cohortFrom, cohortTo: cohortTo.localeCompare(cohortFrom) < 0 ? cohortFrom : cohortTo, asOf, ...(unitId ? { unitId } : {}) };
}

export function funnelSearch(query: FunnelFilter): URLSearchParams {
  const search = new URLSearchParams({ cohortFrom: query.cohortFrom, cohortTo: query.cohortTo, asOf: query.asOf });
  if (query.unitId) search.set('unitId', String(query.unitId));
  return search;
}
