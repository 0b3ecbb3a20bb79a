import {
  type Conflict,
  type CreateAdjustment,
  type CreateMethod,
  type CreateRun,
  type DataImport,
  type DataImportQuery,
  type DataQuery,
  EVALUATION_DATA_FIELDS,
  type EvaluationDataField,
  type Explanation,
  FIELD_INFO,
  type Method,
  type MethodConfig,
  MethodConfigSchema,
  type Objection,
  type PolicyKind,
  type PutRegister,
  type RegisterEntry,
  type RegisterQuery,
  type ResolveConflict,
  type Result,
  type ResultQuery,
  type ResultStatus,
  type Run,
  type RunStatus,
  type UpdateMethod,
  can,
  shanghaiDate,
} from '../../../contracts/index.js';
import type { Db, Executor, Tx } from '../../db/pool.js';
import { type RequestContext, type Scope, requireActor, scopeOf } from '../../lib/context.js';
import { DomainError, conflict, notFound } from '../../lib/domain-error.js';
import { appendAudit, recordAuditEvent } from '../audit/index.js';
import { enterprisesByUscc, getCityRoot, getUnitRef, unitsOfCity } from '../org/index.js';
import {
  type BenchmarkValue,
  type ClassFloor,
  type EnterpriseInput,
  type MissingKind,
  evaluate,
  indicatorValue,
  nextClassOf,
  valueNeeded,
} from './domain/evaluate.js';
import { METHOD_PRESETS, presetByKey } from './domain/presets.js';
import * as repo from './repo.js';

// ---------------------------------------------------------------- helpers

/** The county-level unit of a unit path ('/root/county/park/'): the first level under the city; null for the city itself. */
export function countyOfPath(path: string): number | null {
  const ids = path.split('/').filter(Boolean);
  return ids.length > 1 ? Number(ids[1]) : null;
}

function fail(key: Parameters<typeof DomainError.field>[1], params?: Record<string, string | number>): never {
  throw new DomainError('BUSINESS_RULE_VIOLATED', { key, ...(params ? { params } : {}) });
}

const num = (s: string | null) => (s === null ? null : Number(s));

// ---------------------------------------------------------------- the register

function toRegisterEntry(r: Awaited<ReturnType<typeof repo.wholeRegister>>[number]): RegisterEntry {
  return {
    enterpriseId: r.enterprise_id,
    uscc: r.uscc,
    name: r.name,
    unitId: r.unit_id,
    unitName: r.unit_name,
    parkId: r.park_id,
    parkName: r.park_name,
    industryCode: r.industry_code,
    scale: r.scale as RegisterEntry['scale'],
    landOwnedMu: r.land_owned_mu,
    landLeasedMu: r.land_leased_mu,
    productionStartYear: r.production_start_year,
    flags: r.flags,
    version: r.version,
    updatedAt: r.updated_at.toISOString(),
  };
}

export async function findRegister(db: Executor, ctx: RequestContext, query: RegisterQuery) {
  const scope = scopeOf(requireActor(ctx), 'evaluation.read');
  const { rows, total } = await repo.findRegister(db, scope, query);
  return { items: rows.map(toRegisterEntry), total, page: query.page, pageSize: query.pageSize };
}

/**
 * Add or update register entries by credit code (the enterprise must exist in org). Every
 * problem is reported with its item's path; one audit record for the batch.
 */
export async function putRegister(db: Db, ctx: RequestContext, input: PutRegister) {
  const scope = scopeOf(requireActor(ctx), 'evaluation.configure');
  const [enterprises, units] = await Promise.all([enterprisesByUscc(db, scope.cityCode), unitsOfCity(db, scope.cityCode)]);
  const parks = new Set(units.filter((u) => u.kind === 'park').map((u) => u.id));
  const problems: {
    path: string;
    key: 'evaluation.unknownEnterprise' | 'evaluation.parkKind' | 'sheet.duplicateInFile';
    params?: Record<string, number>;
  }[] = [];
  const seen = new Map<string, number>();
  input.items.forEach((item, i) => {
    if (!enterprises.has(item.uscc)) problems.push({ path: `items.${i}.uscc`, key: 'evaluation.unknownEnterprise' });
    if (item.parkId && !parks.has(item.parkId)) problems.push({ path: `items.${i}.parkId`, key: 'evaluation.parkKind' });
    const first = seen.get(item.uscc);
    if (first !== undefined) problems.push({ path: `items.${i}.uscc`, key: 'sheet.duplicateInFile', params: { row: first + 1 } });
    else seen.set(item.uscc, i);
  });
  if (problems.length) throw new DomainError('VALIDATION_FAILED', { fields: problems });
  return await db.transaction().execute(async (tx) => {
    const ids = input.items.map((item) => enterprises.get(item.uscc)!.id);
    const existing = new Map((await repo.registerByEnterprise(tx, scope.cityCode, ids)).map((r) => [r.enterprise_id, r]));
    const outcome = { created: 0, updated: 0, unchanged: 0 };
    const changedIds: number[] = [];
    for (const item of input.items) {
      const id = enterprises.get(item.uscc)!.id;
      const values = {
        park_id: item.parkId ?? null,
        industry_code: item.industryCode,
        scale: item.scale,
        land_owned_mu: item.landOwnedMu,
        land_leased_mu: item.landLeasedMu,
        production_start_year: item.productionStartYear ?? null,
        flags: [...new Set(item.flags)].sort(),
      };
      const before = existing.get(id);
      if (!before) {
        await tx
          .insertInto('evaluation_enterprise')
          .values({ city_code: scope.cityCode, enterprise_id: id, ...values, created_at: ctx.now, updated_at: ctx.now })
          .execute();
        outcome.created++;
        changedIds.push(id);
        continue;
      }
      const same =
        before.park_id === values.park_id &&
        before.industry_code === values.industry_code &&
        before.scale === values.scale &&
        Number(before.land_owned_mu) === Number(values.land_owned_mu) &&
        Number(before.land_leased_mu) === Number(values.land_leased_mu) &&
        before.production_start_year === values.production_start_year &&
        before.flags.join(',') === values.flags.join(',');
      if (same) {
        outcome.unchanged++;
        continue;
      }
      await tx
        .updateTable('evaluation_enterprise')
        .set({ ...values, updated_at: ctx.now, version: before.version + 1 })
        .where('city_code', '=', scope.cityCode)
        .where('enterprise_id', '=', id)
        .execute();
      outcome.updated++;
      changedIds.push(id);
    }
    await appendAudit(tx, ctx, {
      action: 'evaluation.register.put',
      targetType: 'evaluation_enterprise',
      after: { ...outcome, changedIds: changedIds.slice(0, 1000) },
    });
    return outcome;
  });
}

