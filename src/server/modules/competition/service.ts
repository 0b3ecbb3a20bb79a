import {
  type CompetitionAdjustment,
  type CompetitionAdjustmentInput,
  type CompetitionEntry,
  type CompetitionEntryDocument,
  type CompetitionEntryDocumentQuery,
  type CompetitionEntryInput,
  type CompetitionGroup,
  type CompetitionIndicator,
  type CompetitionPeriod,
  type CompetitionResults,
  type CompetitionScheme,
  type CreateCompetitionScheme,
  type UpdateCompetitionScheme,
  COMPETITION_PERIODS,
  can,
  shanghaiDate,
} from '../../../contracts/index.js';
import type { Db, Executor } from '../../db/pool.js';
import { type RequestContext, requireActor, scopeOf } from '../../lib/context.js';
import { DomainError, conflict, notFound } from '../../lib/domain-error.js';
import { isUniqueViolation } from '../../lib/pg-errors.js';
import { appendAudit, recordAuditEvent } from '../audit/index.js';
import { deleteFile, readFile, sniffDocument, storeFile } from '../files/index.js';
import { notify } from '../notifications/index.js';
import { computeFigures, rankedUnits } from '../boards/index.js';
import { lettersOfYear } from '../commitments/index.js';
import { type UnitStanding, cityUnitFigures } from '../monitoring/index.js';
import { closedSiteScores } from '../observation/index.js';
import type { UnitRef } from '../org/index.js';
import { problemSummaryUnder } from '../problems/index.js';
import { monthEnd } from '../reports/index.js';
import { exportColumn, exportWorkbook } from '../sheets/index.js';
import { type UnitInput, fullPoints, scoreUnits } from './domain/score.js';
import { competitionNoticeDocx, noticeTitle } from './notice.js';
import * as repo from './repo.js';

/**
 * Competition for excellence (争先创优, 赛马): the operator drafts a year's indicator system,
 * activates it (then it is frozen), enters the values the platform does not measure and the
 * bonus and penalty items; every reader of the city sees the units scored and ranked per
 * quarter and for the year, each score with its value and rule. Drafts are the operator's.
 */
function toScheme(row: repo.SchemeRow, published: readonly string[], today: string): CompetitionScheme {
  const publishedPeriods = COMPETITION_PERIODS.filter((p) => published.includes(p));
  return {
    id: row.id,
    year: row.year,
    title: row.title,
    status: row.status as CompetitionScheme['status'],
    groups: row.groups,
    rewardCount: row.reward_count,
    warningCount: row.warning_count,
    fullPoints: fullPoints(row.groups),
    publishedPeriods,
    periodsToPublish:
      row.status === 'active'
        ? COMPETITION_PERIODS.filter((p) => !publishedPeriods.includes(p) && periodDates(row.year, p).end < today)
        : [],
    version: row.version,
    updatedAt: row.updated_at.toISOString(),
    activatedAt: row.activated_at?.toISOString() ?? null,
  };
}

/** Schemes with their published periods and those waiting to be published as of today. */
async function schemesOut(db: Executor, cityCode: string, rows: readonly repo.SchemeRow[], now: Date): Promise<CompetitionScheme[]> {
  const published = await repo.publishedPeriodsOf(
    db,
    cityCode,
    rows.map((r) => r.id),
  );
  const today = shanghaiDate(now);
  return rows.map((r) =>
    toScheme(
      r,
      published.filter((p) => p.scheme_id === r.id).map((p) => p.period),
      today,
    ),
  );
}

async function load(db: Executor, ctx: RequestContext, id: number, lock: 'update' | 'share' | null = null) {
  const actor = requireActor(ctx);
  const scope = scopeOf(actor, 'competition.read');
  const row = await repo.getScheme(db, scope.cityCode, id, lock);
  if (!row || (row.status === 'draft' && !can(actor.role, 'competition.manage'))) throw notFound();
  return { row, cityCode: scope.cityCode };
}

const rule = (
  key:
    | 'competition.notDraft'
    | 'competition.notActive'
    | 'competition.periodNotStarted'
    | 'competition.periodNotOver'
    | 'competition.alreadyPublished'
    | 'competition.periodPublished'
    | 'competition.notPublished',
) => new DomainError('BUSINESS_RULE_VIOLATED', { key });

