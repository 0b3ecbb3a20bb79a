import {
  DEFAULT_REGISTRY_SETTINGS,
  type DealTarget,
  type DealTargetCopy,
  type RegistrySettings,
  RegistrySettingsSchema,
} from '../../../contracts/index.js';
import type { Db, Executor } from '../../db/pool.js';
import { type RequestContext, requireActor, scopeOf } from '../../lib/context.js';
import { DomainError, conflict } from '../../lib/domain-error.js';
import { appendAudit } from '../audit/index.js';
import { getUnitRef } from '../org/index.js';
import * as repo from './repo.js';

/** The city's registry settings, or the defaults when the operator has not changed them yet (version 0). */
export async function registrySettings(db: Executor, cityCode: string): Promise<RegistrySettings & { version: number }> {
  return settingsOfRow(await repo.getSettings(db, cityCode));
}

/** A city's stored settings (or none: the defaults) as the current schema reads them. */
export function settingsOfRow(row: { settings: unknown; version: number } | null | undefined): RegistrySettings & { version: number } {
  if (!row) return { ...DEFAULT_REGISTRY_SETTINGS, version: 0 };
  // Settings saved by an older version may lack newer keys: defaults fill them in.
  const merged = RegistrySettingsSchema.parse({ ...DEFAULT_REGISTRY_SETTINGS, ...(row.settings as object) });
  return { ...merged, version: row.version };
}

export async function getRegistrySettings(db: Executor, ctx: RequestContext) {
  return await registrySettings(db, requireActor(ctx).cityCode);
}

export async function updateRegistrySettings(db: Db, ctx: RequestContext, input: RegistrySettings & { version: number }) {
  const scope = scopeOf(requireActor(ctx), 'registry.configure');
  return await db.transaction().execute(async (tx) => {
    const before = await registrySettings(tx, scope.cityCode);
    if (before.version !== input.version) throw conflict();
    const { version, ...settings } = input;
    if (!(await repo.upsertSettings(tx, scope.cityCode, settings, version, ctx.now))) throw conflict();
    const { version: _v, ...beforeSettings } = before;
    await appendAudit(tx, ctx, {
      action: 'settings.registry.update',
      targetType: 'registry_setting',
      targetId: scope.cityCode,
      before: beforeSettings,
      after: settings,
    });
    return await registrySettings(tx, scope.cityCode);
  });
}

export async function findDealTargets(db: Executor, ctx: RequestContext, year: number) {
  const cityCode = requireActor(ctx).cityCode;
  scopeOf(requireActor(ctx), 'deal.read');
  const [rows, previousYear] = await Promise.all([repo.findTargets(db, cityCode, year), repo.latestTargetYearBefore(db, cityCode, year)]);
  return { items: rows.map((r) => ({ unitId: r.unit_id, unitName: r.unit_name, year: r.year, amount: r.amount })), previousYear };
}

/** A new year starts from an earlier one: its targets go to the units without one, each write audited. */
export async function copyDealTargets(db: Db, ctx: RequestContext, input: DealTargetCopy) {
  const scope = scopeOf(requireActor(ctx), 'registry.configure');
  return await db.transaction().execute(async (tx) => {
    const copied = await repo.copyTargets(tx, scope.cityCode, input.fromYear, input.toYear);
    for (const row of copied)
      await appendAudit(tx, ctx, {
        action: 'settings.deal_target.set',
        targetType: 'deal_target',
        targetId: `${row.unit_id}/${input.toYear}`,
        before: null,
        after: { amount: row.amount, copiedFrom: input.fromYear },
      });
    return { copied: copied.length, year: input.toYear };
  });
}

/** The annual attraction target of a unit, or null when none was set. */
export async function dealTarget(db: Executor, cityCode: string, unitId: number, year: number): Promise<string | null> {
  return (await repo.getTarget(db, cityCode, unitId, year))?.amount ?? null;
}

export async function setDealTarget(db: Db, ctx: RequestContext, input: DealTarget) {
  const scope = scopeOf(requireActor(ctx), 'registry.configure');
  return await db.transaction().execute(async (tx) => {
    const unit = await getUnitRef(tx, scope.cityCode, input.unitId);
    if (!unit) throw DomainError.field('unitId', 'validation.referenceNotFound');
    const before = await dealTarget(tx, scope.cityCode, input.unitId, input.year);
    await repo.upsertTarget(tx, scope.cityCode, input.unitId, input.year, input.amount);
    await appendAudit(tx, ctx, {
      action: 'settings.deal_target.set',
      targetType: 'deal_target',
      targetId: `${input.unitId}/${input.year}`,
      before: before === null ? null : { amount: before },
      after: { amount: input.amount },
    });
    return {
      unitId: unit.id,
      unitName: unit.nameZh,
      year: input.year,
      amount: (await dealTarget(tx, scope.cityCode, input.unitId, input.year))!,
    };
  });
}

/** Every unit's target for a year (for per-unit tables; the caller has checked rights). */
export async function findDealTargetsOfYear(db: Executor, cityCode: string, year: number) {
  return await repo.findTargets(db, cityCode, year);
}