// ---------------------------------------------------------------- data values and conflicts

export async function findData(db: Executor, ctx: RequestContext, query: DataQuery) {
  const scope = scopeOf(requireActor(ctx), 'evaluation.data.import');
  const { rows, total } = await repo.findValues(db, scope, query);
  return {
    items: rows.map((r) => ({
      id: r.id,
      enterpriseId: r.enterprise_id,
      uscc: r.uscc,
      enterpriseName: r.enterprise_name,
      year: r.year,
      field: r.field as EvaluationDataField,
      value: r.value,
      sourceUnitId: r.source_unit_id,
      sourceUnitName: r.source_unit_name,
      filename: r.filename,
      importJobId: r.import_job_id,
      importedAt: r.imported_at.toISOString(),
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/**
 * Uploads of evaluation data with their source department, file and time: the city's
 * operator sees every one, a department its own (as it follows its own import jobs).
 */
export async function findImports(db: Executor, ctx: RequestContext, query: DataImportQuery) {
  const actor = requireActor(ctx);
  const scope = scopeOf(actor, 'evaluation.data.import');
  const [{ rows, total }, root] = await Promise.all([
    repo.findImports(db, scope.cityCode, query, scope.kind === 'city' ? null : actor.userId),
    getCityRoot(db, scope.cityCode),
  ]);
  return {
    items: rows.map(
      (r): DataImport => ({
        id: r.id,
        status: r.status as DataImport['status'],
        filename: r.filename,
        sourceUnitId: r.scope_unit_id ?? root?.id ?? null,
        sourceUnitName: r.scope_unit_id === null ? (root?.nameZh ?? null) : r.source_unit_name,
        importedBy: r.display_name,
        createdAt: r.created_at.toISOString(),
        finishedAt: r.finished_at?.toISOString() ?? null,
        totalRows: r.total_rows,
        createdCount: r.created_count,
        updatedCount: r.updated_count,
        unchangedCount: r.unchanged_count,
        errorCount: r.error_count,
        hasAnnotatedWorkbook: r.has_annotated,
        values: r.values,
        years: r.years,
      }),
    ),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** The unit an import's values come from: the importer's own unit (a department), or the city for a city-wide role. */
export async function sourceUnitOf(db: Executor, ctx: RequestContext): Promise<number> {
  const actor = requireActor(ctx);
  scopeOf(actor, 'evaluation.data.import');
  if (actor.scopeUnitId !== null) return actor.scopeUnitId;
  return (await getCityRoot(db, actor.cityCode))!.id;
}

export interface ImportedValues {
  row: number;
  enterpriseId: number;
  year: number;
  values: Partial<Record<EvaluationDataField, string>>;
}

/**
 * Write an import's values (the sheets machinery checked every cell before): insert new ones,
 * replace changed ones of the same source, leave identical ones. Returns the counts; the
 * caller writes the one audit record of the import.
 */
export async function importValuesInTx(
  tx: Tx,
  ctx: RequestContext,
  items: readonly ImportedValues[],
  job: { id: number; filename: string },
  onProgress: (done: number) => Promise<void>,
) {
  const actor = requireActor(ctx);
  const sourceUnitId = await sourceUnitOf(tx, ctx);
  const years = [...new Set(items.map((i) => i.year))];
  const existing = new Map<string, string>();
  for (const year of years) {
    for (const v of await repo.valuesOfSource(tx, actor.cityCode, year, sourceUnitId))
      existing.set(`${year}|${v.enterprise_id}|${v.field}`, v.value);
  }
  const rows: repo.ValueUpsert[] = [];
  const outcome = { created: [] as number[], updated: [] as number[], unchanged: [] as number[] };
  for (const item of items) {
    let isNew = false;
    let isChanged = false;
    for (const [field, value] of Object.entries(item.values) as [EvaluationDataField, string][]) {
      const before = existing.get(`${item.year}|${item.enterpriseId}|${field}`);
      if (before === undefined) isNew = true;
      else if (Number(before) !== Number(value)) isChanged = true;
      else continue;
      rows.push({ year: item.year, enterprise_id: item.enterpriseId, field, value });
    }
    (isNew ? outcome.created : isChanged ? outcome.updated : outcome.unchanged).push(item.row);
  }
  await repo.upsertValues(
    tx,
    actor.cityCode,
    { unitId: sourceUnitId, jobId: job.id, filename: job.filename, userId: actor.userId, at: ctx.now },
    rows,
  );
  await onProgress(items.length);
  return { ...outcome, values: rows.length, sourceUnitId };
}

interface EffectiveData {
  data: Map<number, Partial<Record<EvaluationDataField, number>>>;
  conflicts: Conflict[];
}

/** One value per enterprise and field: the only one, the sources' common one, or the operator's choice. */
async function effectiveData(db: Executor, cityCode: string, year: number): Promise<EffectiveData> {
  const rows = await repo.valuesOfYear(db, cityCode, year);
  const data = new Map<number, Partial<Record<EvaluationDataField, number>>>();
  const conflicts: Conflict[] = [];
  for (let i = 0; i < rows.length; ) {
    let j = i;
    while (j < rows.length && rows[j]!.enterprise_id === rows[i]!.enterprise_id && rows[j]!.field === rows[i]!.field) j++;
    const group = rows.slice(i, j);
    const first = group[0]!;
    const distinct = new Set(group.map((r) => Number(r.value)));
    let value: number | null = null;
    if (distinct.size === 1) value = Number(first.value);
    else {
      const chosen = group.find((r) => r.source_unit_id === first.chosen_source_unit_id);
      if (chosen) value = Number(chosen.value);
      conflicts.push({
        enterpriseId: first.enterprise_id,
        uscc: '',
        enterpriseName: '',
        year,
        field: first.field as EvaluationDataField,
        values: group.map((r) => ({
          sourceUnitId: r.source_unit_id,
          sourceUnitName: r.source_unit_name,
          value: r.value,
          importedAt: r.imported_at.toISOString(),
        })),
        chosenSourceUnitId: chosen ? chosen.source_unit_id : null,
        reason: chosen ? first.reason : null,
      });
    }
    if (value !== null) {
      const d = data.get(first.enterprise_id) ?? {};
      d[first.field as EvaluationDataField] = value;
      data.set(first.enterprise_id, d);
    }
    i = j;
  }
  return { data, conflicts };
}

export async function findConflicts(db: Executor, ctx: RequestContext, year: number, isResolved: boolean | undefined) {
  const scope = scopeOf(requireActor(ctx), 'evaluation.configure');
  const { conflicts } = await effectiveData(db, scope.cityCode, year);
  const names = await enterpriseNames(db, scope.cityCode);
  const items = conflicts
    .filter((c) => isResolved === undefined || (c.chosenSourceUnitId !== null) === isResolved)
    .map((c) => ({ ...c, uscc: names.get(c.enterpriseId)?.uscc ?? '', enterpriseName: names.get(c.enterpriseId)?.name ?? '' }));
  return { items };
}

async function enterpriseNames(db: Executor, cityCode: string) {
  const byUscc = await enterprisesByUscc(db, cityCode);
  return new Map([...byUscc].map(([uscc, e]) => [e.id, { uscc, name: e.name }]));
}

export async function resolveConflict(db: Db, ctx: RequestContext, input: ResolveConflict) {
  const scope = scopeOf(requireActor(ctx), 'evaluation.configure');
  return await db.transaction().execute(async (tx) => {
    const { conflicts } = await effectiveData(tx, scope.cityCode, input.year);
    const c = conflicts.find((x) => x.enterpriseId === input.enterpriseId && x.field === input.field);
    if (!c) throw notFound();
    if (!c.values.some((v) => v.sourceUnitId === input.sourceUnitId)) throw DomainError.field('sourceUnitId', 'evaluation.notSource');
    await repo.upsertChoice(tx, {
      city_code: scope.cityCode,
      year: input.year,
      enterprise_id: input.enterpriseId,
      field: input.field,
      source_unit_id: input.sourceUnitId,
      reason: input.reason,
      resolved_by: ctx.actor?.userId ?? null,
      resolved_at: ctx.now,
    });
    await appendAudit(tx, ctx, {
      action: 'evaluation.conflict.resolve',
      targetType: 'org_enterprise',
      targetId: input.enterpriseId,
      before: { chosenSourceUnitId: c.chosenSourceUnitId, values: c.values },
      after: input,
    });
    return { ok: true as const };
  });
}

// ---------------------------------------------------------------- methods

function toMethod(row: repo.MethodRow): Method {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    basedOn: row.based_on,
    config: row.config as MethodConfig,
    isFrozen: row.is_frozen,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function methodPresets() {
  return { items: METHOD_PRESETS.map((p) => ({ ...p, caveats: [...p.caveats] })) };
}

export async function findMethods(db: Executor, ctx: RequestContext) {
  const scope = scopeOf(requireActor(ctx), 'evaluation.read');
  return { items: (await repo.methods(db, scope.cityCode)).map(toMethod) };
}

export async function getMethodById(db: Executor, ctx: RequestContext, id: number): Promise<Method> {
  const scope = scopeOf(requireActor(ctx), 'evaluation.read');
  const row = await repo.getMethod(db, scope.cityCode, id);
  if (!row) throw notFound();
  return toMethod(row);
}

/** A city method from a preset, from another method of the city, or from a whole configuration. */
export async function createMethod(db: Db, ctx: RequestContext, input: CreateMethod): Promise<Method> {
  const scope = scopeOf(requireActor(ctx), 'evaluation.configure');
  let config: MethodConfig;
  let basedOn: string | null = null;
  if (input.copyOfPreset !== undefined) {
    const preset = presetByKey(input.copyOfPreset);
    if (!preset) throw DomainError.field('copyOfPreset', 'evaluation.unknownPreset');
    config = preset.config;
    basedOn = `preset:${preset.key}`;
  } else if (input.copyOfMethodId !== undefined) {
    const source = await repo.getMethod(db, scope.cityCode, input.copyOfMethodId);
    if (!source) throw DomainError.field('copyOfMethodId', 'validation.referenceNotFound');
    config = source.config as MethodConfig;
    basedOn = `method:${source.id}`;
  } else config = input.config!;
  return await db.transaction().execute(async (tx) => {
    const id = await repo.insertMethod(tx, {
      city_code: scope.cityCode,
      name: input.name,
      description: input.description ?? null,
      based_on: basedOn,
      config: JSON.stringify(MethodConfigSchema.parse(config)),
      created_by: ctx.actor?.userId ?? null,
      created_at: ctx.now,
      updated_at: ctx.now,
    });
    const method = toMethod((await repo.getMethod(tx, scope.cityCode, id))!);
    await appendAudit(tx, ctx, { action: 'evaluation.method.create', targetType: 'evaluation_method', targetId: id, after: method });
    return method;
  });
}

export async function updateMethod(db: Db, ctx: RequestContext, id: number, input: UpdateMethod): Promise<Method> {
  const scope = scopeOf(requireActor(ctx), 'evaluation.configure');
  return await db.transaction().execute(async (tx) => {
    const row = await repo.getMethod(tx, scope.cityCode, id);
    if (!row) throw notFound();
    if (row.is_frozen) fail('evaluation.methodFrozen');
    if (row.version !== input.version) throw conflict();
    const before = toMethod(row);
    const ok = await repo.updateMethodVersioned(tx, scope.cityCode, id, input.version, {
      name: input.name ?? row.name,
      description: input.description === undefined ? row.description : input.description,
      config: JSON.stringify(input.config ?? row.config),
      updated_at: ctx.now,
    });
    if (!ok) throw conflict();
    const after = toMethod((await repo.getMethod(tx, scope.cityCode, id))!);
    await appendAudit(tx, ctx, { action: 'evaluation.method.update', targetType: 'evaluation_method', targetId: id, before, after });
    return after;
  });
}

// ---------------------------------------------------------------- bonus and penalty entries

function toAdjustment(r: repo.AdjustmentRow) {
  return {
    id: r.id,
    year: r.year,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    itemKey: r.item_key,
    points: r.points,
    evidence: r.evidence,
    createdAt: r.created_at.toISOString(),
  };
}

export async function findAdjustments(db: Executor, ctx: RequestContext, year: number) {
  const scope = scopeOf(requireActor(ctx), 'evaluation.configure');
  return { items: (await repo.adjustmentsOfYear(db, scope.cityCode, year)).map(toAdjustment) };
}

/** A bonus or penalty entry with evidence; the item must be one of a method of the city, its points within the item's maximum. */
export async function createAdjustment(db: Db, ctx: RequestContext, input: CreateAdjustment) {
  const scope = scopeOf(requireActor(ctx), 'evaluation.configure');
  const items = (await repo.methods(db, scope.cityCode)).flatMap((m) => (m.config as MethodConfig).adjustments);
  const item = items.find((i) => i.key === input.itemKey);
  if (!item) throw DomainError.field('itemKey', 'evaluation.unknownItem');
  const points = input.points ?? item.points;
  if (points > item.maxPoints) throw DomainError.field('points', 'evaluation.pointsAboveMax', { max: item.maxPoints });
  const names = await enterpriseNames(db, scope.cityCode);
  if (!names.has(input.enterpriseId)) throw DomainError.field('enterpriseId', 'validation.referenceNotFound');
  return await db.transaction().execute(async (tx) => {
    const id = await repo.insertAdjustment(tx, {
      city_code: scope.cityCode,
      year: input.year,
      enterprise_id: input.enterpriseId,
      item_key: input.itemKey,
      points: String(points),
      evidence: input.evidence,
      created_by: ctx.actor?.userId ?? null,
      created_at: ctx.now,
    });
    await appendAudit(tx, ctx, {
      action: 'evaluation.adjustment.create',
      targetType: 'evaluation_adjustment',
      targetId: id,
      after: { ...input, points },
    });
    return toAdjustment((await repo.adjustmentsOfYear(tx, scope.cityCode, input.year)).find((a) => a.id === id)!);
  });
}

export async function deleteAdjustment(db: Db, ctx: RequestContext, id: number) {
  const scope = scopeOf(requireActor(ctx), 'evaluation.configure');
  return await db.transaction().execute(async (tx) => {
    const row = await repo.deleteAdjustment(tx, scope.cityCode, id);
    if (!row) throw notFound();
    await appendAudit(tx, ctx, { action: 'evaluation.adjustment.delete', targetType: 'evaluation_adjustment', targetId: id, before: row });
    return { ok: true as const };
  });
}

// ---------------------------------------------------------------- runs

interface RunSummary {
  counts: Record<string, number>;
  classCounts: Record<string, number>;
  benchmarks: BenchmarkValue[];
  floors: ClassFloor[];
  notes: string[];
}

interface ResultDetail {
  data: Partial<Record<EvaluationDataField, number>>;
  points: number[];
  missing: (MissingKind | null)[];
  bonus: number;
  penalty: number;
  adjustments: { itemKey: string; points: number; evidence: string }[];
}

function toRun(row: repo.RunRow): Run {
  const summary = row.summary as RunSummary;
  return {
    id: row.id,
    year: row.year,
    methodId: row.method_id,
    methodName: row.method_name,
    runNo: row.run_no,
    status: row.status as RunStatus,
    objectionDeadline: row.objection_deadline,
    createdAt: row.created_at.toISOString(),
    publishedAt: row.published_at?.toISOString() ?? null,
    finalizedAt: row.finalized_at?.toISOString() ?? null,
    counts: summary.counts,
    classCounts: summary.classCounts,
    benchmarks: summary.benchmarks.map((b) => ({ ...b, value: Number.isFinite(b.value) ? b.value : 0 })),
    notes: summary.notes,
    config: row.config as MethodConfig,
  };
}

/** A run the caller may see: the operator sees drafts; everyone else only what has been published. */
async function visibleRun(db: Executor, ctx: RequestContext, scope: Scope, id: number): Promise<repo.RunRow> {
  const run = await repo.getRun(db, scope.cityCode, id);
  if (!run || (run.published_at === null && !can(requireActor(ctx).role, 'evaluation.run'))) throw notFound();
  return run;
}

export async function findRuns(db: Executor, ctx: RequestContext, year: number | undefined) {
  const actor = requireActor(ctx);
  const scope = scopeOf(actor, 'evaluation.read');
  const rows = await repo.runs(db, scope.cityCode, year, !can(actor.role, 'evaluation.run'));
  return {
    items: rows.map((r) => {
      const { config: _c, benchmarks: _b, ...rest } = toRun(r);
      return rest;
    }),
  };
}

export async function getRunById(db: Executor, ctx: RequestContext, id: number): Promise<Run> {
  const scope = scopeOf(requireActor(ctx), 'evaluation.read');
  return toRun(await visibleRun(db, ctx, scope, id));
}

/** Everything a run reads, as the pure evaluation wants it. */
export async function evaluationInputs(db: Executor, cityCode: string, year: number) {
  const [register, current, previous, adjustments] = await Promise.all([
    repo.wholeRegister(db, cityCode),
    effectiveData(db, cityCode, year),
    effectiveData(db, cityCode, year - 1),
    repo.adjustmentsOfYear(db, cityCode, year),
  ]);
  const adjustmentsOf = new Map<number, repo.AdjustmentRow[]>();
  for (const a of adjustments) adjustmentsOf.set(a.enterprise_id, [...(adjustmentsOf.get(a.enterprise_id) ?? []), a]);
  const active = register.filter((r) => r.is_active);
  const base = (r: (typeof active)[number], data: Partial<Record<EvaluationDataField, number>>): EnterpriseInput => ({
    id: r.enterprise_id,
    countyId: countyOfPath(r.unit_path),
    scale: r.scale as EnterpriseInput['scale'],
    landOwnedMu: Number(r.land_owned_mu),
    landLeasedMu: Number(r.land_leased_mu),
    industryCode: r.industry_code,
    productionStartYear: r.production_start_year,
    flags: r.flags,
    data,
  });
  const enterprises = active.map((r) => ({
    ...base(r, current.data.get(r.enterprise_id) ?? {}),
    adjustments: (adjustmentsOf.get(r.enterprise_id) ?? []).map((a) => ({ itemKey: a.item_key, points: Number(a.points) })),
  }));
  const previousInputs = active.filter((r) => previous.data.has(r.enterprise_id)).map((r) => base(r, previous.data.get(r.enterprise_id)!));
  return { register: active, enterprises, previous: previousInputs, conflicts: current.conflicts, adjustmentsOf };
}

/**
 * Evaluate a year with a method: refuses while data conflicts are unresolved or once the year
 * is final; an earlier draft or published run of the year is superseded (a new version).
 */
export async function createRun(db: Db, ctx: RequestContext, input: CreateRun): Promise<Run> {
  const scope = scopeOf(requireActor(ctx), 'evaluation.run');
  const method = await repo.getMethod(db, scope.cityCode, input.methodId);
  if (!method) throw DomainError.field('methodId', 'validation.referenceNotFound');
  const config = MethodConfigSchema.parse(method.config);
  const inputs = await evaluationInputs(db, scope.cityCode, input.year);
  const unresolved = inputs.conflicts.filter((c) => c.chosenSourceUnitId === null).length;
  if (unresolved) fail('evaluation.unresolvedConflicts', { count: unresolved });
  if (!inputs.enterprises.length) fail('evaluation.noEnterprises');
  const current = await repo.currentRunOfYear(db, scope.cityCode, input.year, true);
  if (current?.status === 'final') fail('evaluation.runStatus');
  const outcome = evaluate({ year: input.year, config, enterprises: inputs.enterprises, previous: inputs.previous });
  const counts: Record<string, number> = {
    total: outcome.results.length,
    classed: 0,
    exempt: 0,
    notCovered: 0,
    insufficientData: 0,
    withMissingData: 0,
  };
  const classCounts: Record<string, number> = {};
  const registerOf = new Map(inputs.register.map((r) => [r.enterprise_id, r]));
  const dataOf = new Map(inputs.enterprises.map((e) => [e.id, e.data]));
  return await db.transaction().execute(async (tx) => {
    const superseded = await repo.supersedeRunsOfYear(tx, scope.cityCode, input.year);
    const runNo = (await repo.lastRunNo(tx, scope.cityCode, input.year)) + 1;
    const rows = outcome.results.map((r) => {
      const reg = registerOf.get(r.id)!;
      const hasMissing = r.missing.some((m) => m !== null);
      counts[r.status] = (counts[r.status] ?? 0) + 1;
      if (hasMissing) counts.withMissingData!++;
      const bucket = r.status === 'exempt' ? config.exempt.code : r.class;
      if (bucket) classCounts[bucket] = (classCounts[bucket] ?? 0) + 1;
      const detail: ResultDetail = {
        data: dataOf.get(r.id) as Partial<Record<EvaluationDataField, number>>,
        points: r.points,
        missing: r.missing,
        bonus: r.bonus,
        penalty: r.penalty,
        adjustments: (inputs.adjustmentsOf.get(r.id) ?? []).map((a) => ({
          itemKey: a.item_key,
          points: Number(a.points),
          evidence: a.evidence,
        })),
      };
      return {
        city_code: scope.cityCode,
        run_id: 0,
        enterprise_id: r.id,
        unit_id: reg.unit_id,
        county_id: r.countyId,
        park_id: reg.park_id,
        industry_code: reg.industry_code,
        scale: reg.scale,
        land_mu: r.landMu.toFixed(4),
        group_key: r.group,
        status: r.status,
        reasons: r.reasons,
        score: r.score === null ? null : r.score.toFixed(4),
        rank: r.rank,
        rank_of: r.rankOf,
        class: r.class,
        has_missing: hasMissing,
        detail: JSON.stringify(detail),
      };
    });
    const summary: RunSummary = { counts, classCounts, benchmarks: outcome.benchmarks, floors: outcome.floors, notes: outcome.notes };
    const id = await repo.insertRun(tx, {
      city_code: scope.cityCode,
      year: input.year,
      method_id: method.id,
      method_name: method.name,
      config: JSON.stringify(config),
      run_no: runNo,
      status: 'draft',
      objection_deadline: null,
      summary: JSON.stringify(summary),
      created_by: ctx.actor?.userId ?? null,
      created_at: ctx.now,
    });
    for (const row of rows) row.run_id = id;
    await repo.insertResults(tx, rows);
    await appendAudit(tx, ctx, {
      action: 'evaluation.run.create',
      targetType: 'evaluation_run',
      targetId: id,
      after: { year: input.year, methodId: method.id, methodVersion: method.version, runNo, counts, classCounts, superseded },
    });
    return toRun((await repo.getRun(tx, scope.cityCode, id))!);
  });
}

/** Publish for public comment (公示): the objection window runs to the deadline; the method is frozen from now on. */
export async function publishRun(db: Db, ctx: RequestContext, id: number, objectionDeadline: string): Promise<Run> {
  const scope = scopeOf(requireActor(ctx), 'evaluation.run');
  if (objectionDeadline < shanghaiDate(ctx.now)) throw DomainError.field('objectionDeadline', 'evaluation.deadlineInPast');
  return await db.transaction().execute(async (tx) => {
    const run = await repo.getRun(tx, scope.cityCode, id);
    if (!run) throw notFound();
    const ok = await repo.setRunStatus(tx, scope.cityCode, id, ['draft'], {
      status: 'published',
      objection_deadline: objectionDeadline,
      published_at: ctx.now,
    });
    if (!ok) fail('evaluation.runStatus');
    await repo.freezeMethod(tx, scope.cityCode, run.method_id);
    await appendAudit(tx, ctx, {
      action: 'evaluation.run.publish',
      targetType: 'evaluation_run',
      targetId: id,
      before: { status: run.status },
      after: { status: 'published', objectionDeadline, frozenMethodId: run.method_id },
    });
    return toRun((await repo.getRun(tx, scope.cityCode, id))!);
  });
}

/** Final once the window is over and every objection is answered; an accepted one needs a corrected re-run first. */
export async function finalizeRun(db: Db, ctx: RequestContext, id: number): Promise<Run> {
  const scope = scopeOf(requireActor(ctx), 'evaluation.run');
  return await db.transaction().execute(async (tx) => {
    const run = await repo.getRun(tx, scope.cityCode, id);
    if (!run) throw notFound();
    if (run.status !== 'published') fail('evaluation.runStatus');
    if (run.objection_deadline && shanghaiDate(ctx.now) <= run.objection_deadline)
      fail('evaluation.windowOpen', { date: run.objection_deadline });
    const counts = await repo.objectionCounts(tx, scope.cityCode, id);
    if (counts.pending) fail('evaluation.openObjections', { count: counts.pending });
    if (counts.accepted) fail('evaluation.needsRerun');
    if (!(await repo.setRunStatus(tx, scope.cityCode, id, ['published'], { status: 'final', finalized_at: ctx.now })))
      fail('evaluation.runStatus');
    await appendAudit(tx, ctx, {
      action: 'evaluation.run.finalize',
      targetType: 'evaluation_run',
      targetId: id,
      before: { status: 'published' },
      after: { status: 'final' },
    });
    return toRun((await repo.getRun(tx, scope.cityCode, id))!);
  });
}

// ---------------------------------------------------------------- results and explanations

function toResult(r: repo.ResultRow): Result {
  return {
    enterpriseId: r.enterprise_id,
    uscc: r.uscc,
    name: r.name,
    unitId: r.unit_id,
    unitName: r.unit_name,
    countyId: r.county_id,
    countyName: r.county_name,
    parkId: r.park_id,
    parkName: r.park_name,
    industryCode: r.industry_code,
    scale: r.scale as Result['scale'],
    landMu: Number(r.land_mu),
    group: r.group_key,
    status: r.status as ResultStatus,
    reasons: r.reasons,
    score: num(r.score),
    rank: r.rank,
    rankOf: r.rank_of,
    class: r.class,
    hasMissingData: r.has_missing,
  };
}

export async function findResults(db: Executor, ctx: RequestContext, runId: number, query: ResultQuery) {
  const scope = scopeOf(requireActor(ctx), 'evaluation.read');
  await visibleRun(db, ctx, scope, runId);
  let unitPath: string | undefined;
  if (query.unitId) {
    const unit = await getUnitRef(db, scope.cityCode, query.unitId);
    if (!unit) return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
    unitPath = unit.path;
  }
  const { rows, total } = await repo.findResults(db, scope, runId, query, unitPath);
  return { items: rows.map((r) => ({ id: r.enterprise_id, ...toResult(r) })), total, page: query.page, pageSize: query.pageSize };
}

function policiesOf(config: MethodConfig, classCode: string | null, status: string) {
  const code = status === 'exempt' ? config.exempt.managedAs : classCode;
  return code ? (config.classes.find((c) => c.code === code)?.policies ?? []) : [];
}

/** The enterprise's own view of its result: values, benchmarks, weights, points, items, and what would move it up. */
export async function explainResult(db: Executor, ctx: RequestContext, runId: number, enterpriseId: number): Promise<Explanation> {
  const scope = scopeOf(requireActor(ctx), 'evaluation.read');
  const runRow = await visibleRun(db, ctx, scope, runId);
  const row = await repo.getResult(db, scope, runId, enterpriseId);
  if (!row) throw notFound();
  const run = toRun(runRow);
  const config = run.config;
  const summary = runRow.summary as RunSummary;
  const detail = row.detail as ResultDetail;
  const result = toResult(row);
  const group = config.groups.find((g) => g.key === row.group_key);
  const next = nextClassOf(
    config,
    { class: row.class, score: result.score, group: row.group_key, countyId: row.county_id, status: row.status as ResultStatus },
    summary.floors,
  );
  const benchmarkOf = (indicator: string, countyScoped: boolean) =>
    summary.benchmarks.find(
      (b) => b.group === row.group_key && b.indicator === indicator && b.countyId === (countyScoped ? row.county_id : null),
    )?.value ?? 0;
  const asInput = { data: detail.data } as EnterpriseInput;
  const indicators = (group?.indicators ?? []).map((ind, k) => {
    const v = indicatorValue(asInput, ind, result.landMu);
    const countyScoped = ind.benchmark.kind !== 'fixed' && ind.benchmark.scope === 'county';
    return {
      key: ind.key,
      nameZh: ind.nameZh,
      nameEn: ind.nameEn,
      numerator: ind.numerator,
      denominator: ind.denominator,
      numeratorValue: v.numerator,
      denominatorValue: v.denominator,
      value: v.value,
      benchmark: benchmarkOf(ind.key, countyScoped),
      weight: ind.weight,
      cap: ind.cap,
      points: detail.points[k] ?? 0,
      missing: detail.missing[k] ?? null,
      missingRule: detail.missing[k] ? ind.missing : null,
    };
  });
  const whatIf = next
    ? indicators.map((ind, k) => {
        const spec = group!.indicators[k]!;
        const needed = ind.missing ? null : valueNeeded(spec, ind.points, next.gap, ind.benchmark);
        const numeratorChange =
          needed === null || ind.numeratorValue === null
            ? null
            : ind.denominatorValue === null
              ? needed - ind.numeratorValue
              : needed * ind.denominatorValue - ind.numeratorValue;
        return { indicator: ind.key, valueNeeded: needed, numeratorChange, unit: FIELD_INFO[spec.numerator].unit };
      })
    : [];
  const previousRun = await repo.currentRunOfYear(db, scope.cityCode, run.year - 1, false);
  const previousClass = previousRun ? ((await repo.getResult(db, scope, previousRun.id, enterpriseId))?.class ?? null) : null;
  const items = new Map(config.adjustments.map((a) => [a.key, a]));
  return {
    run: {
      id: run.id,
      year: run.year,
      runNo: run.runNo,
      status: run.status,
      objectionDeadline: run.objectionDeadline,
      methodName: run.methodName,
    },
    result,
    className: row.status === 'exempt' ? config.exempt.nameZh : (config.classes.find((c) => c.code === row.class)?.nameZh ?? null),
    policies: policiesOf(config, row.class, row.status),
    indicators,
    adjustments: detail.adjustments
      .filter((a) => items.has(a.itemKey))
      .map((a) => ({ ...a, nameZh: items.get(a.itemKey)!.nameZh, kind: items.get(a.itemKey)!.kind })),
    nextClass: next,
    whatIf,
    previousClass,
  };
}

// ---------------------------------------------------------------- the city's views

export async function distribution(db: Executor, ctx: RequestContext, runId: number, by: 'park' | 'industry' | 'unit' | 'group') {
  const scope = scopeOf(requireActor(ctx), 'evaluation.analyze');
  const run = await visibleRun(db, ctx, scope, runId);
  const config = run.config as MethodConfig;
  const rows = await repo.allResults(db, scope, runId);
  const classes = [...config.classing.bands.map((b) => b.code), config.exempt.code, '-'];
  const table = new Map<string, { key: string; name: string; total: number; counts: Record<string, number> }>();
  for (const r of rows) {
    const [key, name] =
      by === 'park'
        ? [String(r.park_id ?? '-'), r.park_name ?? '（园区外）']
        : by === 'industry'
          ? [r.industry_code, r.industry_code]
          : by === 'unit'
            ? [String(r.county_id ?? r.unit_id), r.county_name ?? r.unit_name]
            : [r.group_key ?? '-', config.groups.find((g) => g.key === r.group_key)?.nameZh ?? '（未纳入）'];
    const entry = table.get(key) ?? { key, name, total: 0, counts: Object.fromEntries(classes.map((c) => [c, 0])) };
    table.set(key, entry);
    const bucket = r.status === 'exempt' ? config.exempt.code : (r.class ?? '-');
    entry.counts[bucket] = (entry.counts[bucket] ?? 0) + 1;
    entry.total++;
  }
  return { by, classes, rows: [...table.values()].sort((a, b) => b.total - a.total || a.key.localeCompare(b.key)) };
}

/** Class moves from last year's results to this year's (published or final; drafts too for the operator). */
export async function classMoves(db: Executor, ctx: RequestContext, year: number) {
  const actor = requireActor(ctx);
  const scope = scopeOf(actor, 'evaluation.analyze');
  const includeDrafts = can(actor.role, 'evaluation.run');
  const [current, previous] = await Promise.all([
    repo.currentRunOfYear(db, scope.cityCode, year, includeDrafts),
    repo.currentRunOfYear(db, scope.cityCode, year - 1, includeDrafts),
  ]);
  const matrix: Record<string, Record<string, number>> = {};
  let up = 0;
  let down = 0;
  let same = 0;
  if (current) {
    const now = await repo.allResults(db, scope, current.id);
    const before = new Map(previous ? (await repo.allResults(db, scope, previous.id)).map((r) => [r.enterprise_id, r.class]) : []);
    const order = (current.config as MethodConfig).classing.bands.map((b) => b.code);
    for (const r of now) {
      const from = before.get(r.enterprise_id) ?? '-';
      const to = r.class ?? '-';
      matrix[from] ??= {};
      matrix[from][to] = (matrix[from][to] ?? 0) + 1;
      const a = order.indexOf(from);
      const b = order.indexOf(to);
      if (a < 0 || b < 0) continue;
      if (b < a) up++;
      else if (b > a) down++;
      else same++;
    }
  }
  return { year, previousYear: year - 1, runId: current?.id ?? null, previousRunId: previous?.id ?? null, matrix, up, down, same };
}

/** The enterprises a kind of differentiated policy applies to (e.g. the electricity surcharge list). */
export async function policyList(db: Executor, ctx: RequestContext, runId: number, kind: PolicyKind) {
  const scope = scopeOf(requireActor(ctx), 'evaluation.analyze');
  const run = await visibleRun(db, ctx, scope, runId);
  const config = run.config as MethodConfig;
  const rows = await repo.allResults(db, scope, runId);
  const items = [];
  for (const r of rows) {
    for (const p of policiesOf(config, r.class, r.status).filter((x) => x.kind === kind)) {
      items.push({
        enterpriseId: r.enterprise_id,
        uscc: r.uscc,
        name: r.name,
        unitId: r.unit_id,
        unitName: r.unit_name,
        class: r.status === 'exempt' ? config.exempt.code : r.class!,
        score: num(r.score),
        policy: p.textZh,
        policyEn: p.textEn ?? '',
        parameters: p.parameters,
      });
    }
  }
  return { kind, items, year: run.year };
}

export async function recordPolicyExport(db: Db, ctx: RequestContext, runId: number, kind: PolicyKind, count: number) {
  await recordAuditEvent(db, ctx, {
    action: 'evaluation.policy.export',
    targetType: 'evaluation_run',
    targetId: runId,
    after: { kind, count },
  });
}

// ---------------------------------------------------------------- objections

function toObjection(r: repo.ObjectionRow): Objection {
  return {
    id: r.id,
    runId: r.run_id,
    year: r.year,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    text: r.text,
    evidence: r.evidence,
    status: r.status as Objection['status'],
    resolution: r.resolution,
    createdAt: r.created_at.toISOString(),
    resolvedAt: r.resolved_at?.toISOString() ?? null,
  };
}

/** An enterprise objects to its own published result, with evidence, until the deadline. */
export async function createObjection(
  db: Db,
  ctx: RequestContext,
  runId: number,
  input: { text: string; evidence: string },
): Promise<Objection> {
  const scope = scopeOf(requireActor(ctx), 'evaluation.object');
  if (scope.kind !== 'enterprise') throw new DomainError('FORBIDDEN');
  const run = await repo.getRun(db, scope.cityCode, runId);
  if (!run || run.published_at === null) throw notFound();
  if (!(await repo.getResult(db, scope, runId, scope.enterpriseId))) throw notFound();
  if (run.status !== 'published' || (run.objection_deadline !== null && shanghaiDate(ctx.now) > run.objection_deadline))
    fail('evaluation.objectionClosed');
  return await db.transaction().execute(async (tx) => {
    const id = await repo.insertObjection(tx, {
      city_code: scope.cityCode,
      run_id: runId,
      enterprise_id: scope.enterpriseId,
      text: input.text,
      evidence: input.evidence,
      status: 'pending',
      created_by: ctx.actor?.userId ?? null,
      created_at: ctx.now,
    });
    await appendAudit(tx, ctx, {
      action: 'evaluation.objection.create',
      targetType: 'evaluation_objection',
      targetId: id,
      after: { runId, ...input },
    });
    return toObjection((await repo.getObjection(tx, scope, id))!);
  });
}

export async function findObjections(
  db: Executor,
  ctx: RequestContext,
  query: { runId?: number | undefined; status?: string | undefined },
) {
  const scope = scopeOf(requireActor(ctx), 'evaluation.read');
  return { items: (await repo.findObjections(db, scope, query)).map(toObjection) };
}

/** Accept (the data is then corrected and the year re-run: a new version) or reject with a reason. */
export async function resolveObjection(
  db: Db,
  ctx: RequestContext,
  id: number,
  input: { decision: 'accept' | 'reject'; reason: string },
): Promise<Objection> {
  const scope = scopeOf(requireActor(ctx), 'evaluation.run');
  return await db.transaction().execute(async (tx) => {
    const before = await repo.getObjection(tx, scope, id);
    if (!before) throw notFound();
    if (before.status !== 'pending') fail('evaluation.objectionResolved');
    const status = input.decision === 'accept' ? 'accepted' : 'rejected';
    if (
      !(await repo.resolveObjection(tx, scope.cityCode, id, {
        status,
        resolution: input.reason,
        resolved_by: ctx.actor?.userId ?? null,
        resolved_at: ctx.now,
      }))
    )
      fail('evaluation.objectionResolved');
    await appendAudit(tx, ctx, {
      action: 'evaluation.objection.resolve',
      targetType: 'evaluation_objection',
      targetId: id,
      before: { status: before.status },
      after: { status, reason: input.reason },
    });
    return toObjection((await repo.getObjection(tx, scope, id))!);
  });
}

export const DATA_FIELDS = EVALUATION_DATA_FIELDS;
