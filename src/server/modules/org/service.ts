import { sql } from 'kysely';
import type {
  CreateEnterprise,
  CreateUnit,
  Enterprise,
  EnterpriseListQuery,
  Unit,
  UnitKind,
  UnitListQuery,
  UnitNames,
  UnitTreeNode,
  UpdateEnterprise,
  UpdateUnit,
} from '../../../contracts/index.js';
import type { Db, Executor, Tx } from '../../db/pool.js';
import { type RequestContext, requireActor, type Scope, scopeOf } from '../../lib/context.js';
import { DomainError, conflict, notFound } from '../../lib/domain-error.js';
import { isUniqueViolation } from '../../lib/pg-errors.js';
import { appendAudit } from '../audit/index.js';
import { canHangUnder, wouldCycle } from './domain/unit-rules.js';
import * as repo from './repo.js';

function toUnit(row: repo.UnitRow): Unit {
  return {
    id: row.id,
    cityCode: row.city_code,
    parentId: row.parent_id,
    parentName: row.parent_name,
    kind: row.kind as UnitKind,
    code: row.code,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    parkLevel: row.park_level as Unit['parkLevel'],
    isActive: row.is_active,
    childCount: row.child_count,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

function toEnterprise(row: repo.EnterpriseRow): Enterprise {
  return {
    id: row.id,
    cityCode: row.city_code,
    uscc: row.uscc,
    name: row.name,
    unitId: row.unit_id,
    unitName: row.unit_name,
    isActive: row.is_active,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** The audit snapshot of a unit: its own fields, not derived ones. */
function unitSnapshot(u: Unit) {
  const { childCount: _c, parentName: _p, createdAt: _a, updatedAt: _b, ...own } = u;
  return own;
}

export async function findUnits(db: Executor, ctx: RequestContext, query: UnitListQuery) {
  const scope = scopeOf(requireActor(ctx), 'org.unit.read');
  const { rows, total } = await repo.findUnits(db, scope, query);
  return { items: rows.map(toUnit), total, page: query.page, pageSize: query.pageSize };
}

export async function getUnitTree(db: Executor, ctx: RequestContext): Promise<{ items: UnitTreeNode[] }> {
  const scope = scopeOf(requireActor(ctx), 'org.unit.read');
  const rows = await repo.unitTree(db, scope);
  const ids = new Set(rows.map((r) => r.id));
  return {
    items: rows.map((r) => ({
      id: r.id,
      // The top of a subtree scope shows as a root: its parent is outside the caller's view.
      parentId: r.parent_id !== null && ids.has(r.parent_id) ? r.parent_id : null,
      kind: r.kind as UnitKind,
      nameZh: r.name_zh,
      nameEn: r.name_en,
      isActive: r.is_active,
    })),
  };
}

/** Names of the city's units for any signed-in user (see `UnitNamesSchema`). */
export async function getUnitNames(db: Executor, ctx: RequestContext): Promise<UnitNames> {
  const rows = await repo.unitNames(db, requireActor(ctx).cityCode);
  return { items: rows.map((r) => ({ id: r.id, nameZh: r.name_zh, nameEn: r.name_en })) };
}

export async function getUnitById(db: Executor, ctx: RequestContext, id: number): Promise<Unit> {
  const scope = scopeOf(requireActor(ctx), 'org.unit.read');
  const row = await repo.getUnit(db, scope, id);
  if (!row) throw notFound();
  return toUnit(row);
}

async function parentFor(tx: Executor, scope: Scope, parentId: number, kind: UnitKind) {
  const parent = await repo.getUnit(tx, scope, parentId);
  if (!parent || !parent.is_active) throw DomainError.field('parentId', 'validation.referenceNotFound');
  if (!canHangUnder(kind, parent.kind as UnitKind)) throw DomainError.field('parentId', 'org.parentKind');
  return parent;
}

function duplicateCode(error: unknown): never {
  if (isUniqueViolation(error, 'org_unit_code')) throw DomainError.field('code', 'org.duplicateCode');
  throw error;
}

export async function createUnit(db: Db, ctx: RequestContext, input: CreateUnit): Promise<Unit> {
  const scope = scopeOf(requireActor(ctx), 'org.unit.manage');
  return await db.transaction().execute(async (tx) => {
    const parent = await parentFor(tx, scope, input.parentId, input.kind);
    const id = await repo
      .insertUnit(
        tx,
        {
          city_code: scope.cityCode,
          parent_id: parent.id,
          kind: input.kind,
          code: input.code ?? null,
          name_zh: input.nameZh,
          name_en: input.nameEn ?? null,
          park_level: input.kind === 'park' ? (input.parkLevel ?? null) : null,
          created_at: ctx.now,
          updated_at: ctx.now,
        },
        parent.path,
      )
      .catch(duplicateCode);
    const unit = toUnit((await repo.getUnit(tx, scope, id))!);
    await appendAudit(tx, ctx, { action: 'org.unit.create', targetType: 'org_unit', targetId: id, after: unitSnapshot(unit) });
    return unit;
  });
}

export async function updateUnit(db: Db, ctx: RequestContext, id: number, input: UpdateUnit): Promise<Unit> {
  const scope = scopeOf(requireActor(ctx), 'org.unit.manage');
  return await db.transaction().execute(async (tx) => {
    const current = await repo.getUnit(tx, scope, id);
    if (!current) throw notFound();
    if (current.version !== input.version) throw conflict();
    const kind = current.kind as UnitKind;
    const isMove = input.parentId !== undefined && input.parentId !== current.parent_id;
    if (kind === 'city' && (isMove || input.isActive === false))
      throw new DomainError('BUSINESS_RULE_VIOLATED', { key: 'org.rootImmutable' });
    let newParentPath: string | null = null;
    if (isMove && input.parentId !== undefined) {
      const parent = await parentFor(tx, scope, input.parentId, kind);
      if (wouldCycle(current.path, parent.path)) throw DomainError.field('parentId', 'org.cycle');
      newParentPath = parent.path;
    }
    if (input.isActive === false && current.is_active && (await repo.countActiveChildren(tx, scope.cityCode, id)) > 0) {
      throw new DomainError('BUSINESS_RULE_VIOLATED', { key: 'org.hasActiveChildren' });
    }
    const updated = await repo
      .updateUnitVersioned(tx, scope.cityCode, id, input.version, {
        ...(isMove ? { parent_id: input.parentId } : {}),
        ...(input.code !== undefined ? { code: input.code } : {}),
        ...(input.nameZh !== undefined ? { name_zh: input.nameZh } : {}),
        ...(input.nameEn !== undefined ? { name_en: input.nameEn } : {}),
        ...(input.parkLevel !== undefined && kind === 'park' ? { park_level: input.parkLevel } : {}),
        ...(input.isActive !== undefined ? { is_active: input.isActive } : {}),
        updated_at: ctx.now,
      })
      .catch(duplicateCode);
    if (!updated) throw conflict();
    if (newParentPath !== null) await repo.rebaseSubtree(tx, scope.cityCode, current.path, `${newParentPath}${id}/`);
    const after = toUnit((await repo.getUnit(tx, { kind: 'city', cityCode: scope.cityCode }, id))!);
    await appendAudit(tx, ctx, {
      action: 'org.unit.update',
      targetType: 'org_unit',
      targetId: id,
      before: unitSnapshot(toUnit(current)),
      after: unitSnapshot(after),
    });
    return after;
  });
}

export async function findEnterprises(db: Executor, ctx: RequestContext, query: EnterpriseListQuery) {
  const scope = scopeOf(requireActor(ctx), 'org.enterprise.read');
  const { rows, total } = await repo.findEnterprises(db, scope, query);
  return { items: rows.map(toEnterprise), total, page: query.page, pageSize: query.pageSize };
}

export async function lookupEnterprises(db: Executor, ctx: RequestContext, text: string | undefined) {
  const scope = scopeOf(requireActor(ctx), 'org.enterprise.lookup');
  return { items: await repo.lookupEnterprises(db, scope, text, 20) };
}

export async function getEnterpriseById(db: Executor, ctx: RequestContext, id: number): Promise<Enterprise> {
  const scope = scopeOf(requireActor(ctx), 'org.enterprise.read');
  const row = await repo.getEnterprise(db, scope, id);
  if (!row) throw notFound();
  return toEnterprise(row);
}

/** The unit an enterprise is attached to must be active and within the caller's reach. */
async function ownerUnit(tx: Executor, scope: Scope, unitId: number) {
  const unitScope: Scope = scope.kind === 'enterprise' ? { kind: 'city', cityCode: scope.cityCode } : scope;
  const unit = await repo.getUnit(tx, unitScope, unitId);
  if (!unit || !unit.is_active) throw DomainError.field('unitId', 'validation.referenceNotFound');
  return unit;
}

function enterpriseSnapshot(e: Enterprise) {
  const { unitName: _u, createdAt: _a, updatedAt: _b, ...own } = e;
  return own;
}

export async function createEnterprise(db: Db, ctx: RequestContext, input: CreateEnterprise): Promise<Enterprise> {
  const scope = scopeOf(requireActor(ctx), 'org.enterprise.manage');
  return await db.transaction().execute(async (tx) => {
    await ownerUnit(tx, scope, input.unitId);
    if (await repo.findEnterpriseByUscc(tx, scope.cityCode, input.uscc)) throw DomainError.field('uscc', 'org.duplicateUscc');
    const id = await repo
      .insertEnterprise(tx, {
        city_code: scope.cityCode,
        uscc: input.uscc,
        name: input.name,
        unit_id: input.unitId,
        created_at: ctx.now,
        updated_at: ctx.now,
      })
      .catch((error: unknown) => {
        if (isUniqueViolation(error)) throw DomainError.field('uscc', 'org.duplicateUscc');
        throw error;
      });
    const enterprise = toEnterprise((await repo.getEnterprise(tx, scope, id))!);
    await appendAudit(tx, ctx, {
      action: 'org.enterprise.create',
      targetType: 'org_enterprise',
      targetId: id,
      after: enterpriseSnapshot(enterprise),
    });
    return enterprise;
  });
}

export async function updateEnterprise(db: Db, ctx: RequestContext, id: number, input: UpdateEnterprise): Promise<Enterprise> {
  const scope = scopeOf(requireActor(ctx), 'org.enterprise.manage');
  return await db.transaction().execute(async (tx) => {
    const current = await repo.getEnterprise(tx, scope, id);
    if (!current) throw notFound();
    if (current.version !== input.version) throw conflict();
    if (input.unitId !== undefined && input.unitId !== current.unit_id) await ownerUnit(tx, scope, input.unitId);
    const updated = await repo.updateEnterpriseVersioned(tx, scope.cityCode, id, input.version, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.unitId !== undefined ? { unit_id: input.unitId } : {}),
      ...(input.isActive !== undefined ? { is_active: input.isActive } : {}),
      updated_at: ctx.now,
    });
    if (!updated) throw conflict();
    const after = toEnterprise((await repo.getEnterprise(tx, { kind: 'city', cityCode: scope.cityCode }, id))!);
    await appendAudit(tx, ctx, {
      action: 'org.enterprise.update',
      targetType: 'org_enterprise',
      targetId: id,
      before: enterpriseSnapshot(toEnterprise(current)),
      after: enterpriseSnapshot(after),
    });
    return after;
  });
}

// ---- For other modules (identity, demo, CLI): no actor scope, the caller has checked its own rights.

export interface UnitRef {
  id: number;
  kind: UnitKind;
  /** GB/T 2260 division code (county-level units), null for parks, departments … */
  code: string | null;
  path: string;
  nameZh: string;
  isActive: boolean;
}

export async function getCityRoot(db: Executor, cityCode: string): Promise<UnitRef | undefined> {
  const row = await repo.cityRoot(db, cityCode);
  return row && { id: row.id, kind: 'city', code: row.code, path: row.path, nameZh: row.name_zh, isActive: row.is_active };
}

export async function getUnitRef(db: Executor, cityCode: string, id: number): Promise<UnitRef | undefined> {
  const row = await repo.getUnit(db, { kind: 'city', cityCode }, id);
  return row && { id: row.id, kind: row.kind as UnitKind, code: row.code, path: row.path, nameZh: row.name_zh, isActive: row.is_active };
}

export async function getEnterpriseRef(db: Executor, cityCode: string, id: number) {
  const row = await repo.getEnterprise(db, { kind: 'city', cityCode }, id);
  return row && { id: row.id, name: row.name, isActive: row.is_active };
}

/**
 * Create the tenant city and its root unit when missing (first admin on a fresh server, demo seed).
 * Audited as a system action.
 */
export async function ensureCity(
  db: Db,
  ctx: RequestContext,
  city: { code: string; nameZh: string; nameEn: string | null },
): Promise<UnitRef> {
  return await db.transaction().execute(async (tx) => {
    const existing = await getCityRoot(tx, city.code);
    if (existing) return existing;
    if (!(await repo.getCity(tx, city.code))) await repo.insertCity(tx, city.code, city.nameZh, city.nameEn);
    await repo.insertUnit(
      tx,
      {
        city_code: city.code,
        parent_id: null,
        kind: 'city',
        code: city.code,
        name_zh: city.nameZh,
        name_en: city.nameEn,
        created_at: ctx.now,
        updated_at: ctx.now,
      },
      null,
    );
    await appendAudit(tx, ctx, { cityCode: city.code, action: 'org.city.create', targetType: 'city', targetId: city.code, after: city });
    return (await getCityRoot(tx, city.code))!;
  });
}

/** Insert a unit for the demo seed (no actor; the caller's transaction): parent by id, audited. */
export async function importUnit(
  tx: Tx,
  ctx: RequestContext,
  cityCode: string,
  unit: { parentId: number; kind: UnitKind; code: string | null; nameZh: string; nameEn: string | null; parkLevel?: string | null },
): Promise<number> {
  const parent = await repo.getUnit(tx, { kind: 'city', cityCode }, unit.parentId);
  if (!parent) throw new Error(`parent unit ${unit.parentId} not found`);
  if (!canHangUnder(unit.kind, parent.kind as UnitKind)) throw new Error(`${unit.kind} cannot hang under ${parent.kind}`);
  const id = await repo.insertUnit(
    tx,
    {
      city_code: cityCode,
      parent_id: parent.id,
      kind: unit.kind,
      code: unit.code,
      name_zh: unit.nameZh,
      name_en: unit.nameEn,
      park_level: unit.parkLevel ?? null,
      created_at: ctx.now,
      updated_at: ctx.now,
    },
    parent.path,
  );
  await appendAudit(tx, ctx, { cityCode, action: 'org.unit.create', targetType: 'org_unit', targetId: id, after: { ...unit, id } });
  return id;
}

/** Register an enterprise for the demo seed (no actor; the caller's transaction), audited. */
export async function importEnterprise(
  tx: Tx,
  ctx: RequestContext,
  cityCode: string,
  enterprise: { uscc: string; name: string; unitId: number },
): Promise<number> {
  const id = await repo.insertEnterprise(tx, {
    city_code: cityCode,
    uscc: enterprise.uscc,
    name: enterprise.name,
    unit_id: enterprise.unitId,
    created_at: ctx.now,
    updated_at: ctx.now,
  });
  await appendAudit(tx, ctx, {
    cityCode,
    action: 'org.enterprise.create',
    targetType: 'org_enterprise',
    targetId: id,
    after: { ...enterprise, id },
  });
  return id;
}

export async function getCityNames(db: Executor, code: string): Promise<{ nameZh: string; nameEn: string | null } | null> {
  const city = await repo.getCity(db, code);
  return city ? { nameZh: city.name_zh, nameEn: city.name_en } : null;
}

export async function hasAnyCity(db: Executor): Promise<boolean> {
  return (await repo.anyCityCode(db)) !== undefined;
}

/**
 * The enterprise with this credit code in the city, registered under `unitId` when it is new
 * (project owners, investors). Audited when it creates one.
 */
export async function ensureEnterprise(
  tx: Tx,
  ctx: RequestContext,
  cityCode: string,
  enterprise: { uscc: string; name: string | null; unitId: number },
): Promise<{ id: number; isNew: boolean } | null> {
  const existing = await repo.findEnterpriseByUscc(tx, cityCode, enterprise.uscc);
  if (existing) return { id: existing.id, isNew: false };
  if (!enterprise.name) return null;
  const id = await importEnterprise(tx, ctx, cityCode, { uscc: enterprise.uscc, name: enterprise.name, unitId: enterprise.unitId });
  return { id, isNew: true };
}

/**
 * Register the enterprises a bulk import names that the city does not have yet, in one
 * statement, each under the unit given. Not audited one by one: the import's own audit record
 * names the ids created (decision 0006). Returns the id of every credit code given, and which
 * of them this call created (one registered meanwhile by someone else is found, not created).
 */
export async function importEnterprises(
  tx: Tx,
  ctx: RequestContext,
  cityCode: string,
  enterprises: readonly { uscc: string; name: string; unitId: number }[],
): Promise<{ ids: Map<string, number>; created: number[] }> {
  const ids = new Map<string, number>();
  if (!enterprises.length) return { ids, created: [] };
  const rows = enterprises.map((e) => ({ uscc: e.uscc, name: e.name, unit_id: e.unitId }));
  const inserted = await sql<{ id: number; uscc: string }>`
    INSERT INTO org_enterprise (city_code, uscc, name, unit_id, created_at, updated_at)
    SELECT ${cityCode}, x.uscc, x.name, x.unit_id, ${ctx.now}::timestamptz, ${ctx.now}::timestamptz
    FROM json_to_recordset(${JSON.stringify(rows)}::json) AS x(uscc text, name text, unit_id bigint)
    ON CONFLICT (city_code, uscc) DO NOTHING
    RETURNING id, uscc`.execute(tx);
  for (const r of inserted.rows) ids.set(r.uscc, r.id);
  const missing = enterprises.filter((e) => !ids.has(e.uscc)).map((e) => e.uscc);
  if (missing.length) {
    const found = await tx
      .selectFrom('org_enterprise')
      .select(['id', 'uscc'])
      .where('city_code', '=', cityCode)
      .where('uscc', '=', sql<string>`ANY(${missing}::text[])`)
      .execute();
    for (const r of found) ids.set(r.uscc, r.id);
  }
  return { ids, created: inserted.rows.map((r) => r.id) };
}

/** Active direct children of a unit (the rows of a per-unit table). */
export async function childUnits(db: Executor, cityCode: string, parentId: number): Promise<UnitRef[]> {
  const { rows } = await repo.findUnits(db, { kind: 'city', cityCode }, { parentId, isActive: true, page: 1, pageSize: 500 });
  return rows.map((r) => ({ id: r.id, kind: r.kind as UnitKind, code: r.code, path: r.path, nameZh: r.name_zh, isActive: r.is_active }));
}

/** Every unit of a city (for reference lists and bulk imports). */
export async function unitsOfCity(db: Executor, cityCode: string): Promise<UnitRef[]> {
  const rows = await repo.unitTree(db, { kind: 'city', cityCode });
  return rows.map((r) => ({ id: r.id, kind: r.kind as UnitKind, code: r.code, path: r.path, nameZh: r.name_zh, isActive: r.is_active }));
}

/** Enterprises of the city by credit code. */
export async function enterprisesByUscc(db: Executor, cityCode: string): Promise<Map<string, { id: number; name: string }>> {
  const rows = await db.selectFrom('org_enterprise').select(['id', 'uscc', 'name']).where('city_code', '=', cityCode).execute();
  return new Map(rows.map((r) => [r.uscc, { id: r.id, name: r.name }]));
}
