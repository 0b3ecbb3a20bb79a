import {
  APPEAL_RATINGS,
  ESCALATION_LEVELS,
  IsoDateSchema,
  LIMITS,
  PROBLEM_SOURCES,
  PROBLEM_STATUSES,
  type ProblemCommand,
  type ProblemKind,
  type ProblemStatus,
} from '../../../../src/contracts/index.js';
import type { ProblemFilter } from '../../api/endpoints';

/**
 * The problem and appeal lists keep their filters in the URL, so the metrics link to exactly
 * the items behind a number, a bookmark reopens the same view and notifications open an item.
 * Whatever the URL holds is checked: a value the API would refuse is left out.
 */
export interface ProblemListParams extends ProblemFilter {
  page: number;
  pageSize: number;
}

export const LIST_STATES = ['open', 'overdue', 'closed'] as const;
export type ListState = (typeof LIST_STATES)[number];

function positiveInt(value: string | null, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (value === null || !/^\d+$/.test(value)) return undefined;
  const n = Number(value);
  return n >= 1 && n <= max ? n : undefined;
}

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : undefined;
}

function isoDate(value: string | null): string | undefined {
  return value !== null && IsoDateSchema.safeParse(value).success ? value : undefined;
}

function text(value: string | null, max: number): string | undefined {
  const trimmed = value?.trim();
  return trimmed && trimmed.length <= max ? trimmed : undefined;
}

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The list's filters and page from the URL (unknown or invalid values are dropped). */
export function listParamsFromSearch(search: URLSearchParams): ProblemListParams {
  return compact({
    q: text(search.get('q'), LIMITS.searchMax),
    status: oneOf(PROBLEM_STATUSES, search.get('status')),
    state: oneOf(LIST_STATES, search.get('state')),
    category: text(search.get('category'), 40),
    projectId: positiveInt(search.get('projectId')),
    unitId: positiveInt(search.get('unitId')),
    leadUnitId: positiveInt(search.get('leadUnitId')),
    escalatedTo: oneOf(ESCALATION_LEVELS, search.get('escalatedTo')),
    rating: oneOf(APPEAL_RATINGS, search.get('rating')),
    source: oneOf(PROBLEM_SOURCES, search.get('source')),
    raisedFrom: isoDate(search.get('raisedFrom')),
    raisedTo: isoDate(search.get('raisedTo')),
    page: positiveInt(search.get('page')) ?? 1,
    pageSize: positiveInt(search.get('pageSize'), LIMITS.pageSizeMax) ?? LIMITS.pageSizeDefault,
  });
}

/** The URL search of a list view: empty values, page 1 and the default page size are left out. */
export function listSearch(params: Partial<ProblemListParams>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    if (key === 'page' && value === 1) continue;
    if (key === 'pageSize' && value === LIMITS.pageSizeDefault) continue;
    search.set(key, String(value));
  }
  const encoded = search.toString();
  return encoded ? `?${encoded}` : '';
}

/** The drill-down of a metrics row: its unit's items (by unit) or the items it leads (by lead unit). */
export function metricsDrillDown(
  kind: ProblemKind,
  by: 'unit' | 'lead',
  unitId: number,
  state?: ListState,
  range: { raisedFrom?: string; raisedTo?: string } = {},
): string {
  const base = kind === 'problem' ? '/problems' : '/appeals';
  return `${base}${listSearch({ ...(by === 'unit' ? { unitId } : { leadUnitId: unitId }), state, ...range })}`;
}

/** What a button does in the UI: the commands of the engine, named as each kind calls them. */
export type UiCommand = 'assign' | 'route' | 'start' | 'accept' | 'reply' | 'resolve' | 'confirm' | 'rate' | 'reopen';

/** Buttons in the order of the workflow. */
const ORDER = ['assign', 'start', 'reply', 'resolve', 'confirm', 'reopen'] as const satisfies readonly ProblemCommand[];

/**
 * The buttons to show for an item: exactly what the server says the caller may do now
 * (`allowed`), in workflow order, with the appeal's own words (分办, 受理, 评价).
 * The server stays the authority; a stale button is refused with its message.
 */
