import { sql } from 'kysely';
import type { CorrectFundWon, CreateFundWon } from '../../../contracts/index.js';
import { codeLabel, shanghaiDate } from '../../../contracts/index.js';
import type { Db, Executor } from '../../db/pool.js';
import { type RequestContext, type Scope, requireActor, scopeOf } from '../../lib/context.js';
import { DomainError, notFound } from '../../lib/domain-error.js';
import { escapeLike, pageWithTotal, totalCount } from '../../lib/sql.js';
import { appendAudit, recordAuditEvent } from '../audit/index.js';
import { getUnitRef } from '../org/index.js';
import { getProjectRef } from '../projects/index.js';
import { exportColumn, exportWorkbook } from '../sheets/index.js';

/**
 * 争资: funds won from higher government. A row is never changed: a correction is a new row
 * superseding the old, with a reason; the current rows are those nothing supersedes.
 */
function fundsIn(db: Executor, scope: Scope) {
  let query = db
    .selectFrom('funds_won as f')
    .innerJoin('org_unit as u', (j) => j.onRef('u.city_code', '=', 'f.city_code').onRef('u.id', '=', 'f.unit_id'))
    .leftJoin('project as p', (j) => j.onRef('p.city_code', '=', 'f.city_code').onRef('p.id', '=', 'f.project_id'))
    .where('f.city_code', '=', scope.cityCode)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('funds_won as s').select('s.id').whereRef('s.city_code', '=', 'f.city_code').whereRef('s.supersedes_id', '=', 'f.id'),
        ),
      ),
    );
  if (scope.kind === 'subtree') query = query.where('u.path', 'like', `${escapeLike(scope.path)}%`);
  if (scope.kind === 'enterprise') query = query.where(sql<boolean>`false`);
  return query;
}

const COLUMNS = [
  'f.id',
  'f.unit_id',
  'u.name_zh as unit_name',
  'f.project_id',
  'p.name as project_name',
  'f.source',
  'f.amount',
  'f.won_on',
  'f.note',
  'f.supersedes_id',
  'f.reason',
  'f.created_name',
  'f.created_at',
] as const;

type FundRow = {
  id: number;
  unit_id: number;
  unit_name: string;
  project_id: number | null;
  project_name: string | null;
  source: string;
  amount: string;
  won_on: string;
  note: string | null;
  supersedes_id: number | null;
  reason: string | null;
  created_name: string | null;
  created_at: Date;
};

function toFund(r: FundRow) {
  return {
    id: r.id,
    unitId: r.unit_id,
    unitName: r.unit_name,
    projectId: r.project_id,
    projectName: r.project_name,
    source: r.source as CreateFundWon['source'],
    amount: r.amount,
    wonOn: r.won_on,
    note: r.note,
    supersedesId: r.supersedes_id,
    reason: r.reason,
    createdBy: r.created_name,
    createdAt: r.created_at.toISOString(),
  };
}

type FundFilter = { year?: number | undefined; unitId?: number | undefined; source?: string | undefined };

/** The current rows within the jurisdiction matching the list's filters; null when the unit filtered by is unknown. */
async function filtered(db: Executor, scope: Scope, q: FundFilter) {
  let base = fundsIn(db, scope);
  if (q.year) base = base.where('f.won_on', '>=', `${q.year}-01-01`).where('f.won_on', '<=', `${q.year}-12-31`);
  if (q.source) base = base.where('f.source', '=', q.source);
  if (q.unitId) {
    const unit = await getUnitRef(db, scope.cityCode, q.unitId);
    if (!unit) return null;
    base = base.where('u.path', 'like', `${escapeLike(unit.path)}%`);
  }
  return base;
}

