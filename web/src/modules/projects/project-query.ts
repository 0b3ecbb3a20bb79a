import {
  LIMITS,
  PROJECT_CATEGORIES,
  PROJECT_KINDS,
  PROJECT_LEVELS,
  PROJECT_SORTS,
  PROJECT_STAGES,
} from '../../../../src/contracts/index.js';
import type { ProjectFilter, ProjectSort } from '../../api/endpoints';
import { compact, type ListParams, listSearch, oneOf, pagingFromSearch, positiveInt, text } from '../../lib/url-params';

/** The project list's state in the URL (lib/url-params): opening a project and coming back keeps the list as it was. */
export const DEFAULT_PROJECT_SORT: ProjectSort = '-updatedAt';

export type ProjectListParams = ListParams<ProjectFilter, ProjectSort>;

export function projectParamsFromSearch(search: URLSearchParams): ProjectListParams {
  const filter: ProjectFilter = compact({
    q: text(search.get('q'), LIMITS.searchMax),
    unitId: positiveInt(search.get('unitId')),
    parkId: positiveInt(search.get('parkId')),
    industryCode: text(search.get('industryCode'), 3),
    industryChain: text(search.get('industryChain'), 40),
    level: oneOf(PROJECT_LEVELS, search.get('level')),
    category: oneOf(PROJECT_CATEGORIES, search.get('category')),
    kind: oneOf(PROJECT_KINDS, search.get('kind')),
    stage: oneOf(PROJECT_STAGES, search.get('stage')),
    leaderId: positiveInt(search.get('leaderId')),
  });
  return { filter, ...pagingFromSearch(search), sort: oneOf(PROJECT_SORTS, search.get('sort')) ?? DEFAULT_PROJECT_SORT };
}

/** The URL query of a list state, leaving out what is the default (page 1, 20 a page, last updated first). */
export function projectSearchFromParams(params: Partial<ProjectListParams>): URLSearchParams {
  return listSearch(params, DEFAULT_PROJECT_SORT);
}