export function uiCommands(kind: ProblemKind, allowed: readonly ProblemCommand[]): UiCommand[] {
  const result: UiCommand[] = [];
  for (const command of ORDER) {
    if (!allowed.includes(command)) continue;
    if (kind === 'appeal') {
      if (command === 'assign') result.push('route');
      else if (command === 'start') result.push('accept');
      else if (command === 'confirm') result.push('rate');
      else result.push(command);
    } else if (command !== 'reply') result.push(command);
  }
  return result;
}

/** The primary action (the one the workflow waits for) is drawn as the main button. */
export function primaryCommand(commands: readonly UiCommand[]): UiCommand | undefined {
  const preferred: UiCommand[] = ['confirm', 'rate', 'resolve', 'start', 'accept', 'route', 'assign'];
  return preferred.find((c) => commands.includes(c));
}

export type DeadlineState = 'none' | 'closed' | 'overdue' | 'dueSoon' | 'onTrack';

/** Days from one ISO date to another (calendar days; negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * How the deadline looks today: overdue (the server's flag), due within `soonDays` calendar days,
 * on track; nothing to show once resolved or without a deadline.
 */
export function deadlineState(
  item: { status: ProblemStatus; deadline: string | null; isOverdue: boolean },
  today: string,
  soonDays = 3,
): DeadlineState {
  if (item.status === 'resolved' || item.status === 'confirmed') return 'closed';
  if (item.isOverdue) return 'overdue';
  if (!item.deadline) return 'none';
  return daysBetween(today, item.deadline) <= soonDays ? 'dueSoon' : 'onTrack';
}

export const STATUS_COLORS: Record<ProblemStatus, string> = {
  raised: 'default',
  assigned: 'blue',
  in_progress: 'processing',
  resolved: 'cyan',
  confirmed: 'success',
};

export const ESCALATION_COLORS: Record<(typeof ESCALATION_LEVELS)[number], string> = {
  unit: 'gold',
  department: 'orange',
  leader: 'red',
};

/** Measures typed one per line: trimmed, blank lines dropped. */
export function measuresFromText(value: string | undefined | null): string[] {
  return (value ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** Who is asked to act next, for the status hint on the detail page. */
export function waitingFor(status: ProblemStatus): 'city' | 'lead' | 'raiser' | 'none' {
  switch (status) {
    case 'raised':
      return 'city';
    case 'assigned':
    case 'in_progress':
      return 'lead';
    case 'resolved':
      return 'raiser';
    case 'confirmed':
      return 'none';
  }
}

export const METRICS_TABS = ['lead', 'unit', 'appeal'] as const;
export type MetricsTab = (typeof METRICS_TABS)[number];

/** The metrics view from the URL: tab (default per lead unit) and the raised-on range. */
export function metricsParamsFromSearch(search: URLSearchParams): { tab: MetricsTab; raisedFrom?: string; raisedTo?: string } {
  const raisedFrom = isoDate(search.get('raisedFrom'));
  const raisedTo = isoDate(search.get('raisedTo'));
  const range = raisedFrom && raisedTo && raisedTo < raisedFrom ? {} : compact({ raisedFrom, raisedTo });
  return { tab: oneOf(METRICS_TABS, search.get('tab')) ?? 'lead', ...range };
}

/**
 * An event's note as the timeline shows it: an appeal's rating is stored as `rating: comment`
 * (or the rating alone), so the rating is split off to be shown in words.
 */
export function eventNote(
  kind: ProblemKind,
  command: ProblemCommand,
  note: string | null,
): { rating?: (typeof APPEAL_RATINGS)[number]; text: string | null } {
  if (note === null || kind !== 'appeal' || command !== 'confirm') return { text: note };
  for (const rating of APPEAL_RATINGS) {
    if (note === rating) return { rating, text: null };
    if (note.startsWith(`${rating}: `)) return { rating, text: note.slice(rating.length + 2) };
  }
  return { text: note };
}