export async function listSchemes(db: Executor, ctx: RequestContext, q: { year?: number | undefined }) {
  const actor = requireActor(ctx);
  const scope = scopeOf(actor, 'competition.read');
  const rows = await repo.findSchemes(db, scope.cityCode, q.year, can(actor.role, 'competition.manage'));
  return { items: await schemesOut(db, scope.cityCode, rows, ctx.now) };
}

export async function getScheme(db: Executor, ctx: RequestContext, id: number) {
  const { row, cityCode } = await load(db, ctx, id);
  const [scheme] = await schemesOut(db, cityCode, [row], ctx.now);
  return scheme!;
}

const yearTaken = () => new DomainError('CONFLICT', { fields: [{ path: 'year', key: 'competition.yearTaken' }] });

export async function createScheme(db: Db, ctx: RequestContext, input: CreateCompetitionScheme) {
  const actor = requireActor(ctx);
  const scope = scopeOf(actor, 'competition.manage');
  try {
    const id = await db.transaction().execute(async (tx) => {
      const id = await repo.insertScheme(tx, { cityCode: scope.cityCode, ...input, createdBy: actor.userId, at: ctx.now });
      await appendAudit(tx, ctx, { action: 'competition.scheme.create', targetType: 'competition_scheme', targetId: id, after: input });
      return id;
    });
    return await getScheme(db, ctx, id);
  } catch (error) {
    if (isUniqueViolation(error)) throw yearTaken();
    throw error;
  }
}

export async function updateScheme(db: Db, ctx: RequestContext, id: number, input: UpdateCompetitionScheme) {
  scopeOf(requireActor(ctx), 'competition.manage');
  await db.transaction().execute(async (tx) => {
    const { row, cityCode } = await load(tx, ctx, id, 'update');
    if (row.version !== input.version) throw conflict();
    if (row.status !== 'draft') throw rule('competition.notDraft');
    const { version: _v, ...fields } = input;
    await repo.updateScheme(tx, cityCode, id, fields, ctx.now);
    await appendAudit(tx, ctx, {
      action: 'competition.scheme.update',
      targetType: 'competition_scheme',
      targetId: id,
      before: { title: row.title, groups: row.groups, rewardCount: row.reward_count, warningCount: row.warning_count },
      after: fields,
    });
  });
  return await getScheme(db, ctx, id);
}

export async function deleteScheme(db: Db, ctx: RequestContext, id: number) {
  scopeOf(requireActor(ctx), 'competition.manage');
  await db.transaction().execute(async (tx) => {
    const { row, cityCode } = await load(tx, ctx, id, 'update');
    if (row.status !== 'draft') throw rule('competition.notDraft');
    await repo.deleteScheme(tx, cityCode, id);
    await appendAudit(tx, ctx, {
      action: 'competition.scheme.delete',
      targetType: 'competition_scheme',
      targetId: id,
      before: { year: row.year, title: row.title, groups: row.groups },
    });
  });
  return { ok: true as const };
}

/** Activate a draft: from then on its indicator system is frozen and values and adjustments may be entered. */
export async function activateScheme(db: Db, ctx: RequestContext, id: number, version: number) {
  scopeOf(requireActor(ctx), 'competition.manage');
  await db.transaction().execute(async (tx) => {
    const { row, cityCode } = await load(tx, ctx, id, 'update');
    if (row.version !== version) throw conflict();
    if (row.status !== 'draft') throw rule('competition.notDraft');
    await repo.activateScheme(tx, cityCode, id, ctx.now);
    await appendAudit(tx, ctx, {
      action: 'competition.scheme.activate',
      targetType: 'competition_scheme',
      targetId: id,
      before: { status: 'draft' },
      after: { status: 'active' },
    });
  });
  return await getScheme(db, ctx, id);
}

// ---------------------------------------------------------------- periods and values

/** The period's first and last day (a quarter, or the year). */
export function periodDates(year: number, period: CompetitionPeriod): { start: string; end: string; quarter: number | null } {
  if (period === 'Y') return { start: `${year}-01-01`, end: `${year}-12-31`, quarter: null };
  const quarter = Number(period.slice(1));
  const first = String(quarter * 3 - 2).padStart(2, '0');
  return { start: `${year}-${first}-01`, end: monthEnd(`${year}-${String(quarter * 3).padStart(2, '0')}`), quarter };
}

/**
 * The day the platform's data is read as of (the period's end, or today while the period
 * runs) and the leaderboard month (the as-of month when it is over, else the month before
 * it within the year).
 */
