import { describe, expect, it } from 'vitest';
import { FUND_SOURCES, ITEM_KINDS, toUnits } from '../../../../contracts/index.js';
import { DEFAULT_PROFILE, learnProfile } from '../../monitoring/domain/forecast.js';
import { AREAS } from './areas.js';
import { planCampaign } from './campaign.js';
import type { FundEvent } from './funds.js';
import { PUBLISHED_AT, PUBLISHED_MONTH, planHistory, withHistoryPlans } from './history.js';
import { type LetterEvent, SAFETY_UNITS } from './letters.js';
import { namedEnterprisesForCampaign } from './named-enterprises.js';
import { letterPdf, wrap } from './pdf.js';
import { LATEST_MONTH, LOCKED_THROUGH, MONTH_COUNT, type ReportingEvent, UNIT_PERFORMANCE_2022, monthOfIndex } from './reporting.js';
import { SEASONAL_SHARES, cumulativeShares } from './season.js';

const campaign = planCampaign(namedEnterprisesForCampaign());
const history = planHistory(campaign);
const { series, missing } = history.reporting;
const sum = (xs: readonly (string | null)[]) => xs.reduce((s, x) => s + toUnits(x ?? '0'), 0n);
const of = <T extends ReportingEvent['type'] | FundEvent['type'] | LetterEvent['type']>(type: T) =>
  history.events.filter((e) => e.type === type) as Extract<(typeof history.events)[number], { type: T }>[];
const projects = new Map(campaign.projects.map((p) => [p.ref, p]));

