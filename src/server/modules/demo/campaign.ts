import { sql } from 'kysely';
import { CreateDealSchema, CreateProjectSchema } from '../../../contracts/index.js';
import type { Db } from '../../db/pool.js';
import type { Actor, RequestContext } from '../../lib/context.js';
import { createDealInTx } from '../deals/index.js';
// A stage change and a target are not on their modules' public surface (index.ts) yet; the demo
// makes them through the same service functions the API routes use.
import { transitionDeal } from '../deals/service.js';
import { createProjectInTx } from '../projects/index.js';
import { setDealTarget } from '../settings/service.js';
import { AS_OF, type CampaignPlan, type ExistingEnterprise, type PlannedDeal, maxDate, planCampaign } from './domain/campaign.js';

/** The units, users and enterprises the demo's first part created, as the campaign needs them. */
export interface CampaignContext {
  cityCode: string;
  root: { id: number; path: string };
  /** Unit ids by division code and by exact name. */
  unitByCode: ReadonlyMap<string, number>;
  unitByName: ReadonlyMap<string, number>;
  operator: { id: number; username: string };
  leaderUserId: number;
  enterprises: readonly ExistingEnterprise[];
}

export interface CampaignResult {
  projects: number;
  deals: number;
  transitions: number;
  targets: number;
  /** Projects the deal service created when a deal landed without a registry project. */
  projectsFromDeals: number;
  /** Enterprises registered on the way: project owners, and investors that own a project created from their deal. */
  enterprises: number;
}

/** Projects written per transaction. */
const PROJECT_BATCH = 50;
/** The targets are set at the start of the year, the registry is filled in at its end. */
const TARGETS_AT = '2022-01-10T10:00:00+08:00';
const REGISTRY_AT = '2022-12-31T18:00:00+08:00';

/**
 * File the generated 2022 campaign through the services, acting as the demo's city operator
 * (so the audit trail names it): attraction targets, the project registry, then every deal
 * and stage change in the order they happened, each with a `now` on its own date (a deal's
 * filing date is the day its context says it is today).
 *
 * The deal services commit once per filing and per stage change (about a thousand commits):
 * the load runs on one connection with synchronous_commit off, so a commit does not wait for
 * its WAL flush. That is safe for a seed (a crash can lose only the last commits, never
 * corrupt anything) and is reset before the connection goes back to the pool.
 */
export async function loadCampaign(db: Db, base: RequestContext, c: CampaignContext, plan?: CampaignPlan): Promise<CampaignResult> {
  return await db.connection().execute(async (conn) => {
    await sql`SET synchronous_commit = off`.execute(conn);
    try {
      return await load(conn, base, c, plan);
    } finally {
      await sql`RESET synchronous_commit`.execute(conn);
    }
  });
}

async function load(db: Db, base: RequestContext, c: CampaignContext, plan?: CampaignPlan): Promise<CampaignResult> {
  const campaign = plan ?? planCampaign(c.enterprises);
  const actor: Actor = {
    userId: c.operator.id,
    username: c.operator.username,
    role: 'city_operator',
    cityCode: c.cityCode,
    scopeUnitId: c.root.id,
    scopeUnitPath: c.root.path,
    scopeEnterpriseId: null,
  };
  let requestSeq = 0;
  const at = (iso: string, seconds = 0): RequestContext => ({
    ...base,
    actor,
    requestId: `${base.requestId}:${++requestSeq}`,
    now: new Date(Date.parse(iso) + seconds * 1000),
  });
  const unitId = (key: string): number => {
    const id = key === c.cityCode ? c.root.id : (c.unitByCode.get(key) ?? c.unitByName.get(key));
    if (id === undefined) throw new Error(`demo campaign: no unit ${key}`);
    return id;
  };

  let i = 0;
  for (const target of campaign.targets) {
    await setDealTarget(db, at(TARGETS_AT, i++), { unitId: unitId(target.unitKey), year: 2022, amount: target.amount });
  }

  const projectIds = new Map<string, number>();
  for (let start = 0; start < campaign.projects.length; start += PROJECT_BATCH) {
    const batch = campaign.projects.slice(start, start + PROJECT_BATCH);
    await db.transaction().execute(async (tx) => {
      for (const [k, p] of batch.entries()) {
        const input = CreateProjectSchema.parse({
          ...p.input,
          unitId: unitId(p.unitKey),
          parkId: p.parkKey ? unitId(p.parkKey) : null,
          liaisonLeaderUserId: p.withLeader ? c.leaderUserId : null,
          responsibleUnitId: p.responsibleKey ? unitId(p.responsibleKey) : unitId(p.unitKey),
        });
        projectIds.set(p.ref, await createProjectInTx(tx, at(REGISTRY_AT, start + k), input, 'import'));
      }
    });
  }

  const counts = await fileDeals(db, campaign.deals, projectIds, unitId, at);
  const known = new Set(c.enterprises.map((e) => e.uscc));
  const registered = new Set([
    ...campaign.projects.flatMap((p) => (p.input.ownerUscc ? [p.input.ownerUscc] : [])),
    ...campaign.deals.flatMap((d) => (d.input.investorUscc && d.events.some((e) => e.projectRef === null) ? [d.input.investorUscc] : [])),
  ]);
  return {
    projects: campaign.projects.length,
    deals: campaign.deals.length,
    targets: campaign.targets.length,
    ...counts,
    enterprises: [...registered].filter((u) => !known.has(u)).length,
  };
}