export async function findFunds(db: Executor, ctx: RequestContext, q: FundFilter & { page: number; pageSize: number }) {
  const scope = scopeOf(requireActor(ctx), 'funds.read');
  const base = await filtered(db, scope, q);
  if (!base) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
  const rows = await base
    .select([...COLUMNS, totalCount()])
    .orderBy('f.won_on', 'desc')
    .orderBy('f.id', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  const page = await pageWithTotal(
    rows,
    q.page,
    async () => (await base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n,
  );
  return { items: page.rows.map((r) => toFund(r as FundRow)), total: page.total, page: q.page, pageSize: q.pageSize };
}

/** The most rows one export holds (a city records hundreds of funds a year). */
export const FUNDS_EXPORT_MAX_ROWS = 10_000;

const h = exportColumn;
const FUND_COLUMNS = [
  h('争取日期', 'Won on', 12),
  h('单位', 'Unit', 20),
  h('项目', 'Project', 30),
  h('资金来源', 'Source', 16),
  h('金额（万元）', 'Amount (10k yuan)', 16),
  h('说明', 'Note', 30),
  h('更正原因', 'Correction reason', 24),
  h('登记人', 'Recorded by', 12),
];

/** The filtered list as .xlsx (same filters and order as the list, at most FUNDS_EXPORT_MAX_ROWS rows). Audited. */
export async function exportFunds(db: Db, ctx: RequestContext, q: FundFilter) {
  const scope = scopeOf(requireActor(ctx), 'funds.read');
  const base = await filtered(db, scope, q);
  const rows = base
    ? ((await base.select(COLUMNS).orderBy('f.won_on', 'desc').orderBy('f.id', 'desc').limit(FUNDS_EXPORT_MAX_ROWS).execute()) as FundRow[])
    : [];
  await recordAuditEvent(db, ctx, { action: 'funds.export', targetType: 'funds', after: { filter: q, rows: rows.length } });
  async function* lines() {
    for (const r of rows) {
      yield [
        r.won_on,
        r.unit_name,
        r.project_name,
        codeLabel('fundSource', r.source, ctx.locale),
        Number(r.amount),
        r.note,
        r.reason,
        r.created_name,
      ];
    }
  }
  return exportWorkbook(FUND_COLUMNS, lines(), ctx.locale, ctx.locale === 'en-US' ? 'Funds won' : '争资');
}

async function checkFund(
  tx: Executor,
  ctx: RequestContext,
  scope: Scope,
  unitId: number,
  projectId: number | null | undefined,
  wonOn: string,
) {
  const unit = await getUnitRef(tx, scope.cityCode, unitId);
  if (!unit || !unit.isActive || (scope.kind === 'subtree' && !unit.path.startsWith(scope.path)))
    throw DomainError.field('unitId', 'validation.referenceNotFound');
  if (projectId && !(await getProjectRef(tx, ctx, projectId, 'project.read')))
    throw DomainError.field('projectId', 'validation.referenceNotFound');
  if (wonOn > shanghaiDate(ctx.now)) throw DomainError.field('wonOn', 'deal.dateInFuture');
}

export async function recordFund(db: Db, ctx: RequestContext, input: CreateFundWon) {
  const actor = requireActor(ctx);
  const scope = scopeOf(actor, 'funds.manage');
  const unitId = input.unitId ?? actor.scopeUnitId;
  if (!unitId) throw DomainError.field('unitId', 'validation.required');
  return await db.transaction().execute(async (tx) => {
    await checkFund(tx, ctx, scope, unitId, input.projectId, input.wonOn);
    const row = await tx
      .insertInto('funds_won')
      .values({
        city_code: scope.cityCode,
        unit_id: unitId,
        project_id: input.projectId ?? null,
        source: input.source,
        amount: input.amount,
        won_on: input.wonOn,
        note: input.note ?? null,
        created_by: actor.userId,
        created_name: actor.username,
        created_at: ctx.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(tx, ctx, { action: 'funds.record', targetType: 'funds_won', targetId: row.id, after: { ...input, unitId } });
    const saved = await fundsIn(tx, scope).select(COLUMNS).where('f.id', '=', row.id).executeTakeFirstOrThrow();
    return toFund(saved as FundRow);
  });
}

export async function correctFund(db: Db, ctx: RequestContext, id: number, input: CorrectFundWon) {
  const actor = requireActor(ctx);
  const scope = scopeOf(actor, 'funds.manage');
  return await db.transaction().execute(async (tx) => {
    // Only a current row (in scope) can be corrected; a superseded one is not found.
    const current = (await fundsIn(tx, scope).select(COLUMNS).where('f.id', '=', id).executeTakeFirst()) as FundRow | undefined;
    if (!current) {
      const exists = await tx
        .selectFrom('funds_won')
        .select('id')
        .where('city_code', '=', scope.cityCode)
        .where('id', '=', id)
        .executeTakeFirst();
      if (exists) throw new DomainError('BUSINESS_RULE_VIOLATED', { key: 'funds.alreadyCorrected' });
      throw notFound();
    }
    await checkFund(tx, ctx, scope, current.unit_id, current.project_id, input.wonOn);
    const row = await tx
      .insertInto('funds_won')
      .values({
        city_code: scope.cityCode,
        unit_id: current.unit_id,
        project_id: current.project_id,
        source: input.source,
        amount: input.amount,
        won_on: input.wonOn,
        note: input.note ?? null,
        supersedes_id: id,
        reason: input.reason,
        created_by: actor.userId,
        created_name: actor.username,
        created_at: ctx.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(tx, ctx, {
      action: 'funds.correct',
      targetType: 'funds_won',
      targetId: row.id,
      before: toFund(current),
      after: { ...input, supersedesId: id },
    });
    return toFund((await fundsIn(tx, scope).select(COLUMNS).where('f.id', '=', row.id).executeTakeFirstOrThrow()) as FundRow);
  });
}
