import { IsoDateSchema, LIMITS } from '../../../src/contracts/index.js';

/**
 * Reading a list's state from the URL and writing it back (the deal and project lists keep
 * filters, page and order there, so a drill-down link, a bookmark or the back button opens
 * exactly the list meant). Whatever the URL holds is checked: a value the API would refuse is
 * left out rather than breaking the page.
 */
export interface ListParams<F, S extends string> {
  filter: F;
  page: number;
  pageSize: number;
  sort: S;
}

export function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : undefined;
}

export function text(value: string | null, max: number): string | undefined {
  const trimmed = value?.trim();
  return trimmed && trimmed.length <= max ? trimmed : undefined;
}

export function positiveInt(value: string | null, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (value === null || !/^\d+$/.test(value)) return undefined;
  const n = Number(value);
  return n >= 1 && n <= max ? n : undefined;
}

/** 'true' / 'false' as a boolean; anything else is no filter. */
export function bool(value: string | null): boolean | undefined {
  return value === 'true' ? true : value === 'false' ? false : undefined;
}

/** A calendar year the API takes (2000–2100). */
export function year(value: string | null): number | undefined {
  const n = positiveInt(value);
  return n !== undefined && n >= 2000 && n <= 2100 ? n : undefined;
}

export function isoDate(value: string | null): string | undefined {
  return value !== null && IsoDateSchema.safeParse(value).success ? value : undefined;
}

/** Drop the keys whose value is undefined (so objects compare and serialise cleanly). */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * The query string as the browser has it now. A change that builds on the list's state reads
 * this, not the state its render saw: React Router renders a navigation as a transition, so a
 * second quick change (a page clicked right after a search) would otherwise undo the first.
 */
export function currentSearch(): URLSearchParams {
  return new URLSearchParams(window.location.search);
}

/** Page and page size from the URL, or the defaults. */
export function pagingFromSearch(search: URLSearchParams): { page: number; pageSize: number } {
  return {
    page: positiveInt(search.get('page')) ?? 1,
    pageSize: positiveInt(search.get('pageSize'), LIMITS.pageSizeMax) ?? LIMITS.pageSizeDefault,
  };
}

/** The URL query of a list state, leaving out what is the default (page 1, the default page size and order). */
export function listSearch<F extends object, S extends string>(params: Partial<ListParams<F, S>>, defaultSort?: S): URLSearchParams {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params.filter ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  if (params.sort && params.sort !== defaultSort) search.set('sort', params.sort);
  if (params.page && params.page > 1) search.set('page', String(params.page));
  if (params.pageSize && params.pageSize !== LIMITS.pageSizeDefault) search.set('pageSize', String(params.pageSize));
  return search;
}
