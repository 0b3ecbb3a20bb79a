import { RESULT_STATUSES, type ResultStatus, type RunStatus, SCALES, type Scale } from '../../../../src/contracts/index.js';

/** Register filters as the API takes them (GET /evaluation/register). */
export interface RegisterFilter {
  q?: string;
  unitId?: number;
  parkId?: number;
  industryCode?: string;
  scale?: Scale;
  flag?: string;
}

/** Result filters of a run (GET /evaluation/runs/:id/results). */
export interface ResultFilter {
  q?: string;
  unitId?: number;
  class?: string;
  status?: ResultStatus;
  hasMissingData?: boolean;
}

const text = (value: unknown): string | undefined => {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
};
const id = (value: unknown): number | undefined => {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : undefined;
};

/** Drop empty values so the query string carries only what the user chose. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The register filter from the search form's values (blank fields mean "all"). */
export function registerFilterFromForm(values: Record<string, unknown>): RegisterFilter {
  const scale = text(values.scale);
  const flag = text(values.flag);
  return compact({
    q: text(values.q),
    unitId: id(values.unitId),
    parkId: id(values.parkId),
    industryCode: text(values.industryCode),
    scale: scale && (SCALES as readonly string[]).includes(scale) ? (scale as Scale) : undefined,
    flag: flag && /^[a-z][a-zA-Z0-9_]{1,39}$/.test(flag) ? flag : undefined,
  });
}

/** The result filter from the search form; `hasMissingData` is 'true' / 'false' / blank in the form. */
export function resultFilterFromForm(values: Record<string, unknown>): ResultFilter {
  const status = text(values.status);
  const klass = text(values.class);
  const missing = values.hasMissingData;
  return compact({
    q: text(values.q),
    unitId: id(values.unitId),
    class: klass && /^[A-Z][A-Z0-9]{0,3}$/.test(klass) ? klass : undefined,
    status: status && (RESULT_STATUSES as readonly string[]).includes(status) ? (status as ResultStatus) : undefined,
    hasMissingData: missing === true || missing === 'true' ? true : missing === false || missing === 'false' ? false : undefined,
  });
}

/** The run to show: the one named in the URL when it is in the list, else the newest of the year (the list comes newest first or not). */
export function pickRun<R extends { id: number; runNo: number; year: number }>(
  runs: readonly R[],
  wanted: number | undefined,
): R | undefined {
  if (wanted !== undefined) {
    const found = runs.find((r) => r.id === wanted);
    if (found) return found;
  }
  return [...runs].sort((a, b) => b.year - a.year || b.runNo - a.runNo)[0];
}

/** A date `days` after an ISO date (YYYY-MM-DD), as an ISO date: the default objection deadline. */
export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  const date = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The years the pages offer: from the newest year with data (or this year) back to `from`. */
export function yearOptions(thisYear: number, from = 2019): number[] {
  const years: number[] = [];
  for (let y = thisYear; y >= from; y--) years.push(y);
  return years;
}

export const RUN_STATUS_COLORS: Record<RunStatus, string> = {
  draft: 'default',
  published: 'processing',
  final: 'success',
  superseded: 'warning',
};

/** Class tags: A green … D red; anything else (exempt, custom codes) neutral. */
export function classColor(code: string | null | undefined): string {
  switch (code) {
    case 'A':
      return 'green';
    case 'B':
      return 'blue';
    case 'C':
      return 'orange';
    case 'D':
      return 'red';
    default:
      return 'default';
  }
}

/** What the operator may do with a run now. */
export function runActions(run: { status: RunStatus; objectionDeadline: string | null }, today: string) {
  return {
    canPublish: run.status === 'draft',
    canFinalize: run.status === 'published' && (run.objectionDeadline === null || today > run.objectionDeadline),
    canObject: run.status === 'published' && (run.objectionDeadline === null || today <= run.objectionDeadline),
  };
}
