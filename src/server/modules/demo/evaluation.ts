import type { Role } from '../../../contracts/index.js';
import type { Db } from '../../db/pool.js';
import type { Actor, RequestContext } from '../../lib/context.js';
import { createMethod, createRun, putRegister } from '../evaluation/index.js';
// Publication, objections, conflicts and entries are not on the evaluation module's public
// surface (index.ts); the demo makes them through the same service functions the API routes use.
import { createAdjustment, createObjection, finalizeRun, publishRun, resolveConflict, resolveObjection } from '../evaluation/service.js';
import { importEnterprise } from '../org/index.js';
import { importsSettled } from '../sheets/index.js';
import { getImportJob, startImport } from '../sheets/service.js';
import type { DemoAccount } from './seed.js';
import {
  DEMO_METHOD,
  type DepartmentKey,
  EVALUATION_DEPARTMENTS,
  type EvaluationPlan,
  type PlannedEvalEnterprise,
  departmentCsv,
  planEvaluation,
} from './domain/evaluation-data.js';

/** The departments' demo accounts (they import their data; see EVALUATION_DEPARTMENTS). */
export const EVALUATION_DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'tax', displayName: '市税务局 孙丽', role: 'department', scope: { unitName: EVALUATION_DEPARTMENTS.tax } },
  { username: 'stats', displayName: '市统计局 吴昊', role: 'department', scope: { unitName: EVALUATION_DEPARTMENTS.stats } },
  { username: 'miit', displayName: '市工信局 郑凯', role: 'department', scope: { unitName: EVALUATION_DEPARTMENTS.miit } },
];

export interface EvaluationDemoContext {
  cityCode: string;
  /** Unit ids by division code and by exact name (the seed's first part). */
  unitByCode: ReadonlyMap<string, number>;
  unitByName: ReadonlyMap<string, number>;
}

export interface EvaluationDemoResult {
  register: number;
  /** Enterprises the evaluation added to org (the named ones existed already). */
  enterprisesCreated: number;
  imports: number;
  runs: number;
  objections: number;
  seconds: number;
}

/**
 * Load the demo's evaluation (./domain/evaluation-data.ts) through the services, each step as
 * the person who did it on its own date (the operator, a department, the enterprise), so the
 * audit trail reads as the year went: register, method, the departments' uploads (through
 * the same background import as an upload from the page), conflicts, entries, runs,
 * publication, objections, the correction and the re-run, the final results.
 */