export function periodWindow(year: number, period: CompetitionPeriod, today: string) {
  const { start, end, quarter } = periodDates(year, period);
  if (start > today) throw rule('competition.periodNotStarted');
  const asOf = end < today ? end : today;
  let boardMonth = asOf.slice(0, 7);
  if (asOf !== monthEnd(boardMonth) && Number(boardMonth.slice(5, 7)) > 1)
    boardMonth = `${year}-${String(Number(boardMonth.slice(5, 7)) - 1).padStart(2, '0')}`;
  return { asOf, boardMonth, quarter };
}

const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);
const under = (unit: UnitRef, path: string) => path.startsWith(unit.path);

/** Each competing unit's value of each indicator for the period, read only for the sources the scheme uses. */
async function valuesOf(
  db: Executor,
  cityCode: string,
  scheme: repo.SchemeRow,
  period: CompetitionPeriod,
  units: readonly UnitRef[],
  window: ReturnType<typeof periodWindow>,
  now: Date,
): Promise<Map<number, Record<string, number | null>>> {
  const indicators = scheme.groups.flatMap((g) => g.indicators);
  const uses = (kind: CompetitionIndicator['source']['kind']) => indicators.some((i) => i.source.kind === kind);
  const { asOf, boardMonth, quarter } = window;
  const [investment, letters, board, observation, entries] = await Promise.all([
    uses('investmentRatio') || uses('honours') ? cityUnitFigures(db, cityCode, scheme.year, asOf) : null,
    uses('fulfilment') ? lettersOfYear(db, { kind: 'city', cityCode }, scheme.year, asOf) : null,
    // The figures as they stand now (a late entry or correction counts), as the other sources read them.
    uses('board') ? computeFigures(db, cityCode, boardMonth, now) : null,
    uses('observation') ? closedSiteScores(db, cityCode, scheme.year, quarter) : null,
    uses('entered') ? repo.entriesOf(db, cityCode, scheme.id, period) : null,
  ]);
  const problems = uses('problemClosure')
    ? new Map(
        await Promise.all(
          units.map(async (u) => [u.id, await problemSummaryUnder(db, cityCode, u, { raisedFrom: `${scheme.year}-01-01`, asOf })] as const),
        ),
      )
    : null;
  const out = new Map<number, Record<string, number | null>>();
  for (const unit of units) {
    const values: Record<string, number | null> = {};
    for (const i of indicators) {
      const s = i.source;
      if (s.kind === 'investmentRatio') values[i.key] = investment?.find((r) => r.unitId === unit.id)?.ratio ?? null;
      else if (s.kind === 'honours') values[i.key] = investment?.find((r) => r.unitId === unit.id)?.honours[s.list] ?? 0;
      else if (s.kind === 'fulfilment')
        values[i.key] = mean(
          (letters ?? [])
            .filter((l) => l.summary.kind === s.letterKind && under(unit, l.unitPath) && l.summary.fulfilmentRate !== null)
            .map((l) => l.summary.fulfilmentRate!),
        );
      else if (s.kind === 'board') values[i.key] = Number(board?.figures[s.metric].get(unit.id)?.value ?? '0');
      else if (s.kind === 'problemClosure') {
        const summary = problems?.get(unit.id);
        // No problem raised this year: nothing is left unresolved.
        values[i.key] = !summary || summary.total === 0 ? 1 : summary.closureRate;
      } else if (s.kind === 'observation') {
        const sites = (observation ?? []).filter((x) => x.score !== null && under(unit, x.unitPath));
        const tours = [...new Set(sites.map((x) => x.tourId))];
        values[i.key] = mean(tours.map((t) => mean(sites.filter((x) => x.tourId === t).map((x) => x.score!))!));
      } else {
        const entry = entries?.find((e) => e.indicator_key === i.key && e.unit_id === unit.id);
        values[i.key] = entry ? Number(entry.value) : null;
      }
    }
    out.set(unit.id, values);
  }
  return out;
}

async function compute(db: Executor, ctx: RequestContext, id: number, period: CompetitionPeriod) {
  const { row, cityCode } = await load(db, ctx, id);
  return { row, results: await resultsOf(db, cityCode, row, period, ctx.now) };
}

