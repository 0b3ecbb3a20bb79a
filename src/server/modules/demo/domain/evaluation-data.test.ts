import { describe, expect, it } from 'vitest';
import { RegisterEntryInputSchema, isValidUscc } from '../../../../contracts/index.js';
import { decodeCsv, parseCsv } from '../../sheets/domain/csv.js';
import { EVALUATION_DEPARTMENTS, GENERATED_ENTERPRISES, OBJECTOR_NAME, departmentCsv, planEvaluation } from './evaluation-data.js';
import { ENTERPRISES } from './named-enterprises.js';

const plan = planEvaluation();
const byRef = new Map(plan.enterprises.map((e) => [e.ref, e]));

describe(planEvaluation.name, () => {
  it('is the same every time, and changes only names another part of the demo took', () => {
    expect(JSON.stringify(planEvaluation())).toBe(JSON.stringify(plan));
    const taken = plan.enterprises.find((e) => !e.isNamed)!.name;
    const other = planEvaluation(new Set([taken]));
    expect(other.enterprises.map((e) => e.name)).not.toContain(taken);
    expect(other.enterprises.map((e) => e.uscc)).toEqual(plan.enterprises.map((e) => e.uscc));
  });

  it('plans a register of a few hundred valid entries: the named enterprises, unique credit codes and names', () => {
    expect(plan.enterprises).toHaveLength(GENERATED_ENTERPRISES + ENTERPRISES.length);
    expect(new Set(plan.enterprises.map((e) => e.uscc)).size).toBe(plan.enterprises.length);
    expect(new Set(plan.enterprises.map((e) => e.name)).size).toBe(plan.enterprises.length);
    for (const e of plan.enterprises) {
      expect(isValidUscc(e.uscc), e.uscc).toBe(true);
      expect(e.name).toContain('示例');
      const { uscc, industryCode, scale, landOwnedMu, landLeasedMu, productionStartYear, flags } = e;
      const entry = { uscc, industryCode, scale, landOwnedMu, landLeasedMu, productionStartYear, flags };
      expect(RegisterEntryInputSchema.safeParse(entry).success, e.ref).toBe(true);
    }
    expect(plan.enterprises.filter((e) => e.isNamed).map((e) => e.name)).toEqual(ENTERPRISES.map(([name]) => name));
    const above = plan.enterprises.filter((e) => e.scale === 'above').length;
    expect(above / plan.enterprises.length).toBeGreaterThan(0.5);
    expect(above / plan.enterprises.length).toBeLessThan(0.75);
  });

  it('has exempt enterprises of every kind the method knows: utilities, start-ups, county exemptions; and small firms under 3 mu', () => {
    expect(plan.enterprises.filter((e) => ['44', '45', '46'].includes(e.industryCode))).toHaveLength(3);
    expect(plan.enterprises.filter((e) => e.productionStartYear >= 2021).length).toBeGreaterThanOrEqual(5);
    expect(plan.enterprises.filter((e) => e.flags.includes('countyExempt'))).toHaveLength(2);
    expect(
      plan.enterprises.filter((e) => e.scale === 'below' && Number(e.landOwnedMu) + Number(e.landLeasedMu) < 3).length,
    ).toBeGreaterThan(3);
  });

  it('gives realistic magnitudes: above-scale firms pay a few 万元 of tax and sell 100–500 万元 per mu, and the year 2022 grows a little', () => {
    const perMu = (year: number, field: 'tax' | 'salesRevenue', scale: 'above' | 'below') => {
      const values = [...plan.data.get(year)!]
        .filter(([ref]) => byRef.get(ref)!.scale === scale)
        .map(([ref, d]) => d[field]! / (Number(byRef.get(ref)!.landOwnedMu) + Number(byRef.get(ref)!.landLeasedMu)))
        .sort((a, b) => a - b);
      return values[Math.floor(values.length / 2)]!;
    };
    expect(perMu(2021, 'tax', 'above')).toBeGreaterThan(2);
    expect(perMu(2021, 'tax', 'above')).toBeLessThan(15);
    expect(perMu(2021, 'salesRevenue', 'above')).toBeGreaterThan(100);
    expect(perMu(2021, 'salesRevenue', 'above')).toBeLessThan(500);
    expect(perMu(2021, 'tax', 'below')).toBeLessThan(perMu(2021, 'tax', 'above'));
    const total = (year: number) => [...plan.data.get(year)!.values()].reduce((s, d) => s + (d.salesRevenue ?? 0), 0);
    expect(total(2022) / total(2021)).toBeGreaterThan(1);
    expect(total(2022) / total(2021)).toBeLessThan(1.2);
    for (const year of [2021, 2022])
      for (const d of plan.data.get(year)!.values()) for (const v of Object.values(d)) expect(Number.isFinite(v) && v >= 0).toBe(true);
  });

  it('tells the years as they went, in time order: 2021 objected, corrected, re-run and final; 2022 in public comment with an open objection', () => {
    const times = plan.steps.map((s) => s.at);
    expect([...times].sort()).toEqual(times);
    const kinds = (year: number) => plan.steps.filter((s) => 'year' in s && s.year === year).map((s) => s.kind);
    expect(kinds(2021).filter((k) => k !== 'adjustment' && k !== 'resolveConflict')).toEqual([
      'run',
      'publish',
      'objection',
      'resolveObjection',
      'run',
      'publish',
      'finalize',
    ]);
    expect(kinds(2022).filter((k) => k !== 'adjustment' && k !== 'resolveConflict')).toEqual(['run', 'publish', 'objection']);
    expect(plan.steps.filter((s) => s.kind === 'resolveConflict' && s.year === 2021)).toHaveLength(3);
    expect(plan.steps.filter((s) => s.kind === 'resolveConflict' && s.year === 2022)).toHaveLength(4);
    expect(byRef.get(plan.objectorRef)!.name).toBe(OBJECTOR_NAME);
    // Every import comes from one of the three departments and names its year.
    for (const s of plan.steps) {
      if (s.kind !== 'import') continue;
      expect(Object.keys(EVALUATION_DEPARTMENTS)).toContain(s.department);
      expect(s.filename).toMatch(/^.*(2021|2022)年度.*\.csv$/);
    }
  });

  it('writes each department’s file as a CSV with the template’s headers, one row per enterprise', () => {
    const imports = plan.steps.filter((s) => s.kind === 'import');
    expect(imports).toHaveLength(8);
    for (const step of imports) {
      const rows = parseCsv(decodeCsv(departmentCsv(step, byRef)));
      expect(rows[0]!.slice(0, 3)).toEqual(['统一社会信用代码', '企业名称', '年度']);
      expect(rows).toHaveLength(step.rows.length + 1);
      expect(new Set(rows.slice(1).map((r) => r[0])).size).toBe(step.rows.length);
    }
    const tax2021 = parseCsv(decodeCsv(departmentCsv(imports[0]!, byRef)));
    expect(tax2021[0]).toEqual(['统一社会信用代码', '企业名称', '年度', '实缴税收（万元）', '销售收入（万元）']);
  });
});
