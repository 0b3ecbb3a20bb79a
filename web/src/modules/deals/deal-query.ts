import { DEAL_KINDS, DEAL_STAGES, DUPLICATE_STATUSES, FUNNEL_STAGES, LIMITS } from '../../../../src/contracts/index.js';
import type { DealFilter, DealSort } from '../../api/endpoints';
import { bool, compact, isoDate, type ListParams, listSearch, oneOf, pagingFromSearch, positiveInt, text } from '../../lib/url-params';

/** The deal list's state in the URL (lib/url-params), so that a funnel figure opens exactly the deals behind it. */
export const DEAL_SORTS = [
  '-signedOn',
  'signedOn',
  '-contractedAmount',
  'contractedAmount',
  'projectName',
] as const satisfies readonly DealSort[];
export const DEFAULT_DEAL_SORT: DealSort = '-signedOn';

export type DealListParams = ListParams<DealFilter, DealSort>;

export function dealParamsFromSearch(search: URLSearchParams): DealListParams {
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
    isLateFiling: bool(search.get('isLateFiling')),
    duplicateStatus: oneOf(DUPLICATE_STATUSES, search.get('duplicateStatus')),
    // A stage reached means nothing without the date it was reached by.
    reached: asOf ? reached : undefined,
    asOf: reached ? asOf : undefined,
  });
  return { filter, ...pagingFromSearch(search), sort: oneOf(DEAL_SORTS, search.get('sort')) ?? DEFAULT_DEAL_SORT };
}

/** The URL query of a list state, leaving out what is the default (page 1, 20 a page, newest first). */
export function dealSearchFromParams(params: Partial<DealListParams>): URLSearchParams {
  return listSearch(params, DEFAULT_DEAL_SORT);
}

/** `/deals?…` for a filter. */
export function dealsUrl(filter: DealFilter): string {
  const search = dealSearchFromParams({ filter }).toString();
  return search ? `/deals?${search}` : '/deals';
}