/** The period's results: the published record once there is one, else computed now. */
async function resultsOf(
  db: Executor,
  cityCode: string,
  row: repo.SchemeRow,
  period: CompetitionPeriod,
  now: Date,
): Promise<CompetitionResults> {
  const published = row.status === 'active' ? await repo.getPublication(db, cityCode, row.id, period) : undefined;
  if (published)
    return {
      ...published.results,
      published: { at: published.published_at.toISOString(), by: published.published_name },
    };
  return await scoreScheme(db, cityCode, row, periodWindow(row.year, period, shanghaiDate(now)), period, now);
}

/** Entered values and adjustments of a published period are closed. */
async function refuseIfPublished(db: Executor, cityCode: string, schemeId: number, period: string) {
  if (await repo.getPublication(db, cityCode, schemeId, period)) throw rule('competition.periodPublished');
}

/**
 * Publish a period's results once it is over: they are frozen as computed now, and every
 * competing unit's own accounts are told their score, rank and whether they are commended or
 * warned (inbox and the deployment's channels). One audit record.
 */
export async function publishResults(db: Db, ctx: RequestContext, id: number, period: CompetitionPeriod) {
  const actor = requireActor(ctx);
  scopeOf(actor, 'competition.manage');
  await db.transaction().execute(async (tx) => {
    const { row, cityCode } = await load(tx, ctx, id, 'update');
    if (row.status !== 'active') throw rule('competition.notActive');
    const today = shanghaiDate(ctx.now);
    if (periodDates(row.year, period).end >= today) throw rule('competition.periodNotOver');
    if (await repo.getPublication(tx, cityCode, row.id, period)) throw rule('competition.alreadyPublished');
    const { published: _p, ...results } = await scoreScheme(tx, cityCode, row, periodWindow(row.year, period, today), period, ctx.now);
    await repo.insertPublication(tx, {
      cityCode,
      schemeId: row.id,
      period,
      results,
      by: actor.userId,
      name: actor.username,
      at: ctx.now,
    });
    const users = await repo.reportingUsersOf(
      tx,
      cityCode,
      results.units.map((u) => u.unitId),
    );
    const kind = period === 'Y' ? 'year' : 'quarter';
    for (const unit of results.units) {
      const userIds = users.filter((u) => u.scope_unit_id === unit.unitId).map((u) => u.id);
      if (!userIds.length) continue;
      await notify(tx, cityCode, ctx.now, {
        kind: 'competition.published',
        message: `notify.competition.published.${kind}${unit.band ? `.${unit.band}` : ''}` as 'notify.competition.published.year',
        params: {
          title: row.title,
          year: row.year,
          quarter: period === 'Y' ? 0 : Number(period.slice(1)),
          total: unit.total.toFixed(2),
          rank: unit.rank,
          ranked: results.units.length,
        },
        link: `/competition/${row.id}?tab=results&period=${period}`,
        userIds,
      });
    }
    await appendAudit(tx, ctx, {
      action: 'competition.publish',
      targetType: 'competition_scheme',
      targetId: row.id,
      after: {
        period,
        asOf: results.asOf,
        units: results.units.map((u) => ({ unitId: u.unitId, total: u.total, rank: u.rank, band: u.band })),
      },
    });
  });
  return await competitionResults(db, ctx, id, period);
}

async function scoreScheme(
  db: Executor,
  cityCode: string,
  row: repo.SchemeRow,
  window: ReturnType<typeof periodWindow>,
  period: CompetitionPeriod,
  now: Date,
): Promise<CompetitionResults> {
  const units = await rankedUnits(db, cityCode);
  const [values, adjustments] = await Promise.all([
    valuesOf(db, cityCode, row, period, units, window, now),
    repo.adjustmentsOf(db, cityCode, row.id, period),
  ]);
  const inputs: UnitInput[] = units.map((u) => ({
    unitId: u.id,
    unitName: u.nameZh,
    values: values.get(u.id) ?? {},
    adjustment: adjustments.filter((a) => a.unit_id === u.id).reduce((s, a) => s + Number(a.points), 0),
  }));
  return {
    published: null,
    schemeId: row.id,
    year: row.year,
    period,
    asOf: window.asOf,
    boardMonth: window.boardMonth,
    units: scoreUnits(row.groups, inputs, { rewardCount: row.reward_count, warningCount: row.warning_count }),
  };
}

/**
 * The standing of a competing unit in the year's active scheme for a quarter (or the year), as
 * the results page shows it; null without an active scheme, before the period, or for a unit
 * that does not compete (a park inside a county). The caller has checked the reader's rights.
 */