describe('the seasonal pattern', () => {
  it('sums to one, is low around the Spring Festival, biggest in December, and more back-loaded than the default profile', () => {
    expect(SEASONAL_SHARES.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(SEASONAL_SHARES[0]! + SEASONAL_SHARES[1]!).toBeLessThan(0.08);
    expect(Math.max(...SEASONAL_SHARES)).toBe(SEASONAL_SHARES[11]);
    const cumulative = cumulativeShares();
    expect(cumulative[11]).toBe(1);
    for (const [m, share] of cumulative.slice(0, 11).entries()) expect(share, `month ${m + 1}`).toBeLessThanOrEqual(DEFAULT_PROFILE[m]!);
  });
});

describe(planHistory.name, () => {
  it('is deterministic: the same history every time, another one for another seed', () => {
    expect(planHistory(campaign).events).toEqual(history.events);
    expect(planHistory(campaign, 'another seed').events).not.toEqual(history.events);
  });

  it('orders every event by its moment, from the first report of 2020 to early 2023', () => {
    const moments = history.events.map((e) => e.at);
    expect([...moments].sort()).toEqual(moments);
    for (const m of moments) expect(m).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\+08:00$/);
    expect(moments[0]! >= '2020-02-01').toBe(true);
    expect(moments.at(-1)! < '2023-01-31').toBe(true);
  });

  it('plans 2020 and 2021 for the projects under way then: monthly schedules sum to the plan, never above the total investment', () => {
    const plans = [...history.reporting.annualPlans.values()].flat();
    expect(plans.filter((p) => p.year === 2020).length).toBeGreaterThan(100);
    expect(plans.filter((p) => p.year === 2021).length).toBeGreaterThan(plans.filter((p) => p.year === 2020).length);
    for (const [ref, own] of history.reporting.annualPlans) {
      for (const plan of own) {
        expect(sum(plan.monthly!), ref).toBe(toUnits(plan.plannedInvestment));
        expect(BigInt(plan.plannedInvestment)).toBeGreaterThan(0n);
        expect(BigInt(plan.plannedInvestment)).toBeLessThanOrEqual(BigInt(projects.get(ref)!.input.totalInvestment));
      }
    }
    // Registered with the project, before the campaign's own 2022 plan.
    const merged = withHistoryPlans(campaign, history);
    const withHistory = merged.projects.filter((p) => (p.input.annualPlans ?? []).length > 1);
    expect(withHistory.length).toBe([...history.reporting.annualPlans.values()].filter((x) => x.some((p) => p.year === 2021)).length);
    for (const p of merged.projects)
      expect((p.input.annualPlans ?? []).map((a) => a.year)).toEqual([...(p.input.annualPlans ?? [])].map((a) => a.year).sort());
  });

  it('puts investment only in months under construction and never takes the cumulative figure above the total investment', () => {
    for (const s of series) {
      expect(sum(s.figures), s.ref).toBeLessThanOrEqual(toUnits(s.totalInvestment));
      s.figures.forEach((figure, i) => {
        if (figure === null) return;
        expect(s.gridMonths, `${s.ref} ${monthOfIndex(i)}`).toContain(i);
        if (toUnits(figure) > 0n) expect(s.active && i >= s.active.from && i <= s.active.to, `${s.ref} ${monthOfIndex(i)}`).toBe(true);
      });
      // Every month of the unit's grid is reported, except the few missing in the latest month.
      for (const i of s.gridMonths) if (s.versions[i] === 0) expect(missing).toContainEqual({ ref: s.ref, month: monthOfIndex(i) });
    }
    expect(missing.length).toBeGreaterThanOrEqual(4);
    expect(missing.length).toBeLessThanOrEqual(10);
    expect(missing.every((m) => m.month === LATEST_MONTH)).toBe(true);
  });

  it('reports more every year, back-loaded: little in January–February, the most in December', () => {
    const months = (year: number) =>
      Array.from({ length: 12 }, (_, m) => series.reduce((s, x) => s + toUnits(x.figures[(year - 2020) * 12 + m] ?? '0'), 0n));
    const rows = (year: number) =>
      series.reduce((n, s) => n + s.figures.slice((year - 2020) * 12, (year - 2020) * 12 + 12).filter((f) => f !== null).length, 0);
    expect(rows(2020)).toBeGreaterThan(1000);
    expect(rows(2021)).toBeGreaterThan(rows(2020));
    expect(rows(2022)).toBeGreaterThan(5000);
    for (const year of [2021, 2022]) {
      const m = months(year);
      const total = m.reduce((a, b) => a + b, 0n);
      expect(Number(((m[0]! + m[1]!) * 1000n) / total) / 1000, `${year}`).toBeLessThan(0.1);
      expect(
        m.every((v) => v <= m[11]!),
        `${year}`,
      ).toBe(true);
    }
    // 2020's first quarter: the epidemic.
    expect(months(2020)[1]! * 2n).toBeLessThan(months(2020)[0]!);
    // What the platform learns from the past years is the back-loaded pattern, not the default.
    const profile = learnProfile(
      series.flatMap((s) =>
        [2020, 2021].map((y) => ({ monthly: s.figures.slice((y - 2020) * 12, (y - 2020) * 12 + 12).map((f) => f ?? '0') })),
      ),
    );
    expect(profile[5]!).toBeLessThan(DEFAULT_PROFILE[5]! - 0.03);
  });

  it('puts one unit far behind its 2022 plan (a red light), some behind (yellow), most on plan', () => {
    const ratio = (unitKey: string) => {
      let done = 0n;
      let due = 0n;
      for (const s of series.filter((x) => x.unitKey === unitKey)) {
        const plan = s.plans.find((p) => p.year === 2022);
        if (!plan) continue;
        done += sum(s.figures.slice(24, 35));
        due += sum(plan.monthly!.slice(0, 11));
      }
      return Number((done * 1000n) / due) / 1000;
    };
    const ratios = AREAS.filter((a) => a.projectWeight > 0).map((a) => ratio(a.key));
    expect(ratio('430426')).toBeLessThan(0.7);
    expect(UNIT_PERFORMANCE_2022['430426']).toBeLessThan(0.7);
    expect(ratios.filter((r) => r >= 0.7 && r < 0.9).length).toBeGreaterThanOrEqual(2);
    expect(ratios.filter((r) => r >= 0.9).length).toBeGreaterThan(ratios.length / 2);
  });

  it('returns reports before the lock and has them submitted again; corrects locked months with a reason; locks every month up to November 2022', () => {
    const locks = of('lock');
    expect(locks.map((l) => l.month)).toEqual(Array.from({ length: MONTH_COUNT - 1 }, (_, i) => monthOfIndex(i)));
    expect(locks.at(-1)!.month).toBe(LOCKED_THROUGH);
    const lockOf = new Map(locks.map((l) => [l.month, l.at]));
    for (const r of of('resubmit')) {
      const ret = of('return').find((x) => x.month === r.month && x.ref === r.rows[0]!.ref)!;
      expect(ret.at < r.at && r.at < lockOf.get(r.month)!).toBe(true);
      expect(r.rows[0]!.baseVersion).toBe(1);
    }
    expect(of('return').length).toBe(of('resubmit').length + 1); // one of the latest month still open
    const corrections = of('correct');
    expect(corrections.length).toBeGreaterThanOrEqual(5);
    for (const c of corrections) {
      expect(c.at > lockOf.get(c.month)!).toBe(true);
      expect(c.reason).toBeTruthy();
    }
    // One correction of the published month comes after its publication.
    expect(corrections.some((c) => c.month === PUBLISHED_MONTH && c.at > PUBLISHED_AT)).toBe(true);
    expect(history.events.filter((e) => e.type === 'publish')).toEqual([{ type: 'publish', at: PUBLISHED_AT, month: PUBLISHED_MONTH }]);
    // Explanations where the checks warn; progress text in plain Chinese on many months.
    const rows = of('submit').flatMap((s) => s.rows);
    expect(rows.filter((r) => r.explanation).length).toBeGreaterThan(rows.length / 20);
    expect(rows.filter((r) => r.progressText).length).toBeGreaterThan(rows.length / 4);
    expect(of('feedback').length).toBeGreaterThan(80);
  });

  it('records funds won every year from the contract’s sources, one of them corrected', () => {
    const funds = of('fund');
    expect(funds.every((f) => (FUND_SOURCES as readonly string[]).includes(f.source) && f.at.slice(0, 10) >= f.wonOn)).toBe(true);
    for (const year of ['2020', '2021', '2022']) expect(funds.filter((f) => f.wonOn.startsWith(year)).length, year).toBeGreaterThan(40);
    expect(new Set(funds.map((f) => f.source)).size).toBe(FUND_SOURCES.length);
    expect(funds.filter((f) => f.source === 'policy_finance').every((f) => f.wonOn >= '2022-08-01' && f.wonOn <= '2022-10-31')).toBe(true);
    for (const f of funds.filter((x) => x.ref)) expect(projects.get(f.ref!)!.unitKey).toBe(f.unitKey);
    const [correction, ...more] = of('fundCorrect');
    expect(more).toEqual([]);
    expect(correction!.reason).toBeTruthy();
    expect(correction!.at > funds.find((f) => f.key === correction!.key)!.at).toBe(true);
  });

  it('has every unit that reports sign a 2022 letter on its projects and totals; one amended; safety letters recorded by hand', () => {
    const letters = of('letter');
    const investment = letters.filter((l) => l.kind === 'investment');
    const reporting = new Set(series.filter((s) => s.gridMonths.some((i) => i >= 24)).map((s) => s.unitKey));
    expect(new Set(investment.map((l) => l.unitKey))).toEqual(reporting);
    for (const l of investment) {
      expect(l.items.filter((i) => i.kind === 'unit_investment')).toHaveLength(1);
      for (const kind of ['project_investment', 'project_start'] as const)
        expect(
          l.items.some((i) => i.kind === kind),
          `${l.unitKey} ${kind}`,
        ).toBe(true);
      for (const i of l.items) {
        expect(ITEM_KINDS).toContain(i.kind);
        expect(i.deadline >= '2022-01-01' && i.deadline <= '2023-12-31').toBe(true);
        if (i.ref) expect(projects.get(i.ref)!.unitKey).toBe(l.unitKey);
      }
      expect(of('sign').some((s) => s.key === l.key)).toBe(true);
      expect(of('scan').find((s) => s.key === l.key)!.at < of('sign').find((s) => s.key === l.key)!.at).toBe(true);
    }
    const kinds = new Set(investment.flatMap((l) => l.items.map((i) => i.kind)));
    for (const kind of ['project_milestone', 'project_production', 'unit_starts']) expect(kinds).toContain(kind);
    expect(of('amend')).toHaveLength(1);
    const safety = letters.filter((l) => l.kind === 'safety');
    expect(safety.map((l) => l.unitKey).sort()).toEqual([...SAFETY_UNITS].sort());
    for (const l of safety) {
      expect(l.items.every((i) => i.kind === 'manual')).toBe(true);
      expect(of('record').filter((r) => r.key === l.key)).toHaveLength(l.items.length);
    }
    const records = of('record');
    expect(records.some((r) => r.status === 'missed')).toBe(true);
    expect(records.every((r) => r.at.slice(0, 10) > r.on)).toBe(true);
  });
});

describe(letterPdf.name, () => {
  it('writes a well-formed one-page PDF: objects and the cross-reference table where it says', () => {
    const pdf = letterPdf({
      title: '珠晖区2022年重大项目建设承诺书',
      lines: ['一、全年完成重大项目投资298000万元；'],
      signer: '珠晖区主要负责人',
      seal: '珠晖区人民政府',
      signedOn: '2022-02-10',
    });
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-1.4')).toBe(true);
    expect(text.endsWith('%%EOF\n')).toBe(true);
    const startxref = Number(/startxref\n(\d+)/.exec(text)![1]);
    expect(text.slice(startxref, startxref + 4)).toBe('xref');
    const offsets = [...text.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    expect(offsets).toHaveLength(7);
    for (const [i, offset] of offsets.entries()) expect(text.slice(offset, offset + 8)).toBe(`${i + 1} 0 obj\n`);
    expect(letterPdf({ title: 't', lines: [], signer: 's', seal: 's', signedOn: '2022-02-10' })).toEqual(
      letterPdf({ title: 't', lines: [], signer: 's', seal: 's', signedOn: '2022-02-10' }),
    );
    expect(wrap('一二三四五六七', 3)).toEqual(['一二三', '四五六', '七']);
  });
});