/** One step of a deal's life, on the day it was recorded. */
interface Step {
  day: string;
  dealIndex: number;
  eventIndex: number; // -1: the filing
}

async function fileDeals(
  db: Db,
  deals: readonly PlannedDeal[],
  projectIds: ReadonlyMap<string, number>,
  unitId: (key: string) => number,
  at: (iso: string, seconds?: number) => RequestContext,
): Promise<{ transitions: number; projectsFromDeals: number }> {
  // A stage change is recorded on its date, or on the filing date when the deal was filed late.
  // Each day's filings come first (one transaction for them all), then its stage changes.
  const steps: Step[] = deals.flatMap((d, dealIndex) => [
    { day: d.filedOn, dealIndex, eventIndex: -1 },
    ...d.events.map((e, eventIndex) => ({ day: maxDate(e.on, d.filedOn), dealIndex, eventIndex })),
  ]);
  const isFiling = (step: Step) => (step.eventIndex < 0 ? 0 : 1);
  steps.sort((a, b) =>
    a.day !== b.day ? (a.day < b.day ? -1 : 1) : isFiling(a) - isFiling(b) || a.dealIndex - b.dealIndex || a.eventIndex - b.eventIndex,
  );

  const dealIds = new Map<string, number>();
  const versions = new Map<string, number>();
  let transitions = 0;
  let projectsFromDeals = 0;
  let day = '';
  let secondOfDay = 0;
  const contextOf = (step: Step) => {
    if (step.day > AS_OF) throw new Error(`demo campaign: a step after ${AS_OF}`);
    secondOfDay = step.day === day ? secondOfDay + 47 : 0;
    day = step.day;
    return at(`${step.day}T09:00:00+08:00`, secondOfDay);
  };
  for (let k = 0; k < steps.length; k++) {
    const step = steps[k]!;
    const d = deals[step.dealIndex]!;
    if (step.eventIndex < 0) {
      const filings = [step];
      while (steps[k + 1]?.eventIndex === -1 && steps[k + 1]!.day === step.day) filings.push(steps[++k]!);
      await db.transaction().execute(async (tx) => {
        for (const filing of filings) {
          const f = deals[filing.dealIndex]!;
          const predecessorDealId = f.predecessorRef ? dealIds.get(f.predecessorRef) : null;
          if (predecessorDealId === undefined) throw new Error(`demo campaign: ${f.ref} filed before its predecessor`);
          const input = CreateDealSchema.parse({ ...f.input, unitId: unitId(f.unitKey), predecessorDealId });
          const deal = await createDealInTx(tx, contextOf(filing), input);
          dealIds.set(f.ref, deal.id);
          versions.set(f.ref, deal.version);
        }
      });
      continue;
    }
    const ctx = contextOf(step);
    const e = d.events[step.eventIndex]!;
    const projectId = e.projectRef ? projectIds.get(e.projectRef) : null;
    if (projectId === undefined) throw new Error(`demo campaign: ${d.ref} lands on an unknown project`);
    const deal = await transitionDeal(db, ctx, dealIds.get(d.ref)!, {
      version: versions.get(d.ref)!,
      toStage: e.toStage,
      occurredOn: e.on,
      reason: e.reason,
      evidence: e.evidence,
      projectId,
    });
    versions.set(d.ref, deal.version);
    transitions++;
    if (e.projectRef === null) projectsFromDeals++;
  }
  return { transitions, projectsFromDeals };
}