export async function unitStanding(
  db: Executor,
  cityCode: string,
  unitId: number,
  year: number,
  quarter: number | null,
  now: Date,
): Promise<UnitStanding | null> {
  const [row] = await repo.findSchemes(db, cityCode, year, false);
  const period: CompetitionPeriod = quarter ? (`Q${quarter}` as CompetitionPeriod) : 'Y';
  if (!row || periodDates(year, period).start > shanghaiDate(now)) return null;
  const results = await resultsOf(db, cityCode, row, period, now);
  const unit = results.units.find((u) => u.unitId === unitId);
  if (!unit) return null;
  return {
    title: row.title,
    asOf: results.asOf,
    fullPoints: fullPoints(row.groups),
    total: unit.total,
    adjustment: unit.adjustment,
    rank: unit.rank,
    ranked: results.units.length,
    band: unit.band,
  };
}

export async function competitionResults(db: Executor, ctx: RequestContext, id: number, period: CompetitionPeriod) {
  return (await compute(db, ctx, id, period)).results;
}

const h = exportColumn;
const PERIOD_NAMES: Record<CompetitionPeriod, { zh: string; en: string }> = {
  Q1: { zh: '第一季度', en: 'Q1' },
  Q2: { zh: '第二季度', en: 'Q2' },
  Q3: { zh: '第三季度', en: 'Q3' },
  Q4: { zh: '第四季度', en: 'Q4' },
  Y: { zh: '全年', en: 'Year' },
};

/** The results as .xlsx: a row per unit in rank order, each indicator's points, the groups, adjustments, total and band. Audited. */
export async function exportCompetitionResults(db: Db, ctx: RequestContext, id: number, period: CompetitionPeriod) {
  const { row, results } = await compute(db, ctx, id, period);
  await recordAuditEvent(db, ctx, {
    action: 'competition.export',
    targetType: 'competition_scheme',
    targetId: id,
    after: { period, units: results.units.length },
  });
  const en = ctx.locale === 'en-US';
  const groups: CompetitionGroup[] = row.groups;
  const indicators = groups.flatMap((g) => g.indicators);
  const columns = [
    h('排名', 'Rank', 8),
    h('单位', 'Unit', 20),
    ...indicators.map((i) => h(`${i.nameZh}（${i.points}分）`, `${i.nameEn} (${i.points})`, 14)),
    ...groups.map((g) => h(`小计：${g.nameZh}`, `Subtotal: ${g.nameEn}`, 14)),
    h('指标得分', 'Indicators', 12),
    h('加减分', 'Bonus/penalty', 12),
    h('总分', 'Total', 10),
    h('结果', 'Outcome', 10),
    h('数据截至', 'As of', 12),
  ];
  const band = { reward: en ? 'Commended' : '表扬', warning: en ? 'Warned' : '警示' };
  async function* lines() {
    for (const u of results.units) {
      yield [
        u.rank,
        u.unitName,
        ...u.indicators.map((i) => i.points),
        ...u.groups.map((g) => g.points),
        u.base,
        u.adjustment,
        u.total,
        u.band ? band[u.band] : '',
        results.asOf,
      ];
    }
  }
  const name = en ? `${row.year} ${PERIOD_NAMES[period].en} competition` : `${row.title}（${PERIOD_NAMES[period].zh}）`;
  return { name, stream: exportWorkbook(columns, lines(), ctx.locale, en ? 'Competition' : '考评结果') };
}

/**
 * The notice (通报) of a published period as Word: the frozen results with the period's bonus and
 * penalty items (closed once published, so they are the ones counted). Audited as an export.
 */
export async function competitionNotice(db: Db, ctx: RequestContext, id: number, period: CompetitionPeriod) {
  const { row, results } = await compute(db, ctx, id, period);
  if (!results.published) throw rule('competition.notPublished');
  const { cityCode } = scopeOf(requireActor(ctx), 'competition.read');
  const names = new Map(results.units.map((u) => [u.unitId, u.unitName]));
  const adjustments = (await repo.adjustmentsOf(db, cityCode, row.id, period)).map((a) => ({
    unitName: names.get(a.unit_id) ?? String(a.unit_id),
    points: Number(a.points),
    reason: a.reason,
    evidence: a.evidence,
  }));
  await recordAuditEvent(db, ctx, {
    action: 'competition.notice',
    targetType: 'competition_scheme',
    targetId: id,
    after: { period, units: results.units.length, adjustments: adjustments.length },
  });
  const data = await competitionNoticeDocx(
    {
      schemeTitle: row.title,
      groups: row.groups,
      results: { ...results, published: results.published },
      publishedOn: shanghaiDate(new Date(results.published.at)),
      adjustments,
    },
    ctx.locale,
  );
  return { name: `${noticeTitle(row.year, period, ctx.locale)}.docx`, data };
}

