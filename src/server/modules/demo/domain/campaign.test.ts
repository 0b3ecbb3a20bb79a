import { describe, expect, it } from 'vitest';
import {
  CreateDealSchema,
  CreateProjectSchema,
  DEFAULT_REGISTRY_SETTINGS,
  MILESTONE_KINDS,
  PROJECT_CODE_PATTERN,
  isValidUscc,
  projectCodeGeneration,
} from '../../../../contracts/index.js';
import { AREAS, BOUNDS } from './areas.js';
import {
  ANNUAL_TASK,
  AS_OF,
  DEAL_COUNT,
  FOLLOW_UP_COUNT,
  PROJECT_COUNT,
  Q1_FROM,
  Q1_START_COUNT,
  Q1_START_TOTAL,
  Q1_TO,
  USCC_BODY_CHARS,
  planCampaign,
} from './campaign.js';
import { namedEnterprisesForCampaign } from './named-enterprises.js';

const named = namedEnterprisesForCampaign();
const plan = planCampaign(named);
const sum = (amounts: readonly string[]) => amounts.reduce((a, b) => a + BigInt(b), 0n);
const actual = (p: (typeof plan.projects)[number], kind: string) => p.input.milestones!.find((m) => m.kind === kind)?.actualOn ?? null;

describe(planCampaign.name, () => {
  it('is deterministic: the same plan every time, another one for another seed', () => {
    expect(planCampaign(named)).toEqual(plan);
    const other = planCampaign(named, 'another seed');
    expect(other.projects.map((p) => p.input.code)).not.toEqual(plan.projects.map((p) => p.input.code));
  });

  it('meets the published figures exactly: 1,100亿元 planned for 2022, 96 projects worth 502亿元 started in Q1', () => {
    expect(plan.projects).toHaveLength(PROJECT_COUNT);
    const plans = plan.projects.flatMap((p) => p.input.annualPlans ?? []);
    expect(plans.every((a) => a.year === 2022)).toBe(true);
    expect(sum(plans.map((a) => a.plannedInvestment))).toBe(BigInt(ANNUAL_TASK));
    for (const a of plans) expect(sum(a.monthly!)).toBe(BigInt(a.plannedInvestment));
    const q1 = plan.projects.filter((p) => {
      const start = actual(p, 'start');
      return start !== null && start >= Q1_FROM && start <= Q1_TO;
    });
    expect(q1).toHaveLength(Q1_START_COUNT);
    expect(q1.every((p) => p.isQ1Start && p.input.kind === 'new')).toBe(true);
    expect(sum(q1.map((p) => p.input.totalInvestment))).toBe(BigInt(Q1_START_TOTAL));
  });

  it('writes projects the API accepts, with valid codes, credit codes, industries, chains and places', () => {
    const chains = new Set(DEFAULT_REGISTRY_SETTINGS.industryChains.map((c) => c.key));
    const regions = new Set(['430400', ...AREAS.map((a) => a.regionCode)]);
    const codes = new Set<string>();
    for (const p of plan.projects) {
      const parsed = CreateProjectSchema.safeParse({ ...p.input, unitId: 1 });
      expect(parsed.success, `${p.ref} ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
      const code = p.input.code!;
      expect(code).toMatch(PROJECT_CODE_PATTERN);
      codes.add(code);
      expect(regions.has(code.slice(5, 11)), code).toBe(true);
      const filing = actual(p, 'filing')!;
      // The time segment follows the filing date: YYMM from the 2020-11 switch on, the year before it.
      if (filing >= '2020-11-01') {
        expect(projectCodeGeneration(code)).toBe('current');
        expect(code.slice(0, 4)).toBe(`${filing.slice(2, 4)}${filing.slice(5, 7)}`);
      } else {
        expect(projectCodeGeneration(code)).toBe('legacy');
        expect(code.slice(0, 4)).toBe(filing.slice(0, 4));
      }
      expect(isValidUscc(p.input.ownerUscc!), p.input.ownerUscc!).toBe(true);
      expect(p.input.ownerName).toMatch(/示例|演示/); // fictitious: every generated name says so
      if (p.input.industryChain) expect(chains.has(p.input.industryChain)).toBe(true);
      expect(p.input.latitude!).toBeGreaterThanOrEqual(BOUNDS.latMin);
      expect(p.input.latitude!).toBeLessThanOrEqual(BOUNDS.latMax);
      expect(p.input.longitude!).toBeGreaterThanOrEqual(BOUNDS.lngMin);
      expect(p.input.longitude!).toBeLessThanOrEqual(BOUNDS.lngMax);
      for (const a of p.input.annualPlans ?? []) expect(BigInt(a.plannedInvestment)).toBeLessThanOrEqual(BigInt(p.input.totalInvestment));
    }
    expect(codes.size).toBe(PROJECT_COUNT);
    expect(new Set(plan.projects.map((p) => p.input.name)).size).toBe(PROJECT_COUNT);
    for (const e of named)
      expect(
        plan.projects.some((p) => p.input.ownerUscc === e.uscc),
        e.name,
      ).toBe(true);
  });

  it('generated credit-code bodies use only the credit-code character set', () => {
    const codes = [
      ...plan.projects.map((p) => p.input.ownerUscc!),
      ...plan.deals.flatMap((d) => (d.input.investorUscc ? [d.input.investorUscc] : [])),
    ];
    const generated = codes.filter((c) => c.slice(8, 10) === 'DM');
    expect(generated.length).toBeGreaterThan(300);
    for (const code of generated) {
      expect(isValidUscc(code), code).toBe(true);
      for (const ch of code.slice(8, 16)) expect(USCC_BODY_CHARS).toContain(ch);
    }
  });

  it('dates milestones in order, actual ones only up to the as-of date, consistent with the kind', () => {
    for (const p of plan.projects) {
      const dates = MILESTONE_KINDS.map((k) => actual(p, k)).filter((d): d is string => d !== null);
      expect([...dates].sort(), p.ref).toEqual(dates);
      expect(dates.every((d) => d <= AS_OF)).toBe(true);
      // An actual date needs every earlier milestone done.
      const kinds = p.input.milestones!.map((m) => m.kind);
      const done = MILESTONE_KINDS.filter((k) => kinds.includes(k)).map((k) => actual(p, k) !== null);
      expect(done.indexOf(false) === -1 || !done.slice(done.indexOf(false)).includes(true), p.ref).toBe(true);
      const start = actual(p, 'start');
      if (p.input.kind === 'continuing') expect(start! < '2022-01-01').toBe(true);
      if (p.input.kind === 'preparatory') expect(start).toBeNull();
      if (p.input.kind === 'new' && start) expect(start >= '2022-01-01').toBe(true);
      expect(p.input.plannedStartOn! <= p.input.plannedEndOn!).toBe(true);
    }
  });

  it('files ~400 deals of 2022 the API accepts: mostly on time, stages in date order, landing on a project of the unit', () => {
    expect(plan.deals).toHaveLength(DEAL_COUNT);
    const sources = new Set(DEFAULT_REGISTRY_SETTINGS.dealSources.map((s) => s.key));
    const projects = new Map(plan.projects.map((p) => [p.ref, p]));
    const countyOf = (key: string) => AREAS.find((a) => a.key === key)?.countyKey ?? key;
    let late = 0;
    for (const d of plan.deals) {
      const parsed = CreateDealSchema.safeParse({ ...d.input, unitId: 1 });
      expect(parsed.success, `${d.ref} ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
      expect(sources.has(d.input.source)).toBe(true);
      expect(d.input.signedOn >= '2022-01-01' && d.input.signedOn <= AS_OF).toBe(true);
      expect(d.filedOn >= d.input.signedOn && d.filedOn <= AS_OF).toBe(true);
      if ((Date.parse(d.filedOn) - Date.parse(d.input.signedOn)) / 86_400_000 > 10) late++;
      if (d.input.investorUscc) expect(isValidUscc(d.input.investorUscc)).toBe(true);
      let previous = d.input.signedOn;
      for (const e of d.events) {
        expect(e.on >= previous && e.on <= AS_OF, d.ref).toBe(true);
        previous = e.on;
        if (e.toStage === 'stalled' || e.toStage === 'terminated') expect(e.reason).toBeTruthy();
        if (e.toStage === 'started') expect(e.on >= '2022-04-01').toBe(true);
        if (e.projectRef) {
          const p = projects.get(e.projectRef)!;
          expect(p.dealRef).toBe(d.ref);
          expect(p.unitKey).toBe(countyOf(d.unitKey));
          expect(p.input.totalInvestment).toBe(d.input.contractedAmount);
          expect(actual(p, 'land')).toBe(e.on);
          expect(actual(p, 'start')).toBe(d.events.find((x) => x.toStage === 'started')?.on ?? null);
        }
      }
      if (d.predecessorRef) {
        const predecessor = plan.deals.find((x) => x.ref === d.predecessorRef)!;
        expect(predecessor.input.signedOn < d.input.signedOn).toBe(true);
        expect(predecessor.filedOn < d.filedOn).toBe(true);
      }
    }
    expect(late).toBeGreaterThan(0);
    expect(late).toBeLessThan(plan.deals.length * 0.08);
    expect(plan.deals.filter((d) => d.predecessorRef)).toHaveLength(FOLLOW_UP_COUNT);
    const landings = plan.deals.flatMap((d) => d.events.filter((e) => e.toStage === 'landed' && e.projectRef !== undefined));
    expect(landings.filter((e) => e.projectRef === null).length).toBeGreaterThan(5); // the service creates those projects
    expect(landings.filter((e) => e.projectRef).length).toBeGreaterThan(100);
    for (const stage of ['stalled', 'terminated', 'in_production'] as const)
      expect(plan.deals.some((d) => d.events.some((e) => e.toStage === stage))).toBe(true);
  });

  it('sets a target for every county-level unit and park; the city’s is the sum of its direct units’', () => {
    const filing = AREAS.filter((a) => a.kind !== 'platform');
    expect(plan.targets.map((t) => t.unitKey).sort()).toEqual([...filing.map((a) => a.key), '430400'].sort());
    const direct = plan.targets.filter((t) => filing.some((a) => a.key === t.unitKey && a.kind !== 'county_park'));
    expect(plan.targets.find((t) => t.unitKey === '430400')!.amount).toBe(sum(direct.map((t) => t.amount)).toString());
  });
});
