import {
  type CloseCase,
  CloseCaseSchema,
  CodeTokenSchema,
  type DepartmentInspectionStats,
  INSPECTION_CASE_KINDS,
  INSPECTION_CASE_STATUSES,
  INSPECTION_KINDS,
  INSPECTION_LIMITS,
  type InspectionCaseFinding,
  type InspectionKind,
  type Inspector,
  type Locale,
  type RateInspection,
  RateInspectionSchema,
  type RegisterInspection,
  RegisterInspectionSchema,
  type ReportUnregistered,
  ReportUnregisteredSchema,
  type ScannedCode,
  translate,
} from '../../../../src/contracts/index.js';
import { ApiError, isApiError } from '../../api/client';
import { bool, compact, oneOf, positiveInt, year } from '../../lib/url-params';
import { blankToNull } from '../../lib/zod-form';
import { parseRequest } from '../dispatch/meeting-form';
import type { CaseFilter, InspectionFilter } from './inspections-api';

/** The route an enterprise's QR code opens: the scan page of the inspector's phone. */
export const INSPECT_PATH = '/inspect';

/** The link a code's QR encodes: `https://juli.example/inspect/<token>`. */
export function inspectLink(origin: string, token: string): string {
  return `${origin.replace(/\/+$/, '')}${INSPECT_PATH}/${encodeURIComponent(token)}`;
}

/**
 * The token of what an inspector typed when the camera cannot scan: the code itself (22
 * characters), or the whole link the QR holds; null when it is neither.
 */
export function tokenFromInput(text: string | null | undefined): string | null {
  const trimmed = (text ?? '').trim();
  const fromLink = new RegExp(`${INSPECT_PATH}/([^/?#\\s]+)/?(?:[?#].*)?$`).exec(trimmed)?.[1];
  let candidate = fromLink ?? trimmed;
  try {
    candidate = decodeURIComponent(candidate);
  } catch {
    return null;
  }
  return CodeTokenSchema.safeParse(candidate).success ? candidate : null;
}

/** Whether the department's next routine inspection of the enterprise this year is beyond the limit. */
export function nextRoutineOverLimit(scanned: Pick<ScannedCode, 'routineThisYear' | 'routineLimitPerYear'>): boolean {
  return scanned.routineThisYear >= scanned.routineLimitPerYear;
}

/**
 * Whether the scan page warns that registering opens a supervision case: the next routine
 * inspection is over the limit, and the kind chosen is routine (or not chosen yet). Random
 * checks, complaints and emergencies never count against the limit.
 */
export function showsLimitWarning(
  scanned: Pick<ScannedCode, 'routineThisYear' | 'routineLimitPerYear'>,
  kind: InspectionKind | undefined,
): boolean {
  return (kind === undefined || kind === 'routine') && nextRoutineOverLimit(scanned);
}

/** One row of the inspectors list (a row may be half filled while typing). */
export interface InspectorRow {
  name?: string;
  certificateNo?: string;
}

/** The scan page's form. */
export interface RegisterFormValues {
  kind?: InspectionKind;
  purpose?: string;
  legalBasis?: string;
  inspectors?: (InspectorRow | undefined)[];
}

/** A new registration starts with the two rows the law asks for (执法人员不得少于两人). */
export function emptyInspectors(): InspectorRow[] {
  return Array.from({ length: INSPECTION_LIMITS.inspectorsMin }, () => ({ name: '', certificateNo: '' }));
}

/**
 * The request body for POST /inspections (unchecked): trimmed texts, every row of the form in
 * its place, so an error of `inspectors.1.certificateNo` lands on the row the user sees.
 */
export function registerRequest(token: string, values: RegisterFormValues): Record<string, unknown> {
  return {
    token,
    kind: values.kind,
    purpose: values.purpose?.trim() ?? '',
    legalBasis: values.legalBasis?.trim() ?? '',
    inspectors: (values.inspectors ?? []).map((row) => ({
      name: row?.name?.trim() ?? '',
      certificateNo: row?.certificateNo?.trim() ?? '',
    })),
  };
}

/**
 * The registration checked with the contract's schema. Rows whose certificate number is still
 * empty are "required" already: they are not also reported as the same number entered twice.
 */
export function parseRegistration(token: string, values: RegisterFormValues, locale: Locale): RegisterInspection {
  const body = registerRequest(token, values);
  try {
    return parseRequest(RegisterInspectionSchema, body, locale);
  } catch (error) {
    if (!isApiError(error)) throw error;
    const filled = (body.inspectors as Inspector[]).map((row) => row.certificateNo.toUpperCase()).filter(Boolean);
    if (new Set(filled).size < filled.length) throw error;
    const duplicate = translate(locale, 'inspection.duplicateInspector');
    const fields = error.fields.filter((field) => !(field.path === 'inspectors' && field.message === duplicate));
    throw new ApiError(error.status, error.code, error.message, fields, error.requestId);
  }
}

/** The rating modal's form. */
export interface RateFormValues {
  rating?: number;
  comment?: string;
}