// ---------------------------------------------------------------- entered values and adjustments

function toEntry(r: Awaited<ReturnType<typeof repo.entriesOf>>[number]): CompetitionEntry {
  return {
    period: r.period as CompetitionPeriod,
    indicatorKey: r.indicator_key,
    unitId: r.unit_id,
    value: Number(r.value),
    evidence: r.evidence,
    enteredBy: r.entered_name,
    enteredAt: r.entered_at.toISOString(),
  };
}

export async function listEntries(db: Executor, ctx: RequestContext, id: number, period: CompetitionPeriod) {
  const { row, cityCode } = await load(db, ctx, id);
  const [entries, documents] = await Promise.all([
    repo.entriesOf(db, cityCode, row.id, period),
    repo.entryDocumentsOf(db, cityCode, row.id, period),
  ]);
  return {
    items: entries.map(toEntry),
    documents: documents.map(
      (d): CompetitionEntryDocument => ({
        indicatorKey: d.indicator_key,
        name: d.filename,
        sizeBytes: d.size_bytes,
        uploadedBy: d.uploaded_name,
        uploadedAt: d.uploaded_at.toISOString(),
      }),
    ),
  };
}

/** An indicator of the scheme whose values are entered, or a field error on `indicatorKey`. */
function enteredIndicator(row: repo.SchemeRow, key: string) {
  const indicator = row.groups.flatMap((g) => g.indicators).find((i) => i.key === key);
  if (!indicator || indicator.source.kind !== 'entered')
    throw new DomainError('VALIDATION_FAILED', { fields: [{ path: 'indicatorKey', key: 'competition.notEntered' }] });
  return indicator;
}

async function competingUnit(db: Executor, cityCode: string, unitId: number, path = 'unitId') {
  if (!(await rankedUnits(db, cityCode)).some((u) => u.id === unitId))
    throw new DomainError('VALIDATION_FAILED', { fields: [{ path, key: 'competition.unitNotCompeting' }] });
}

/** Enter (or, with a null value, remove) a unit's value of an entered indicator for a period, with its evidence. */
export async function putEntry(db: Db, ctx: RequestContext, id: number, input: CompetitionEntryInput) {
  const actor = requireActor(ctx);
  scopeOf(actor, 'competition.manage');
  await db.transaction().execute(async (tx) => {
    const { row, cityCode } = await load(tx, ctx, id, 'share');
    if (row.status !== 'active') throw rule('competition.notActive');
    await refuseIfPublished(tx, cityCode, row.id, input.period);
    enteredIndicator(row, input.indicatorKey);
    await competingUnit(tx, cityCode, input.unitId);
    if (input.value !== null && !input.evidence)
      throw new DomainError('VALIDATION_FAILED', { fields: [{ path: 'evidence', key: 'competition.evidenceRequired' }] });
    const key = { schemeId: row.id, period: input.period, indicatorKey: input.indicatorKey, unitId: input.unitId };
    const before = await repo.getEntry(tx, cityCode, key);
    if (input.value === null) {
      if (!before) return;
      await repo.deleteEntry(tx, cityCode, key);
    } else
      await repo.upsertEntry(tx, {
        city_code: cityCode,
        scheme_id: row.id,
        period: input.period,
        indicator_key: input.indicatorKey,
        unit_id: input.unitId,
        value: String(input.value),
        evidence: input.evidence,
        entered_by: actor.userId,
        entered_name: actor.username,
        entered_at: ctx.now,
      });
    await appendAudit(tx, ctx, {
      action: input.value === null ? 'competition.entry.delete' : 'competition.entry.put',
      targetType: 'competition_scheme',
      targetId: row.id,
      before: before ? { ...key, value: Number(before.value), evidence: before.evidence } : null,
      after: input.value === null ? null : input,
    });
  });
  return await listEntries(db, ctx, id, input.period);
}

