import {
  HONOUR_LISTS,
  type HonourListKind,
  IsoDateSchema,
  type LightColour,
  LIGHTS,
  LIMITS,
  toUnits,
} from '../../../../src/contracts/index.js';

/**
 * The cockpit, the lights list and the warnings keep year, as-of date, unit and light in the
 * URL, so that every number of the cockpit links to exactly the rows behind it, a bookmark
 * reopens the same view and the back button climbs out of a drill-down. Whatever the URL holds
 * is checked: a value the API would refuse is left out rather than breaking the page.
 */
export interface MonitoringParams {
  /** Absent: the page picks the latest year with data (see useMonitoringYear). */
  year?: number;
  /** Absent: the server's default (a past year at its end, the current one today). */
  asOf?: string;
  /** The unit looked into; absent: the whole jurisdiction of the user. */
  unitId?: number;
}

export interface LightsParams extends MonitoringParams {
  light?: LightColour;
  /** 红黄榜: only the projects on the red (ahead) or the yellow (lagging) list. */
  honour?: HonourListKind;
  page: number;
  pageSize: number;
}

export type PackPeriod = 'Q1' | 'Q2' | 'Q3' | 'Q4' | 'annual';
export const PACK_PERIODS: readonly PackPeriod[] = ['Q1', 'Q2', 'Q3', 'Q4', 'annual'];

export const MONITORING_PATHS = {
  cockpit: '/cockpit',
  lights: '/monitoring/lights',
  warnings: '/monitoring/warnings',
  packs: '/monitoring/packs',
} as const;

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

function positiveInt(value: string | null, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (value === null || !/^\d+$/.test(value)) return undefined;
  const n = Number(value);
  return n >= 1 && n <= max ? n : undefined;
}

function yearOf(value: string | null): number | undefined {
  const n = positiveInt(value);
  return n !== undefined && n >= MIN_YEAR && n <= MAX_YEAR ? n : undefined;
}

function isoDate(value: string | null): string | undefined {
  return value !== null && IsoDateSchema.safeParse(value).success ? value : undefined;
}

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Year, as-of date and unit from the URL. An as-of date alone gives its year; an as-of date
 * outside the year (left over from another year) is dropped, so the year is seen at its default date.
 */
export function monitoringParamsFromSearch(search: URLSearchParams): MonitoringParams {
  let asOf = isoDate(search.get('asOf'));
  const year = yearOf(search.get('year')) ?? (asOf ? Number(asOf.slice(0, 4)) : undefined);
  if (asOf && year !== undefined && Number(asOf.slice(0, 4)) !== year) asOf = undefined;
  return compact({ year, asOf, unitId: positiveInt(search.get('unitId')) });
}

export function lightsParamsFromSearch(search: URLSearchParams): LightsParams {
  const light = search.get('light');
  const honour = search.get('honour');
  return {
    ...monitoringParamsFromSearch(search),
    ...(light !== null && (LIGHTS as readonly string[]).includes(light) ? { light: light as LightColour } : {}),
    ...(honour !== null && (HONOUR_LISTS as readonly string[]).includes(honour) ? { honour: honour as HonourListKind } : {}),
    page: positiveInt(search.get('page')) ?? 1,
    pageSize: positiveInt(search.get('pageSize'), LIMITS.pageSizeMax) ?? LIMITS.pageSizeDefault,
  };
}

/** The URL form of the params; the first page and the default page size are left out. */
export function monitoringSearch(params: Partial<LightsParams>): URLSearchParams {
  const search = new URLSearchParams();
  if (params.year !== undefined) search.set('year', String(params.year));
  if (params.asOf) search.set('asOf', params.asOf);
  if (params.unitId !== undefined) search.set('unitId', String(params.unitId));
  if (params.light) search.set('light', params.light);
  if (params.honour) search.set('honour', params.honour);
  if (params.page !== undefined && params.page > 1) search.set('page', String(params.page));
  if (params.pageSize !== undefined && params.pageSize !== LIMITS.pageSizeDefault) search.set('pageSize', String(params.pageSize));
  return search;
}

function urlOf(path: string, params: Partial<LightsParams>): string {
  const search = monitoringSearch(params).toString();
  return search ? `${path}?${search}` : path;
}

/** The cockpit of a unit (or of the whole jurisdiction). */
export function cockpitUrl(params: MonitoringParams): string {
  return urlOf(MONITORING_PATHS.cockpit, { year: params.year, asOf: params.asOf, unitId: params.unitId });
}

/** The project lights of a unit, optionally of one light or one list of the 红黄榜 only (from page 1). */
export function lightsUrl(params: MonitoringParams & { light?: LightColour | undefined; honour?: HonourListKind | undefined }): string {
  return urlOf(MONITORING_PATHS.lights, {
    year: params.year,
    asOf: params.asOf,
    unitId: params.unitId,
    light: params.light,
    honour: params.honour,
  });
}

export function warningsUrl(params: MonitoringParams): string {
  return urlOf(MONITORING_PATHS.warnings, { year: params.year, asOf: params.asOf, unitId: params.unitId });
}

export function packsUrl(params: { year?: number | undefined; unitId?: number | undefined }): string {
  return urlOf(MONITORING_PATHS.packs, { year: params.year, unitId: params.unitId });
}

/** The years offered in the year picker: next year down to a decade ago, always including the one shown. */
export function yearOptions(currentYear: number, shown?: number): number[] {
  const years = Array.from({ length: 11 }, (_, i) => currentYear + 1 - i);
  if (shown !== undefined && !years.includes(shown)) years.push(shown);
  return years.sort((a, b) => b - a);
}

/** The month (`yyyy-mm`) the overview counted up to; null before the first month of the year is over. */
export function measuredMonthKey(year: number, month: number): string | null {
  return month >= 1 && month <= 12 ? `${year}-${String(month).padStart(2, '0')}` : null;
}

/** The pack's query: a quarter for the quarterly review (季讲评), none for the annual assessment (年考核). */
export function packQuarter(period: PackPeriod): number | undefined {
  return period === 'annual' ? undefined : Number(period.slice(1));
}

/** Whether a pack period has begun (a pack of a period not yet started says nothing). */
export function isPackPeriodStarted(year: number, period: PackPeriod, today: string): boolean {
  const quarter = packQuarter(period) ?? 1;
  const start = `${year}-${String((quarter - 1) * 3 + 1).padStart(2, '0')}-01`;
  return start <= today;
}

/** The ratio a light measures: year to date over the plan due by now, capped for the progress bar. */
export function ratioPercent(ratio: number | null): number {
  if (ratio === null || !Number.isFinite(ratio)) return 0;
  return Math.max(0, Math.min(100, Math.round(ratio * 1000) / 10));
}

/** part ÷ whole of two exact amounts as a rate (0.873…), null when the whole is not above zero. Rates are not money. */
export function shareOf(part: string, whole: string): number | null {
  const w = toUnits(whole);
  if (w <= 0n) return null;
  // Per hundred-thousand, exact in integers; the float only carries the rate to the formatter.
  return Number((toUnits(part) * 100_000n) / w) / 100_000;
}
