import {
  type CreateTour,
  CreateTourSchema,
  LIMITS,
  type Locale,
  OBSERVATION_STATUSES,
  type ObservationCriterion,
  type ObservationStatus,
  type Tour,
  type UpdateTour,
  UpdateTourSchema,
} from '../../../../src/contracts/index.js';
import { isBlank } from '../../lib/zod-form';
import { parseRequest } from '../dispatch/meeting-form';

/** One row of the criteria editor (the weight may be cleared while typing). */
export interface CriterionRow {
  key?: string;
  nameZh?: string;
  nameEn?: string;
  weight?: number | null;
}

/** The tour drawer's values (the date already as YYYY-MM-DD). */
export interface TourFormValues {
  title?: string;
  year?: number | null;
  quarter?: number | null;
  heldOn?: string;
  criteria?: CriterionRow[];
  projectIds?: number[];
  judgeUserIds?: number[];
}

/** A key for a new criterion: c1, c2, … the first one no row uses yet. */
export function nextCriterionKey(rows: readonly (CriterionRow | undefined)[]): string {
  const taken = new Set(rows.map((row) => row?.key));
  for (let n = 1; ; n++) if (!taken.has(`c${n}`)) return `c${n}`;
}

/** The sum of the weights typed so far (rows without a weight count nothing). */
export function weightTotal(rows: readonly (CriterionRow | undefined)[] | undefined): number {
  return (rows ?? []).reduce((sum, row) => sum + (typeof row?.weight === 'number' && Number.isFinite(row.weight) ? row.weight : 0), 0);
}

/** The request body for POST /observation/tours (unchecked: parse it with the contract schema). */
export function tourRequest(values: TourFormValues): Record<string, unknown> {
  return {
    title: values.title?.trim() ?? '',
    year: values.year ?? undefined,
    quarter: values.quarter ?? null,
    heldOn: values.heldOn,
    criteria: (values.criteria ?? []).map((row) => ({
      key: row?.key,
      nameZh: row?.nameZh?.trim() ?? '',
      nameEn: row?.nameEn?.trim() ?? '',
      weight: row?.weight ?? undefined,
    })),
    projectIds: values.projectIds ?? [],
    judgeUserIds: values.judgeUserIds ?? [],
  };
}

export function parseTour(values: TourFormValues, locale: Locale): CreateTour {
  return parseRequest(CreateTourSchema, tourRequest(values), locale);
}

/** A draft's edit replaces every part of it, against the version opened. */
export function parseTourUpdate(values: TourFormValues, version: number, locale: Locale): UpdateTour {
  return parseRequest(UpdateTourSchema, { version, ...tourRequest(values) }, locale);
}

/** The drawer's values for an existing tour. */
export function formValuesOf(tour: Tour): TourFormValues {
  return {
    title: tour.title,
    year: tour.year,
    quarter: tour.quarter,
    heldOn: tour.heldOn,
    criteria: tour.criteria.map((c) => ({ ...c })),
    projectIds: [...tour.sites].sort((a, b) => a.position - b.position).map((site) => site.projectId),
    judgeUserIds: tour.judges.map((judge) => judge.userId),
  };
}

/** A criterion's name in the UI language. */
export function criterionName(criterion: Pick<ObservationCriterion, 'nameZh' | 'nameEn'>, locale: Locale): string {
  return locale === 'en-US' ? criterion.nameEn : criterion.nameZh;
}

/**
 * Σ weight × points ÷ Σ weight with two decimals (half up, in whole numbers so 84.125 does not
 * become 84.12); null until every criterion has its points.
 */
export function weightedTotal(
  criteria: readonly Pick<ObservationCriterion, 'key' | 'weight'>[],
  points: Readonly<Record<string, number | null | undefined>> | undefined,
): string | null {
  let sum = 0;
  let weights = 0;
  for (const criterion of criteria) {
    const value = points?.[criterion.key];
    if (typeof value !== 'number' || !Number.isFinite(value)) return null;
    sum += criterion.weight * value;
    weights += criterion.weight;
  }
  if (weights === 0) return null;
  // Points are whole numbers: the hundredths rounded half up, in integers.
  const hundredths = Math.floor((sum * 200 + weights) / (2 * weights));
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}

/** The request body of a site's score: points of every criterion, the note (blank means none). */
export function scoreRequest(
  criteria: readonly Pick<ObservationCriterion, 'key'>[],
  points: Readonly<Record<string, number | null | undefined>> | undefined,
  note: string | undefined | null,
): { points: Record<string, number>; note: string | null } {
  const out: Record<string, number> = {};
  for (const criterion of criteria) {
    const value = points?.[criterion.key];
    if (typeof value === 'number') out[criterion.key] = value;
  }
  return { points: out, note: isBlank(note) ? null : note!.trim() };
}

/** Scores given of those expected, over every judge of a tour. */
export function tourProgress(tour: Pick<Tour, 'judges'>): { scored: number; expected: number } {
  return tour.judges.reduce((acc, judge) => ({ scored: acc.scored + judge.scored, expected: acc.expected + judge.toScore }), {
    scored: 0,
    expected: 0,
  });
}

/** A share in whole percent for a Progress (0 when nothing is expected). */
export function percentOf(done: number, of: number): number {
  return of > 0 ? Math.min(100, Math.round((done / of) * 100)) : 0;
}

/** The list's filters and page from the URL (the back link of a tour returns to them). */
export interface TourListState {
  year?: number;
  status?: ObservationStatus;
  /** Only the tours waiting for the caller's scores (the workbench's to-do opens the list so). */
  toScore?: boolean;
  page: number;
  pageSize: number;
}

export function listStateFromSearch(search: URLSearchParams): TourListState {
  const year = Number(search.get('year'));
  const status = search.get('status');
  const page = Number(search.get('page'));
  const pageSize = Number(search.get('pageSize'));
  return {
    ...(Number.isInteger(year) && year >= 2000 && year <= 2100 ? { year } : {}),
    ...(status && (OBSERVATION_STATUSES as readonly string[]).includes(status) ? { status: status as ObservationStatus } : {}),
    ...(search.get('toScore') === 'true' ? { toScore: true } : {}),
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    pageSize: Number.isInteger(pageSize) && pageSize >= 1 && pageSize <= LIMITS.pageSizeMax ? pageSize : (LIMITS.pageSizeDefault as number),
  };
}

export function searchFromListState(state: TourListState): Record<string, string> {
  const out: Record<string, string> = {};
  if (state.year) out.year = String(state.year);
  if (state.status) out.status = state.status;
  if (state.toScore) out.toScore = 'true';
  if (state.page > 1) out.page = String(state.page);
  if (state.pageSize !== LIMITS.pageSizeDefault) out.pageSize = String(state.pageSize);
  return out;
}