/**
 * Attach (or replace) the document behind an entered indicator's values for a period (the
 * assessment report all units' values come from): PDF, JPG or PNG by content; the replaced file
 * goes. Audited with the file's SM3 digest. Answers the period's entries and documents.
 */
export async function attachEntryDocument(
  db: Db,
  ctx: RequestContext,
  id: number,
  at: CompetitionEntryDocumentQuery,
  file: { filename: string; data: Buffer },
) {
  const actor = requireActor(ctx);
  scopeOf(actor, 'competition.manage');
  const contentType = sniffDocument(file.data);
  if (!contentType) throw DomainError.field('file', 'file.type');
  await db.transaction().execute(async (tx) => {
    const { row, cityCode } = await load(tx, ctx, id, 'share');
    if (row.status !== 'active') throw rule('competition.notActive');
    await refuseIfPublished(tx, cityCode, row.id, at.period);
    enteredIndicator(row, at.indicatorKey);
    const stored = await storeFile(tx, ctx, cityCode, {
      purpose: 'competition.evidence',
      filename: file.filename,
      contentType,
      data: file.data,
    });
    const replaced = await repo.putEntryDocument(tx, {
      city_code: cityCode,
      scheme_id: row.id,
      period: at.period,
      indicator_key: at.indicatorKey,
      file_id: stored.id,
      uploaded_by: actor.userId,
      uploaded_name: actor.username,
      uploaded_at: ctx.now,
    });
    if (replaced !== null) await deleteFile(tx, cityCode, replaced);
    await appendAudit(tx, ctx, {
      action: 'competition.entry.document',
      targetType: 'competition_scheme',
      targetId: row.id,
      after: { ...at, fileId: stored.id, file: file.filename, sm3: stored.sm3, replacedFileId: replaced },
    });
  });
  return await listEntries(db, ctx, id, at.period);
}

/** Remove the document behind an entered indicator's values (attached in error), until the period is published. */
export async function removeEntryDocument(db: Db, ctx: RequestContext, id: number, at: CompetitionEntryDocumentQuery) {
  scopeOf(requireActor(ctx), 'competition.manage');
  await db.transaction().execute(async (tx) => {
    const { row, cityCode } = await load(tx, ctx, id, 'share');
    if (row.status !== 'active') throw rule('competition.notActive');
    await refuseIfPublished(tx, cityCode, row.id, at.period);
    enteredIndicator(row, at.indicatorKey);
    const removed = await repo.deleteEntryDocument(tx, { cityCode, schemeId: row.id, period: at.period, indicatorKey: at.indicatorKey });
    if (removed === null) throw notFound();
    await deleteFile(tx, cityCode, removed);
    await appendAudit(tx, ctx, {
      action: 'competition.entry.document.remove',
      targetType: 'competition_scheme',
      targetId: row.id,
      before: { ...at, fileId: removed },
    });
  });
  return await listEntries(db, ctx, id, at.period);
}

/** The document behind an entered indicator's values for a period, for every reader of the city. */
export async function entryDocument(db: Executor, ctx: RequestContext, id: number, at: CompetitionEntryDocumentQuery) {
  const { row, cityCode } = await load(db, ctx, id);
  const found = (await repo.entryDocumentsOf(db, cityCode, row.id, at.period)).find((d) => d.indicator_key === at.indicatorKey);
  const file = found ? await readFile(db, cityCode, found.file_id) : undefined;
  if (!file) throw notFound();
  return file;
}

function toAdjustment(r: repo.AdjustmentRow): CompetitionAdjustment {
  return {
    id: r.id,
    period: r.period as CompetitionPeriod,
    unitId: r.unit_id,
    points: Number(r.points),
    reason: r.reason,
    evidence: r.evidence,
    file: r.file_name === null || r.file_size === null ? null : { name: r.file_name, sizeBytes: r.file_size },
    createdBy: r.created_name,
    createdAt: r.created_at.toISOString(),
  };
}

export async function listAdjustments(db: Executor, ctx: RequestContext, id: number, period: CompetitionPeriod) {
  const { row, cityCode } = await load(db, ctx, id);
  return { items: (await repo.adjustmentsOf(db, cityCode, row.id, period)).map(toAdjustment) };
}