export async function loadEvaluationDemo(db: Db, base: RequestContext, c: EvaluationDemoContext): Promise<EvaluationDemoResult> {
  const started = performance.now();
  const taken = new Set(
    (await db.selectFrom('org_enterprise').select('name').where('city_code', '=', c.cityCode).execute()).map((e) => e.name),
  );
  const plan = planEvaluation(taken);
  const unitId = (key: string) => {
    const id = c.unitByCode.get(key) ?? c.unitByName.get(key);
    if (id === undefined) throw new Error(`demo evaluation: no unit ${key}`);
    return id;
  };

  const users = await db
    .selectFrom('identity_user as u')
    .leftJoin('org_unit as s', (j) => j.onRef('s.city_code', '=', 'u.city_code').onRef('s.id', '=', 'u.scope_unit_id'))
    .select(['u.id', 'u.username', 'u.role', 'u.scope_unit_id', 'u.scope_enterprise_id', 's.path'])
    .where('u.city_code', '=', c.cityCode)
    .where('u.username', 'in', ['operator', 'enterprise', 'tax', 'stats', 'miit'])
    .execute();
  const root = await db
    .selectFrom('org_unit')
    .select(['id', 'path'])
    .where('city_code', '=', c.cityCode)
    .where('kind', '=', 'city')
    .executeTakeFirstOrThrow();
  const actorOf = (username: string): Actor => {
    const u = users.find((x) => x.username === username);
    if (!u) throw new Error(`demo evaluation: no account ${username}`);
    const cityWide = u.role === 'city_operator';
    return {
      userId: u.id,
      username: u.username,
      role: u.role as Role,
      cityCode: c.cityCode,
      scopeUnitId: cityWide ? root.id : u.scope_unit_id,
      scopeUnitPath: cityWide ? root.path : u.path,
      scopeEnterpriseId: u.scope_enterprise_id,
    };
  };
  const departments: Record<DepartmentKey, Actor> = { tax: actorOf('tax'), stats: actorOf('stats'), miit: actorOf('miit') };
  const operator = actorOf('operator');
  let seq = 0;
  const at = (iso: string, actor: Actor): RequestContext => ({
    ...base,
    actor,
    requestId: `${base.requestId}:evaluation:${++seq}`,
    now: new Date(iso),
  });

  // Enterprises of the register that org does not know yet.
  const byRef = new Map<string, PlannedEvalEnterprise>(plan.enterprises.map((e) => [e.ref, e]));
  const known = new Map(
    (await db.selectFrom('org_enterprise').select(['id', 'uscc']).where('city_code', '=', c.cityCode).execute()).map((e) => [e.uscc, e.id]),
  );
  const firstStep = plan.steps[0]!.at;
  let created = 0;
  await db.transaction().execute(async (tx) => {
    const ctx = at(firstStep, operator);
    for (const e of plan.enterprises) {
      if (known.has(e.uscc)) continue;
      known.set(e.uscc, await importEnterprise(tx, ctx, c.cityCode, { uscc: e.uscc, name: e.name, unitId: unitId(e.unitKey) }));
      created++;
    }
  });
  const idOf = (ref: string) => known.get(byRef.get(ref)!.uscc)!;
  const objectorActor: Actor = { ...actorOf('enterprise'), scopeEnterpriseId: idOf(plan.objectorRef) };

  let methodId = 0;
  const runOf = new Map<number, number>();
  const objectionOf = new Map<string, number>();
  let imports = 0;
  let runs = 0;
  let objections = 0;
  const timing = new Map<string, number>();
  for (const step of plan.steps) {
    const t0 = performance.now();
    switch (step.kind) {
      case 'register':
        await putRegister(db, at(step.at, operator), {
          items: plan.enterprises.map((e) => ({
            uscc: e.uscc,
            parkId: e.parkKey ? unitId(e.parkKey) : null,
            industryCode: e.industryCode,
            scale: e.scale,
            landOwnedMu: e.landOwnedMu,
            landLeasedMu: e.landLeasedMu,
            productionStartYear: e.productionStartYear,
            flags: e.flags,
          })),
        });
        break;
      case 'method':
        methodId = (
          await createMethod(db, at(step.at, operator), {
            name: DEMO_METHOD.name,
            description: DEMO_METHOD.description,
            copyOfPreset: DEMO_METHOD.preset,
          })
        ).id;
        break;
      case 'import': {
        const ctx = at(step.at, departments[step.department]);
        const job = await startImport(db, ctx, 'evaluation-data', { filename: step.filename, data: departmentCsv(step, byRef) });
        await importsSettled();
        const done = await getImportJob(db, ctx, 'evaluation-data', job.id);
        if (done.status !== 'succeeded')
          throw new Error(`demo evaluation: ${step.filename} ${done.message} ${JSON.stringify(done.errors)}`);
        imports++;
        break;
      }
      case 'resolveConflict':
        await resolveConflict(db, at(step.at, operator), {
          enterpriseId: idOf(step.ref),
          year: step.year,
          field: step.field,
          sourceUnitId: departments[step.department].scopeUnitId!,
          reason: step.reason,
        });
        break;
      case 'adjustment':
        await createAdjustment(db, at(step.at, operator), {
          year: step.year,
          enterpriseId: idOf(step.ref),
          itemKey: step.itemKey,
          points: step.points,
          evidence: step.evidence,
        });
        break;
      case 'run':
        runOf.set(step.year, (await createRun(db, at(step.at, operator), { year: step.year, methodId })).id);
        runs++;
        break;
      case 'publish':
        await publishRun(db, at(step.at, operator), runOf.get(step.year)!, step.deadline);
        break;
      case 'objection': {
        const objection = await createObjection(db, at(step.at, objectorActor), runOf.get(step.year)!, {
          text: step.text,
          evidence: step.evidence,
        });
        objectionOf.set(`${step.year}|${step.ref}`, objection.id);
        objections++;
        break;
      }
      case 'resolveObjection':
        await resolveObjection(db, at(step.at, operator), objectionOf.get(`${step.year}|${step.ref}`)!, {
          decision: step.decision,
          reason: step.reason,
        });
        break;
      case 'finalize':
        await finalizeRun(db, at(step.at, operator), runOf.get(step.year)!);
        break;
    }
    timing.set(step.kind, (timing.get(step.kind) ?? 0) + performance.now() - t0);
  }
  if (process.env.JULI_DEMO_TIMING)
    console.info([...timing].map(([k, v]) => `${k} ${Math.round(v)}ms`).join(', '), 'created', Math.round(performance.now() - started));
  return {
    register: plan.enterprises.length,
    enterprisesCreated: created,
    imports,
    runs,
    objections,
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
}

export type { EvaluationPlan };