/** POST /inspections/:id/rating: the stars, and the comment (blank means none). */
export function parseRating(values: RateFormValues, locale: Locale): RateInspection {
  // An untouched Rate is 0 stars: that is no rating, so the schema says it is required.
  const rating = values.rating ? values.rating : undefined;
  return parseRequest(RateInspectionSchema, { rating, comment: blankToNull(values.comment?.trim()) }, locale);
}

/** The "inspected without scanning" form (the date already as YYYY-MM-DD). */
export interface ReportFormValues {
  departmentId?: number;
  occurredOn?: string | null;
  description?: string;
}

export function parseReport(values: ReportFormValues, locale: Locale): ReportUnregistered {
  return parseRequest(
    ReportUnregisteredSchema,
    { departmentId: values.departmentId, occurredOn: values.occurredOn ?? undefined, description: values.description?.trim() ?? '' },
    locale,
  );
}

/** A date after today (Beijing time), which a reported inspection cannot have happened on. */
export function isAfterToday(date: string, today: string): boolean {
  return date > today;
}

/** The close-case form. */
export interface CloseFormValues {
  finding?: InspectionCaseFinding;
  conclusion?: string;
}

/** POST /inspections/cases/:id/close, against the version of the case the operator saw. */
export function parseClose(version: number, values: CloseFormValues, locale: Locale): CloseCase {
  return parseRequest(CloseCaseSchema, { version, finding: values.finding, conclusion: values.conclusion?.trim() ?? '' }, locale);
}

/** A yes/no filter on screen ('yes', 'no', or cleared for both) and as the API's boolean. */
export type YesNo = 'yes' | 'no';

export function fromYesNo(value: YesNo | undefined | null): boolean | undefined {
  return value ? value === 'yes' : undefined;
}

export function toYesNo(value: boolean | undefined): YesNo | undefined {
  return value === undefined ? undefined : value ? 'yes' : 'no';
}

/** The page's tabs; `?tab=cases` opens the supervision cases (the notifications link there). */
export type InspectionsTab = 'inspections' | 'cases';

export function tabFromSearch(search: URLSearchParams): InspectionsTab {
  return search.get('tab') === 'cases' ? 'cases' : 'inspections';
}

/**
 * The inspections list's filter in the URL (the workbench's 待评价 opens it with `?rated=false`);
 * a value the API would refuse is left out.
 */
export function inspectionFilterFromSearch(search: URLSearchParams): InspectionFilter {
  return compact({
    year: year(search.get('year')),
    departmentId: positiveInt(search.get('departmentId')),
    kind: oneOf(INSPECTION_KINDS, search.get('kind')),
    overLimit: bool(search.get('overLimit')),
    rated: bool(search.get('rated')),
  });
}

/** The cases list's filter in the URL (the workbench's 待办结: `?tab=cases&status=open`). */
export function caseFilterFromSearch(search: URLSearchParams): CaseFilter {
  return compact({
    year: year(search.get('year')),
    status: oneOf(INSPECTION_CASE_STATUSES, search.get('status')),
    kind: oneOf(INSPECTION_CASE_KINDS, search.get('kind')),
    departmentId: positiveInt(search.get('departmentId')),
  });
}

/** A department that needs the supervisor's eye: over-limit inspections or cases still open. */
export function needsAttention(row: Pick<DepartmentInspectionStats, 'overLimit' | 'openCases'>): boolean {
  return row.overLimit > 0 || row.openCases > 0;
}

/** The total row leaves out the distinct enterprises: one enterprise inspected by two departments is one. */
export type StatsTotals = Omit<DepartmentInspectionStats, 'departmentId' | 'enterprises'>;

/**
 * The total row of the supervision table: the departments' counts added up. The average rating is the mean of every rating: each department's sum of stars is its
 * average × its rated count (exact while a department has fewer than 100 ratings, the average
 * being rounded to two decimals), two decimals half up; null when nothing is rated.
 */
export function statsTotals(rows: readonly DepartmentInspectionStats[]): StatsTotals {
  const totals: StatsTotals = {
    total: 0,
    byKind: { routine: 0, random: 0, complaint: 0, emergency: 0 },
    overLimit: 0,
    cases: 0,
    openCases: 0,
    unregistered: 0,
    rated: 0,
    averageRating: null,
  };
  let stars = 0;
  for (const row of rows) {
    totals.total += row.total;
    for (const kind of Object.keys(totals.byKind) as InspectionKind[]) totals.byKind[kind] += row.byKind[kind];
    totals.overLimit += row.overLimit;
    totals.cases += row.cases;
    totals.openCases += row.openCases;
    totals.unregistered += row.unregistered;
    totals.rated += row.rated;
    if (row.averageRating !== null && row.rated > 0) stars += Math.round(Number(row.averageRating) * row.rated);
  }
  if (totals.rated > 0) {
    // Hundredths of stars, half up, in whole numbers (no binary float rounding).
    const hundredths = Math.floor((stars * 200 + totals.rated) / (2 * totals.rated));
    totals.averageRating = `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
  }
  return totals;
}