/** A bonus (+) or penalty (−) item for a unit in a period, with its reason and evidence. */
export async function addAdjustment(db: Db, ctx: RequestContext, id: number, input: CompetitionAdjustmentInput) {
  const actor = requireActor(ctx);
  scopeOf(actor, 'competition.manage');
  return await db.transaction().execute(async (tx) => {
    const { row, cityCode } = await load(tx, ctx, id, 'share');
    if (row.status !== 'active') throw rule('competition.notActive');
    await refuseIfPublished(tx, cityCode, row.id, input.period);
    await competingUnit(tx, cityCode, input.unitId);
    const added = await repo.insertAdjustment(tx, {
      city_code: cityCode,
      scheme_id: row.id,
      period: input.period,
      unit_id: input.unitId,
      points: input.points.toFixed(2),
      reason: input.reason,
      evidence: input.evidence,
      created_by: actor.userId,
      created_name: actor.username,
      created_at: ctx.now,
    });
    await appendAudit(tx, ctx, {
      action: 'competition.adjustment.add',
      targetType: 'competition_scheme',
      targetId: row.id,
      after: { id: added.id, ...input },
    });
    return toAdjustment({ ...added, file_name: null, file_size: null });
  });
}

export async function deleteAdjustment(db: Db, ctx: RequestContext, id: number, adjustmentId: number) {
  await db.transaction().execute(async (tx) => {
    const { row, cityCode, found } = await openAdjustment(tx, ctx, id, adjustmentId);
    await repo.deleteAdjustment(tx, cityCode, adjustmentId);
    if (found.evidence_file_id !== null) await deleteFile(tx, cityCode, found.evidence_file_id);
    await appendAudit(tx, ctx, {
      action: 'competition.adjustment.delete',
      targetType: 'competition_scheme',
      targetId: row.id,
      before: toAdjustment(found),
    });
  });
  return { ok: true as const };
}

/** An adjustment of an active scheme whose period is still open, for a change by the operator. */
async function openAdjustment(tx: Executor, ctx: RequestContext, id: number, adjustmentId: number) {
  scopeOf(requireActor(ctx), 'competition.manage');
  const { row, cityCode } = await load(tx, ctx, id, 'share');
  if (row.status !== 'active') throw rule('competition.notActive');
  const found = await repo.getAdjustment(tx, cityCode, row.id, adjustmentId);
  if (!found) throw notFound();
  await refuseIfPublished(tx, cityCode, row.id, found.period);
  return { row, cityCode, found };
}

/**
 * Attach (or replace) the evidence document of a bonus/penalty item: a PDF, JPG or PNG checked by
 * its content, not its name. The replaced file goes; the item stays as it was otherwise. Audited
 * with the file's SM3 digest.
 */
export async function attachAdjustmentFile(
  db: Db,
  ctx: RequestContext,
  id: number,
  adjustmentId: number,
  file: { filename: string; data: Buffer },
): Promise<CompetitionAdjustment> {
  const contentType = sniffDocument(file.data);
  if (!contentType) throw DomainError.field('file', 'file.type');
  return await db.transaction().execute(async (tx) => {
    const { row, cityCode, found } = await openAdjustment(tx, ctx, id, adjustmentId);
    const stored = await storeFile(tx, ctx, cityCode, {
      purpose: 'competition.evidence',
      filename: file.filename,
      contentType,
      data: file.data,
    });
    await repo.setAdjustmentFile(tx, cityCode, adjustmentId, stored.id);
    if (found.evidence_file_id !== null) await deleteFile(tx, cityCode, found.evidence_file_id);
    await appendAudit(tx, ctx, {
      action: 'competition.adjustment.file',
      targetType: 'competition_scheme',
      targetId: row.id,
      before: found.file_name === null ? null : { adjustmentId, file: found.file_name },
      after: { adjustmentId, fileId: stored.id, file: file.filename, sm3: stored.sm3 },
    });
    return toAdjustment((await repo.getAdjustment(tx, cityCode, row.id, adjustmentId))!);
  });
}

/** The evidence document of a bonus/penalty item, for every reader of the city. */
export async function adjustmentFile(db: Executor, ctx: RequestContext, id: number, adjustmentId: number) {
  const { row, cityCode } = await load(db, ctx, id);
  const found = await repo.getAdjustment(db, cityCode, row.id, adjustmentId);
  const file = found?.evidence_file_id ? await readFile(db, cityCode, found.evidence_file_id) : undefined;
  if (!file) throw notFound();
  return file;
}
