import { DEAL_KINDS, DEAL_STAGES, DUPLICATE_STATUSES, FUNNEL_STAGES, IsoDateSchema, LIMITS } from '../../../../src/contracts/index.js';
import type { DealFilter, DealSort } from '../../api/endpoints';

/**
 * The deal list keeps its filters, page and order in the URL, so that a funnel figure, a
 * bookmark or the back button opens exactly the list meant. Whatever the URL holds is checked:
 * a value the API would refuse is left out rather than breaking the page.
 */
export const DEAL_SORTS = [
  '-signedOn',
  'signedOn',
  '-contractedAmount',
  'contractedAmount',
  'projectName',
] as const satisfies readonly DealSort[];
export const DEFAULT_DEAL_SORT: DealSort = '-signedOn';

export interface DealListParams {
  filter: DealFilter;
  page: number;
  pageSize: number;
  sort: DealSort;
}

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : undefined;
}

function text(value: string | null, max: number): string | undefined {
  const trimmed = value?.trim();
  return trimmed && trimmed.length <= max ? trimmed : undefined;
}

function positiveInt(value: string | null, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (value === null || !/^\d+$/.test(value)) return undefined;
  const n = Number(value);
  return n >= 1 && n <= max ? n : undefined;
}

function isoDate(value: string | null): string | undefined {
  return value !== null && IsoDateSchema.safeParse(value).success ? value : undefined;
}

/** Drop the keys whose value is undefined (so objects compare and serialise cleanly). */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export function dealParamsFromSearch(search: URLSearchParams): DealListParams {
  const late = search.get('isLateFiling');
  const asOf = isoDate(search.get('asOf'));
  const reached = oneOf(FUNNEL_STAGES, search.get('reached'));
  const unitId = positiveInt(search.get('unitId'));
  const filter: DealFilter = compact({
    q: text(search.get('q'), LIMITS.searchMax),
    unitId,
    // The unit's own filings only: meaningless without the unit.
    unitOnly: unitId && search.get('unitOnly') === 'true' ? true : undefined,
    stage: oneOf(DEAL_STAGES, search.get('stage')),
    kind: oneOf(DEAL_KINDS, search.get('kind')),
    source: text(search.get('source'), 40),
    industryCode: text(search.get('industryCode'), 3),
    signedFrom: isoDate(search.get('signedFrom')),
    signedTo: isoDate(search.get('signedTo')),
    isLateFiling: late === 'true' ? true : late === 'false' ? false : undefined,
    duplicateStatus: oneOf(DUPLICATE_STATUSES, search.get('duplicateStatus')),
    // A stage reached means nothing without the date it was reached by.
    reached: asOf ? reached : undefined,
    asOf: reached ? asOf : undefined,
  });
  return {
    filter,
    page: positiveInt(search.get('page')) ?? 1,
    pageSize: positiveInt(search.get('pageSize'), LIMITS.pageSizeMax) ?? LIMITS.pageSizeDefault,
    sort: oneOf(DEAL_SORTS, search.get('sort')) ?? DEFAULT_DEAL_SORT,
  };
}

/** The URL query of a list state, leaving out what is the default (page 1, 20 a page, newest first). */
export function dealSearchFromParams(params: Partial<DealListParams>): URLSearchParams {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params.filter ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  if (params.sort && params.sort !== DEFAULT_DEAL_SORT) search.set('sort', params.sort);
  if (params.page && params.page > 1) search.set('page', String(params.page));
  if (params.pageSize && params.pageSize !== LIMITS.pageSizeDefault) search.set('pageSize', String(params.pageSize));
  return search;
}

/** `/deals?…` for a filter. */
export function dealsUrl(filter: DealFilter): string {
  const search = dealSearchFromParams({ filter }).toString();
  return search ? `/deals?${search}` : '/deals';
}
