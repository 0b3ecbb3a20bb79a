import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  type CalendarResponse,
  type CalendarYear,
  CalendarYearSchema,
  DEFAULT_PROBLEM_SETTINGS,
  type ProblemSettings,
  ProblemSettingsSchema,
  type UpdateProblemSettings,
} from '../../../contracts/index.js';
import type { Db, Executor } from '../../db/pool.js';
import { type RequestContext, requireActor, scopeOf } from '../../lib/context.js';
import { DomainError, conflict } from '../../lib/domain-error.js';
import { packageRoot } from '../../lib/package-root.js';
import { appendAudit } from '../audit/index.js';
import { WorkCalendar, checkCalendarYear } from './domain/workdays.js';
import * as repo from './repo.js';

/** The city's problem settings, or the defaults (version 0) until the operator saves them. */
export async function problemSettings(db: Executor, cityCode: string): Promise<ProblemSettings & { version: number }> {
  const row = await repo.getSettings(db, cityCode);
  if (!row) return { ...DEFAULT_PROBLEM_SETTINGS, version: 0 };
  const merged = ProblemSettingsSchema.parse({ ...DEFAULT_PROBLEM_SETTINGS, ...(row.settings as object) });
  return { ...merged, version: row.version };
}

export async function getProblemSettings(db: Executor, ctx: RequestContext) {
  return await problemSettings(db, requireActor(ctx).cityCode);
}

export async function updateProblemSettings(db: Db, ctx: RequestContext, input: UpdateProblemSettings) {
  const scope = scopeOf(requireActor(ctx), 'problem.configure');
  return await db.transaction().execute(async (tx) => {
    const before = await problemSettings(tx, scope.cityCode);
    if (before.version !== input.version) throw conflict();
    const { version, ...settings } = input;
    if (!(await repo.upsertSettings(tx, scope.cityCode, settings, version, ctx.now))) throw conflict();
    const { version: _v, ...beforeSettings } = before;
    await appendAudit(tx, ctx, {
      action: 'settings.problems.update',
      targetType: 'problem_setting',
      targetId: scope.cityCode,
      before: beforeSettings,
      after: settings,
    });
    return await problemSettings(tx, scope.cityCode);
  });
}

// ---------------------------------------------------------------- working-day calendar

interface CalendarFile {
  source: string;
  years: Record<string, CalendarYear>;
}

let shipped: Map<number, CalendarYear> | undefined;

/** reference/cn-workdays.json, read once and checked against its schema. */
function shippedYears(): Map<number, CalendarYear> {
  if (!shipped) {
    const file = JSON.parse(readFileSync(path.join(packageRoot(), 'reference', 'cn-workdays.json'), 'utf8')) as CalendarFile;
    shipped = new Map(Object.entries(file.years).map(([year, entry]) => [Number(year), CalendarYearSchema.parse(entry)]));
  }
  return shipped;
}

async function calendarEntries(db: Executor, cityCode: string): Promise<{ years: Map<number, CalendarYear>; uploaded: Set<number> }> {
  const years = new Map(shippedYears());
  const uploaded = new Set<number>();
  for (const row of await repo.calendarYears(db, cityCode)) {
    years.set(row.year, CalendarYearSchema.parse(row.data));
    uploaded.add(row.year);
  }
  return { years, uploaded };
}

/** The working-day calendar of a city: the shipped years, with the city's own uploads in their place. */
export async function workCalendar(db: Executor, cityCode: string): Promise<WorkCalendar> {
  return new WorkCalendar((await calendarEntries(db, cityCode)).years);
}

export async function getCalendarYear(db: Executor, ctx: RequestContext, year: number): Promise<CalendarResponse> {
  const { years, uploaded } = await calendarEntries(db, requireActor(ctx).cityCode);
  const entry = years.get(year);
  const coveredYears = [...years.keys()].sort((a, b) => a - b);
  if (!entry) return { year, source: '—', holidays: [], workdays: [], origin: 'none', coveredYears };
  return { year, ...entry, origin: uploaded.has(year) ? 'upload' : 'file', coveredYears };
}

/**
 * The operator adds (or corrects) a year when the State Council publishes it, usually in
 * November for the next year. Checked (dates in the year, 调休 days on weekends, no date both
 * ways) and audited; deadlines computed afterwards use it, stored deadlines stay as they are.
 */
export async function putCalendarYear(db: Db, ctx: RequestContext, year: number, input: CalendarYear): Promise<CalendarResponse> {
  const scope = scopeOf(requireActor(ctx), 'problem.configure');
  const problems = checkCalendarYear(year, input);
  if (problems.length) throw new DomainError('VALIDATION_FAILED', { fields: problems });
  await db.transaction().execute(async (tx) => {
    const before = (await calendarEntries(tx, scope.cityCode)).years.get(year) ?? null;
    await repo.upsertCalendarYear(tx, scope.cityCode, year, input, ctx.actor?.userId ?? null, ctx.now);
    await appendAudit(tx, ctx, { action: 'settings.calendar.update', targetType: 'calendar_year', targetId: year, before, after: input });
  });
  return await getCalendarYear(db, ctx, year);
}
