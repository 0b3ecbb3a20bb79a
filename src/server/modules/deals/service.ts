import {
  type CreateDeal,
  type Deal,
  type DealKind,
  type DealListQuery,
  type DealStage,
  type DealTransition,
  type DuplicateStatus,
  FUNNEL_STAGES,
  type Funnel,
  type FunnelQuery,
  type FunnelRow,
  type MessageKey,
  type ThreeQuantities,
  type UpdateDeal,
  moneyRatio,
  shanghaiDate,
} from '../../../contracts/index.js';
import type { Db, Executor, Tx } from '../../db/pool.js';
import { type RequestContext, type Scope, requireActor, scopeOf } from '../../lib/context.js';
import { DomainError, conflict, notFound } from '../../lib/domain-error.js';
import { appendAudit, recordAuditEvent } from '../audit/index.js';
import { readFile, sniffDocument, storeFile } from '../files/index.js';
import { childUnits, getCityRoot, getUnitRef } from '../org/index.js';
import { createProjectInTx, getProjectRef } from '../projects/index.js';
import { findDealTargetsOfYear, registrySettings } from '../settings/index.js';
import { countedAmount, duplicateKey, filingDelay } from './domain/counting.js';
import { checkTransition, isActiveStage, stageRank } from './domain/stages.js';
import { assessThreeQuantities } from './domain/three-quantities.js';
import * as repo from './repo.js';

/** Units that file deals: county-level units, parks, townships and platform companies. */
const FILING_UNIT_KINDS = ['district', 'county', 'county_level_city', 'park', 'township', 'platform_company'];

function toDeal(row: repo.DealRow): Deal {
  return {
    id: row.id,
    unitId: row.unit_id,
    unitName: row.unit_name,
    kind: row.kind as DealKind,
    predecessorDealId: row.predecessor_deal_id,
    projectName: row.project_name,
    investorName: row.investor_name,
    investorUscc: row.investor_uscc,
    contractedAmount: row.contracted_amount,
    countedAmount: row.counted_amount,
    industryCode: row.industry_code,
    source: row.source,
    signedOn: row.signed_on,
    filedOn: row.filed_on,
    filingDelayDays: row.filing_delay_days,
    isLateFiling: row.is_late_filing,
    registrationDeadline: row.registration_deadline,
    capitalSchedule: row.capital_schedule,
    startDeadline: row.start_deadline,
    productionDeadline: row.production_deadline,
    stage: row.stage as DealStage,
    stageOn: row.stage_on,
    stageReason: row.stage_reason,
    duplicateStatus: row.duplicate_status as DuplicateStatus,
    duplicateOfDealId: row.duplicate_of_deal_id,
    projectId: row.project_id,
    isHighTech: row.is_high_tech,
    isStrategicEmerging: row.is_strategic_emerging,
    plannedRdAmount: row.planned_rd_amount,
    plannedEnergyTce: row.planned_energy_tce,
    plannedAnnualOutput: row.planned_annual_output,
    expectedAnnualTax: row.expected_annual_tax,
    landAreaMu: row.land_area_mu,
    threeQuantities: row.three_quantities as ThreeQuantities,
    hasContractScan: row.contract_file_id !== null,
    note: row.note,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** The audit snapshot: own fields, not names or derived display values. */
function snapshot(d: Deal) {
  const { unitName: _u, createdAt: _c, updatedAt: _d, threeQuantities: _t, hasContractScan: _h, ...own } = d;
  return own;
}

async function loadDeal(db: Executor, scope: Scope, id: number): Promise<Deal | null> {
  const row = await repo.getDeal(db, scope, id);
  return row ? toDeal(row) : null;
}

export async function findDeals(db: Executor, ctx: RequestContext, query: DealListQuery) {
  const scope = scopeOf(requireActor(ctx), 'deal.read');
  let unitPath: string | undefined;
  if (query.unitId) {
    const unit = await getUnitRef(db, scope.cityCode, query.unitId);
    if (!unit) return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
    unitPath = unit.path;
  }
  const { rows, total } = await repo.findDeals(db, scope, query, unitPath);
  return { items: rows.map(toDeal), total, page: query.page, pageSize: query.pageSize };
}

export async function getDealById(db: Executor, ctx: RequestContext, id: number): Promise<Deal> {
  const deal = await loadDeal(db, scopeOf(requireActor(ctx), 'deal.read'), id);
  if (!deal) throw notFound();
  return deal;
}

/** 重复备案: the deal and the other filings of the same investor + project that were flagged with it. */
export async function getDealDuplicates(db: Executor, ctx: RequestContext, id: number) {
  const scope = scopeOf(requireActor(ctx), 'deal.read');
  const row = await repo.getDeal(db, scope, id);
  if (!row) throw notFound();
  return { items: (await repo.duplicateGroupIn(db, scope, id, row.duplicate_key)).map(toDeal) };
}

export async function getDealHistory(db: Executor, ctx: RequestContext, id: number) {
  const scope = scopeOf(requireActor(ctx), 'deal.read');
  if (!(await repo.getDeal(db, scope, id))) throw notFound();
  const events = await repo.stageEvents(db, scope.cityCode, id);
  return {
    items: events.map((e) => ({
      id: e.id,
      fromStage: e.from_stage as DealStage | null,
      toStage: e.to_stage as DealStage,
      occurredOn: e.occurred_on,
      reason: e.reason,
      evidence: e.evidence,
      actorName: e.actor_name,
      recordedAt: e.recorded_at.toISOString(),
    })),
  };
}

type Problem = { path: string; key: MessageKey; params?: Record<string, string | number> };

/** Checks of a filing's own dates and lists; collects every problem. */
async function checkFiling(
  tx: Executor,
  cityCode: string,
  input: Partial<CreateDeal>,
  signedOn: string,
  today: string,
): Promise<Problem[]> {
  const problems: Problem[] = [];
  if (input.signedOn && input.signedOn > today) problems.push({ path: 'signedOn', key: 'deal.signedInFuture' });
  for (const field of ['registrationDeadline', 'startDeadline', 'productionDeadline'] as const) {
    const value = input[field];
    if (value && value < signedOn) problems.push({ path: field, key: 'deal.deadlineBeforeSigning' });
  }
  (input.capitalSchedule ?? []).forEach((item, i) => {
    if (item.dueOn < signedOn) problems.push({ path: `capitalSchedule.${i}.dueOn`, key: 'deal.deadlineBeforeSigning' });
  });
  if (input.source !== undefined) {
    const settings = await registrySettings(tx, cityCode);
    if (!settings.dealSources.some((s) => s.key === input.source && s.isActive))
      problems.push({ path: 'source', key: 'deal.unknownSource' });
  }
  return problems;
}

function failWith(problems: Problem[]): void {
  if (problems.length) throw new DomainError('VALIDATION_FAILED', { fields: problems });
}

/** The filing unit: given, or the caller's own; it must file deals and lie in the caller's scope. */
async function filingUnit(tx: Executor, scope: Scope, ctx: RequestContext, unitId: number | undefined) {
  const id = unitId ?? requireActor(ctx).scopeUnitId;
  const unit = id ? await getUnitRef(tx, scope.cityCode, id) : undefined;
  const isInScope = !!unit && unit.isActive && (scope.kind === 'city' || (scope.kind === 'subtree' && unit.path.startsWith(scope.path)));
  if (!isInScope) throw DomainError.field('unitId', 'validation.referenceNotFound');
  if (!FILING_UNIT_KINDS.includes(unit.kind)) throw DomainError.field('unitId', 'deal.unitKind');
  return unit;
}

/**
 * Flag filings of the same investor + project by different units: both become "flagged"
 * for the city operator to settle. Returns the status the new/edited deal gets.
 */
async function flagDuplicates(
  tx: Tx,
  ctx: RequestContext,
  cityCode: string,
  dealId: number,
  key: string,
  unitId: number,
): Promise<DuplicateStatus> {
  const others = await repo.findDuplicates(tx, cityCode, key, unitId, dealId);
  if (!others.length) return 'none';
  const toFlag = others.filter((o) => o.duplicate_status === 'none').map((o) => o.id);
  await repo.setDuplicateStatus(tx, cityCode, toFlag, 'flagged', null, ctx.now);
  for (const id of toFlag) {
    await appendAudit(tx, ctx, { action: 'deal.duplicate.flag', targetType: 'deal', targetId: id, after: { withDealId: dealId } });
  }
  return 'flagged';
}

export async function createDeal(db: Db, ctx: RequestContext, input: CreateDeal): Promise<Deal> {
  return await db.transaction().execute((tx) => createDealInTx(tx, ctx, input));
}

/** File a deal in the caller's transaction (the form, or one row of an import). */
export async function createDealInTx(tx: Tx, ctx: RequestContext, input: CreateDeal): Promise<Deal> {
  const scope = scopeOf(requireActor(ctx), 'deal.manage');
  {
    const unit = await filingUnit(tx, scope, ctx, input.unitId);
    const today = shanghaiDate(ctx.now);
    const problems = await checkFiling(tx, scope.cityCode, input, input.signedOn, today);
    let predecessorAmount: string | null = null;
    if (input.kind === 'new' && input.predecessorDealId) problems.push({ path: 'predecessorDealId', key: 'deal.predecessorNotAllowed' });
    if (input.kind !== 'new') {
      const predecessor = input.predecessorDealId ? await loadDeal(tx, scope, input.predecessorDealId) : null;
      if (!predecessor)
        problems.push({
          path: 'predecessorDealId',
          key: input.predecessorDealId ? 'validation.referenceNotFound' : 'deal.predecessorRequired',
        });
      else predecessorAmount = predecessor.contractedAmount;
    }
    failWith(problems);
    const settings = await registrySettings(tx, scope.cityCode);
    const delay = filingDelay(input.signedOn, today, settings.filingDeadlineDays);
    const key = duplicateKey(input.investorName, input.investorUscc ?? null, input.projectName);
    const threeQuantities = assessThreeQuantities(
      {
        contractedAmount: input.contractedAmount,
        isHighTech: input.isHighTech ?? false,
        isStrategicEmerging: input.isStrategicEmerging ?? false,
        plannedRdAmount: input.plannedRdAmount ?? null,
        plannedEnergyTce: input.plannedEnergyTce ?? null,
        plannedAnnualOutput: input.plannedAnnualOutput ?? null,
        expectedAnnualTax: input.expectedAnnualTax ?? null,
        landAreaMu: input.landAreaMu ?? null,
      },
      settings.threeQuantities,
    );
    const id = await repo.insertDeal(tx, {
      city_code: scope.cityCode,
      unit_id: unit.id,
      kind: input.kind,
      predecessor_deal_id: input.kind === 'new' ? null : (input.predecessorDealId ?? null),
      project_name: input.projectName,
      investor_name: input.investorName,
      investor_uscc: input.investorUscc ?? null,
      contracted_amount: input.contractedAmount,
      counted_amount: countedAmount(input.kind, input.contractedAmount, predecessorAmount),
      industry_code: input.industryCode,
      source: input.source,
      signed_on: input.signedOn,
      filed_on: today,
      filing_delay_days: delay.delayDays,
      is_late_filing: delay.isLate,
      registration_deadline: input.registrationDeadline ?? null,
      capital_schedule: JSON.stringify(input.capitalSchedule ?? []),
      start_deadline: input.startDeadline ?? null,
      production_deadline: input.productionDeadline ?? null,
      stage: 'signed',
      stage_on: input.signedOn,
      duplicate_key: key,
      is_high_tech: input.isHighTech ?? false,
      is_strategic_emerging: input.isStrategicEmerging ?? false,
      planned_rd_amount: input.plannedRdAmount ?? null,
      planned_energy_tce: input.plannedEnergyTce ?? null,
      planned_annual_output: input.plannedAnnualOutput ?? null,
      expected_annual_tax: input.expectedAnnualTax ?? null,
      land_area_mu: input.landAreaMu ?? null,
      three_quantities: JSON.stringify(threeQuantities),
      note: input.note ?? null,
      created_by: ctx.actor?.userId ?? null,
      created_at: ctx.now,
      updated_at: ctx.now,
    });
    await repo.insertStageEvent(tx, {
      city_code: scope.cityCode,
      deal_id: id,
      from_stage: null,
      to_stage: 'signed',
      occurred_on: input.signedOn,
      reason: null,
      evidence: null,
      actor_user_id: ctx.actor?.userId ?? null,
      actor_name: ctx.actor?.username ?? null,
      recorded_at: ctx.now,
    });
    if (input.kind === 'new') {
      const status = await flagDuplicates(tx, ctx, scope.cityCode, id, key, unit.id);
      if (status !== 'none') await repo.setDuplicateStatus(tx, scope.cityCode, [id], status, null, ctx.now);
    }
    const deal = (await loadDeal(tx, scope, id))!;
    await appendAudit(tx, ctx, { action: 'deal.create', targetType: 'deal', targetId: id, after: snapshot(deal) });
    return deal;
  }
}

export async function updateDeal(db: Db, ctx: RequestContext, id: number, input: UpdateDeal): Promise<Deal> {
  return await db.transaction().execute((tx) => updateDealInTx(tx, ctx, id, input));
}

/** Correct a filing in the caller's transaction. */
export async function updateDealInTx(tx: Tx, ctx: RequestContext, id: number, input: UpdateDeal): Promise<Deal> {
  const scope = scopeOf(requireActor(ctx), 'deal.manage');
  {
    const current = await loadDeal(tx, scope, id);
    if (!current) throw notFound();
    if (current.version !== input.version) throw conflict();
    const signedOn = input.signedOn ?? current.signedOn;
    const problems = await checkFiling(tx, scope.cityCode, input, signedOn, shanghaiDate(ctx.now));
    failWith(problems);
    const merged = { ...current, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) } as Deal & UpdateDeal;
    const settings = await registrySettings(tx, scope.cityCode);
    const predecessor = current.predecessorDealId
      ? await loadDeal(tx, { kind: 'city', cityCode: scope.cityCode }, current.predecessorDealId)
      : null;
    const delay = filingDelay(signedOn, current.filedOn, settings.filingDeadlineDays);
    const key = duplicateKey(merged.investorName, merged.investorUscc ?? null, merged.projectName);
    const threeQuantities = assessThreeQuantities(
      {
        contractedAmount: merged.contractedAmount,
        isHighTech: merged.isHighTech ?? false,
        isStrategicEmerging: merged.isStrategicEmerging ?? false,
        plannedRdAmount: merged.plannedRdAmount ?? null,
        plannedEnergyTce: merged.plannedEnergyTce ?? null,
        plannedAnnualOutput: merged.plannedAnnualOutput ?? null,
        expectedAnnualTax: merged.expectedAnnualTax ?? null,
        landAreaMu: merged.landAreaMu ?? null,
      },
      settings.threeQuantities,
    );
    const ok = await repo.updateDealVersioned(tx, scope.cityCode, id, input.version, {
      project_name: merged.projectName,
      investor_name: merged.investorName,
      investor_uscc: merged.investorUscc ?? null,
      contracted_amount: merged.contractedAmount,
      counted_amount: countedAmount(current.kind, merged.contractedAmount, predecessor?.contractedAmount ?? null),
      industry_code: merged.industryCode,
      source: merged.source,
      signed_on: signedOn,
      filing_delay_days: delay.delayDays,
      is_late_filing: delay.isLate,
      registration_deadline: merged.registrationDeadline ?? null,
      capital_schedule: JSON.stringify(merged.capitalSchedule ?? []),
      start_deadline: merged.startDeadline ?? null,
      production_deadline: merged.productionDeadline ?? null,
      duplicate_key: key,
      is_high_tech: merged.isHighTech ?? false,
      is_strategic_emerging: merged.isStrategicEmerging ?? false,
      planned_rd_amount: merged.plannedRdAmount ?? null,
      planned_energy_tce: merged.plannedEnergyTce ?? null,
      planned_annual_output: merged.plannedAnnualOutput ?? null,
      expected_annual_tax: merged.expectedAnnualTax ?? null,
      land_area_mu: merged.landAreaMu ?? null,
      three_quantities: JSON.stringify(threeQuantities),
      note: merged.note ?? null,
      updated_at: ctx.now,
    });
    if (!ok) throw conflict();
    if (current.kind === 'new' && current.duplicateStatus === 'none') {
      const status = await flagDuplicates(tx, ctx, scope.cityCode, id, key, current.unitId);
      if (status !== 'none') await repo.setDuplicateStatus(tx, scope.cityCode, [id], status, null, ctx.now);
    }
    const after = (await loadDeal(tx, scope, id))!;
    await appendAudit(tx, ctx, {
      action: 'deal.update',
      targetType: 'deal',
      targetId: id,
      before: snapshot(current),
      after: snapshot(after),
    });
    return after;
  }
}

/** Filings of the scope by their natural key (unit, investor + project, signing date), for imports. */
export async function existingDeals(db: Executor, scope: Scope): Promise<Map<string, Deal>> {
  const { rows } = await repo.findDeals(db, scope, { page: 1, pageSize: 1_000_000, sort: '-signedOn' });
  return new Map(rows.map((r) => [dealKey(r.unit_id, r.duplicate_key, r.signed_on), toDeal(r)]));
}

export function dealKey(unitId: number, duplicate: string, signedOn: string): string {
  return `${unitId}|${duplicate}|${signedOn}`;
}

/** Every filing of a filtered list, page by page (exports). */
export async function* dealsForExport(db: Executor, ctx: RequestContext, query: Omit<DealListQuery, 'page' | 'pageSize'>) {
  for (let page = 1; ; page++) {
    const { items } = await findDeals(db, ctx, { ...query, page, pageSize: 1000 });
    yield* items;
    if (items.length < 1000) return;
  }
}

/**
 * Move a deal to another stage: dated, by whom, with reason and evidence. When it lands
 * (or goes beyond) without a registry project yet, it is linked to the one named, or a
 * project is created from the deal, so money signed can be followed to money invested.
 */
export async function transitionDeal(db: Db, ctx: RequestContext, id: number, input: DealTransition): Promise<Deal> {
  const scope = scopeOf(requireActor(ctx), 'deal.manage');
  return await db.transaction().execute(async (tx) => {
    const current = await loadDeal(tx, scope, id);
    if (!current) throw notFound();
    if (current.version !== input.version) throw conflict();
    const history = (await repo.stageEvents(tx, scope.cityCode, id)).map((e) => ({
      toStage: e.to_stage as DealStage,
      occurredOn: e.occurred_on,
    }));
    const problems = checkTransition({
      history,
      signedOn: current.signedOn,
      to: input.toStage,
      on: input.occurredOn,
      today: shanghaiDate(ctx.now),
      reason: input.reason,
    });
    if (problems.includes('deal.terminated')) throw new DomainError('BUSINESS_RULE_VIOLATED', { key: 'deal.terminated' });
    if (problems.length) {
      const path = (p: string) => (p === 'deal.reasonRequired' ? 'reason' : p === 'deal.sameStage' ? 'toStage' : 'occurredOn');
      throw new DomainError('VALIDATION_FAILED', { fields: problems.map((p) => ({ path: path(p), key: p as MessageKey })) });
    }
    let projectId = current.projectId;
    const isLanding = isActiveStage(input.toStage) && stageRank(input.toStage) >= stageRank('landed') && projectId === null;
    if (isLanding) {
      if (input.projectId) {
        const project = await getProjectRef(tx, ctx, input.projectId, 'project.read');
        if (!project) throw DomainError.field('projectId', 'validation.referenceNotFound');
        projectId = project.id;
      } else {
        projectId = await createProjectInTx(
          tx,
          ctx,
          {
            name: current.projectName,
            ownerUscc: current.investorUscc,
            ownerName: current.investorUscc ? current.investorName : null,
            unitId: current.unitId,
            industryCode: current.industryCode,
            category: 'industrial',
            level: 'county',
            kind: 'new',
            totalInvestment: current.contractedAmount,
            description: `由招商项目 #${current.id} 落地生成`,
          },
          'deal',
        );
      }
    }
    await repo.insertStageEvent(tx, {
      city_code: scope.cityCode,
      deal_id: id,
      from_stage: current.stage,
      to_stage: input.toStage,
      occurred_on: input.occurredOn,
      reason: input.reason?.trim() || null,
      evidence: input.evidence?.trim() || null,
      actor_user_id: ctx.actor?.userId ?? null,
      actor_name: ctx.actor?.username ?? null,
      recorded_at: ctx.now,
    });
    const ok = await repo.updateDealVersioned(tx, scope.cityCode, id, input.version, {
      stage: input.toStage,
      stage_on: input.occurredOn,
      stage_reason: input.reason?.trim() || null,
      project_id: projectId,
      updated_at: ctx.now,
    });
    if (!ok) throw conflict();
    const after = (await loadDeal(tx, scope, id))!;
    await appendAudit(tx, ctx, {
      action: 'deal.transition',
      targetType: 'deal',
      targetId: id,
      before: { stage: current.stage, stageOn: current.stageOn, projectId: current.projectId },
      after: {
        stage: after.stage,
        stageOn: after.stageOn,
        reason: after.stageReason,
        evidence: input.evidence ?? null,
        projectId: after.projectId,
      },
    });
    return after;
  });
}

/** The city operator keeps one filing of a duplicate group; the others are excluded from every count. */
export async function settleDuplicate(db: Db, ctx: RequestContext, id: number, keepDealId: number): Promise<Deal> {
  const scope = scopeOf(requireActor(ctx), 'deal.settle');
  return await db.transaction().execute(async (tx) => {
    const deal = await loadDeal(tx, scope, id);
    if (!deal) throw notFound();
    const row = await repo.getDeal(tx, scope, id);
    const group = await repo.findDuplicateGroup(tx, scope.cityCode, row!.duplicate_key);
    if (deal.duplicateStatus !== 'flagged' || group.length < 2)
      throw new DomainError('BUSINESS_RULE_VIOLATED', { key: 'deal.notDuplicate' });
    if (!group.some((g) => g.id === keepDealId)) throw DomainError.field('keepDealId', 'validation.referenceNotFound');
    const excluded = group.filter((g) => g.id !== keepDealId).map((g) => g.id);
    await repo.setDuplicateStatus(tx, scope.cityCode, [keepDealId], 'kept', null, ctx.now);
    await repo.setDuplicateStatus(tx, scope.cityCode, excluded, 'excluded', keepDealId, ctx.now);
    await appendAudit(tx, ctx, {
      action: 'deal.duplicate.settle',
      targetType: 'deal',
      targetId: keepDealId,
      after: { kept: keepDealId, excluded },
    });
    return (await loadDeal(tx, scope, id))!;
  });
}

export async function linkedDealsOfProject(db: Executor, ctx: RequestContext, projectId: number) {
  const actor = requireActor(ctx);
  let scope: Scope;
  try {
    scope = scopeOf(actor, 'deal.read');
  } catch {
    return []; // e.g. an enterprise reads its project but not the city's deal files
  }
  const rows = await repo.linkedDeals(db, scope, projectId);
  return rows.map((r) => ({
    id: r.id,
    projectName: r.project_name,
    investorName: r.investor_name,
    contractedAmount: r.contracted_amount,
    stage: r.stage,
    signedOn: r.signed_on,
  }));
}

function toRow(unitId: number, unitName: string, r: repo.FunnelSqlRow | undefined, target: string | null): FunnelRow {
  const cohortCount = r?.cohort_count ?? 0;
  const cohortAmount = r?.cohort_amount ?? '0';
  const attracted = r?.attracted_amount ?? '0';
  const stages = Object.fromEntries(
    FUNNEL_STAGES.map((stage) => {
      const count = r?.[`${stage}_count`] ?? 0;
      const amount = r?.[`${stage}_amount`] ?? '0';
      return [
        stage,
        {
          reachedCount: count,
          reachedAmount: amount,
          byCount: cohortCount ? count / cohortCount : null,
          byAmount: moneyRatio(amount, cohortAmount),
        },
      ];
    }),
  ) as FunnelRow['stages'];
  return {
    unitId,
    unitName,
    cohortCount,
    cohortAmount,
    attractedAmount: attracted,
    target,
    attractionRate: target === null ? null : moneyRatio(attracted, target),
    stages,
    lateFilings: r?.late_filings ?? 0,
    unsettledDuplicates: r?.unsettled_duplicates ?? 0,
  };
}

/** The funnel of a unit's subtree: one row per direct child (and the unit's own filings), plus the total. */
export async function funnel(db: Executor, ctx: RequestContext, query: FunnelQuery): Promise<Funnel> {
  const actor = requireActor(ctx);
  const scope = scopeOf(actor, 'deal.read');
  const rootId = query.unitId ?? (scope.kind === 'subtree' ? scope.unitId : (await getCityRoot(db, scope.cityCode))!.id);
  const root = await getUnitRef(db, scope.cityCode, rootId);
  if (!root || (scope.kind === 'subtree' && !root.path.startsWith(scope.path))) throw notFound();
  const [rows, children, targets] = await Promise.all([
    repo.funnelSql(db, { cityCode: scope.cityCode, rootId: root.id, rootPath: root.path, ...query }),
    childUnits(db, scope.cityCode, root.id),
    findDealTargetsOfYear(db, scope.cityCode, Number(query.asOf.slice(0, 4))),
  ]);
  const targetOf = (unitId: number) => targets.find((t) => t.unit_id === unitId)?.amount ?? null;
  const byUnit = new Map(rows.filter((r) => r.row_unit !== null).map((r) => [Number(r.row_unit), r]));
  const filing = children.filter((c) => FILING_UNIT_KINDS.includes(c.kind) || byUnit.has(c.id));
  const units = filing.map((c) => toRow(c.id, c.nameZh, byUnit.get(c.id), targetOf(c.id)));
  if (byUnit.has(root.id)) units.unshift(toRow(root.id, `${root.nameZh}（本级）`, byUnit.get(root.id), null));
  const total = toRow(
    root.id,
    root.nameZh,
    rows.find((r) => r.row_unit === null),
    targetOf(root.id),
  );
  return { total, units };
}

/** Attach the signed contract's scan (PDF/JPG/PNG, recognised by content). Replaces an earlier one; audited. */
export async function attachContract(db: Db, ctx: RequestContext, id: number, file: { filename: string; data: Buffer }): Promise<Deal> {
  const scope = scopeOf(requireActor(ctx), 'deal.manage');
  const contentType = sniffDocument(file.data);
  if (!contentType) throw DomainError.field('file', 'file.type');
  return await db.transaction().execute(async (tx) => {
    const current = await loadDeal(tx, scope, id);
    if (!current) throw notFound();
    const stored = await storeFile(tx, ctx, scope.cityCode, {
      purpose: 'deal.contract',
      filename: file.filename,
      contentType,
      data: file.data,
    });
    await repo.updateDealVersioned(tx, scope.cityCode, id, current.version, { contract_file_id: stored.id, updated_at: ctx.now });
    await appendAudit(tx, ctx, {
      action: 'deal.contract.upload',
      targetType: 'deal',
      targetId: id,
      after: { fileId: stored.id, filename: file.filename, sm3: stored.sm3, size: stored.sizeBytes },
    });
    return (await loadDeal(tx, scope, id))!;
  });
}

/** The contract scan of a deal the caller may read; the download is audited. */
export async function contractScan(db: Db, ctx: RequestContext, id: number) {
  const scope = scopeOf(requireActor(ctx), 'deal.read');
  const row = await repo.getDeal(db, scope, id);
  if (!row?.contract_file_id) throw notFound();
  const file = await readFile(db, scope.cityCode, row.contract_file_id);
  if (!file) throw notFound();
  await recordAuditEvent(db, ctx, { action: 'deal.contract.download', targetType: 'deal', targetId: id, after: { fileId: file.id } });
  return file;
}
