import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MILESTONE_KINDS, PROJECT_CATEGORIES, PROJECT_KINDS, PROJECT_STAGES } from '../../../../contracts/index.js';
import { packageRoot } from '../../../lib/package-root.js';
import {
  CURRENCY,
  MILESTONES_BY_KIND,
  OWNER_ROLE,
  PUBLIC_AUTHORITY_ROLE,
  type ProjectForExport,
  SECTORS_BY_CATEGORY,
  SECTORS_BY_INDUSTRY,
  STATUS_BY_STAGE,
  TYPE_BY_KIND,
  beijingInstant,
  sectorsOf,
  toOc4idsProject,
  toProjectPackage,
  yuanFromWan,
} from './oc4ids.js';

/** The codes of one codelist in reference/oc4ids/codelists (first column; no code holds a comma). */
function codelist(name: string): Set<string> {
  const file = path.join(packageRoot(), 'reference', 'oc4ids', 'codelists', `${name}.csv`);
  const [, ...rows] = readFileSync(file, 'utf8').trim().split('\n');
  return new Set(rows.map((row) => row.split(',')[0]!));
}

const ASOF = new Date('2026-03-02T01:00:00Z'); // 09:00 Beijing time

const sample = (overrides: Partial<ProjectForExport> = {}): ProjectForExport => ({
  id: 42,
  code: '2201-430405-04-01-123456',
  name: '珠晖区新材料产业园一期',
  description: '年产 5 万吨新材料生产线',
  ownerEnterpriseId: 7,
  ownerName: '福建示例新材料有限公司',
  ownerUscc: '91350100M000100Y43',
  unitId: 3,
  unitName: '珠晖区',
  parkName: '示例园区',
  industryCode: '46',
  category: 'infrastructure',
  kind: 'new',
  stage: 'under_construction',
  totalInvestment: '250000.1234',
  plannedStartOn: '2026-03-01',
  plannedEndOn: '2027-12-31',
  latitude: 26.8968,
  longitude: 112.5719,
  milestones: [
    { kind: 'start', plannedOn: '2026-02-20', actualOn: '2026-02-25' },
    { kind: 'filing', plannedOn: '2026-01-10', actualOn: '2026-01-12' },
    { kind: 'land', plannedOn: '2026-02-01', actualOn: null },
    { kind: 'topping_out', plannedOn: '2026-03-02', actualOn: null },
    { kind: 'production', plannedOn: '2027-12-31', actualOn: null },
  ],
  annualPlans: [
    { year: 2027, plannedInvestment: '130000.1234' },
    { year: 2026, plannedInvestment: '120000' },
  ],
  updatedAt: '2026-03-01T16:30:00.000Z',
  ...overrides,
});

describe(toOc4idsProject.name, () => {
  const sut = toOc4idsProject(sample(), { cityCode: '430400', asOf: ASOF });

  it('identifies the project by its national code, also listed under CN-FAIPC', () => {
    expect(sut.id).toBe('2201-430405-04-01-123456');
    expect(sut.identifiers).toEqual([{ id: '2201-430405-04-01-123456', scheme: 'CN-FAIPC' }]);
    expect(sut.title).toBe('珠晖区新材料产业园一期');
    expect(sut.description).toBe('年产 5 万吨新材料生产线');
    expect(sut.language).toBe('zh');
    expect(sut.updated).toBe('2026-03-02T00:30:00+08:00');
  });

  it('falls back to a stable local id without a code, and lists no identifier', () => {
    const local = toOc4idsProject(sample({ code: null }), { cityCode: '430400', asOf: ASOF });
    expect(local.id).toBe('juli-430400-42');
    expect(local).not.toHaveProperty('identifiers');
  });

  it('maps stage, kind and industry to status, type and sector', () => {
    expect(sut.status).toBe('implementation');
    expect(sut.type).toBe('construction');
    expect(sut.sector).toEqual(['waterAndWaste']);
    expect(sut.additionalClassifications).toEqual([{ scheme: 'GB/T 4754-2017', id: '46' }]);
    const stages = Object.fromEntries(
      PROJECT_STAGES.map((stage) => [stage, toOc4idsProject(sample({ stage }), { cityCode: '430400', asOf: ASOF }).status]),
    );
    expect(stages).toEqual({
      preparing: 'preparation',
      under_construction: 'implementation',
      completed: 'completion',
      in_production: 'completion',
    });
  });

  it('leaves the sector out when nothing fits (manufacturing, a mixed section)', () => {
    expect(toOc4idsProject(sample({ industryCode: '26', category: 'industrial' }), { cityCode: '430400', asOf: ASOF })).not.toHaveProperty(
      'sector',
    );
    expect(sectorsOf({ industryCode: 'D', category: 'infrastructure' })).toEqual([]);
    expect(sectorsOf({ industryCode: '53', category: 'infrastructure' })).toEqual(['transport', 'transport.rail']);
    expect(sectorsOf({ industryCode: 'A', category: 'agricultural' })).toEqual(['economy']);
    expect(sectorsOf({ industryCode: 'C', category: 'agricultural' })).toEqual(['economy']);
  });

  it('converts 万元 to yuan exactly, in CNY, with the annual plans as a breakdown by year', () => {
    expect(sut.budget.amount).toEqual({ amount: 2_500_001_234, currency: 'CNY' });
    expect(sut.budget.budgetBreakdowns).toEqual([
      {
        id: 'annualPlans',
        description: '年度计划投资',
        budgetBreakdown: [
          {
            id: '2026',
            description: '2026 年度计划投资',
            amount: { amount: 1_200_000_000, currency: 'CNY' },
            period: { startDate: '2026-01-01T00:00:00+08:00', endDate: '2026-12-31T00:00:00+08:00' },
          },
          {
            id: '2027',
            description: '2027 年度计划投资',
            amount: { amount: 1_300_001_234, currency: 'CNY' },
            period: { startDate: '2027-01-01T00:00:00+08:00', endDate: '2027-12-31T00:00:00+08:00' },
          },
        ],
      },
    ]);
  });

  it('takes the period from the planned start and end, as Beijing date-times', () => {
    expect(sut.period).toEqual({ startDate: '2026-03-01T00:00:00+08:00', endDate: '2027-12-31T00:00:00+08:00' });
    const open = toOc4idsProject(sample({ plannedStartOn: null, plannedEndOn: null }), { cityCode: '430400', asOf: ASOF });
    expect(open).not.toHaveProperty('period');
  });

  it('lists milestones in life-cycle order: met with its date, overdue as notMet, others scheduled', () => {
    expect(sut.milestones).toEqual([
      {
        id: 'filing',
        title: '项目审批（核准、备案）',
        type: 'approval',
        code: 'projectApproval',
        status: 'met',
        dueDate: '2026-01-10T00:00:00+08:00',
        dateMet: '2026-01-12T00:00:00+08:00',
      },
      { id: 'land', title: '取得用地', status: 'notMet', dueDate: '2026-02-01T00:00:00+08:00', dateModified: '2026-03-02T09:00:00+08:00' },
      {
        id: 'start',
        title: '开工',
        code: 'commencement',
        status: 'met',
        dueDate: '2026-02-20T00:00:00+08:00',
        dateMet: '2026-02-25T00:00:00+08:00',
      },
      // Due today (Beijing) is not yet overdue.
      {
        id: 'topping_out',
        title: '主体封顶',
        status: 'scheduled',
        dueDate: '2026-03-02T00:00:00+08:00',
        dateModified: '2026-03-02T09:00:00+08:00',
      },
      {
        id: 'production',
        title: '投产',
        type: 'delivery',
        code: 'commissioning',
        status: 'scheduled',
        dueDate: '2027-12-31T00:00:00+08:00',
        dateModified: '2026-03-02T09:00:00+08:00',
      },
    ]);
    expect(sut).not.toHaveProperty('completion');
    const done = toOc4idsProject(
      sample({ stage: 'completed', milestones: [{ kind: 'completion', plannedOn: null, actualOn: '2026-02-28' }] }),
      { cityCode: '430400', asOf: ASOF },
    );
    expect(done.milestones).toEqual([
      { id: 'completion', title: '竣工', type: 'delivery', code: 'completion', status: 'met', dateMet: '2026-02-28T00:00:00+08:00' },
    ]);
    expect(done.completion).toEqual({ endDate: '2026-02-28T00:00:00+08:00' });
    expect(toOc4idsProject(sample({ milestones: [] }), { cityCode: '430400', asOf: ASOF })).not.toHaveProperty('milestones');
  });

  it('places a GeoJSON point, longitude first, only when both coordinates exist', () => {
    expect(sut.locations).toEqual([
      { id: '1', description: '珠晖区 示例园区', geometry: { type: 'Point', coordinates: [112.5719, 26.8968] } },
    ]);
    expect(toOc4idsProject(sample({ latitude: null }), { cityCode: '430400', asOf: ASOF })).not.toHaveProperty('locations');
  });

  it('names the unit as public authority and the owner by its credit code', () => {
    expect(sut.publicAuthority).toEqual({ id: 'juli-430400-unit-3', name: '珠晖区' });
    expect(sut.parties).toEqual([
      { id: 'juli-430400-unit-3', name: '珠晖区', roles: ['publicAuthority'] },
      {
        id: 'CN-USCC-91350100M000100Y43',
        name: '福建示例新材料有限公司',
        identifier: { scheme: 'CN-USCC', id: '91350100M000100Y43', legalName: '福建示例新材料有限公司' },
        roles: ['funder'],
      },
    ]);
    const ownerless = toOc4idsProject(sample({ ownerEnterpriseId: null, ownerName: null, ownerUscc: null }), {
      cityCode: '430400',
      asOf: ASOF,
    });
    expect(ownerless.parties).toEqual([{ id: 'juli-430400-unit-3', name: '珠晖区', roles: ['publicAuthority'] }]);
  });
});

describe('codes come from the OC4IDS codelists', () => {
  it('every status, type, sector, milestone type/code/status, role and the currency is a listed code', () => {
    const statuses = codelist('projectStatus');
    expect(PROJECT_STAGES.map((s) => STATUS_BY_STAGE[s]).filter((c) => !statuses.has(c))).toEqual([]);
    const types = codelist('projectType');
    expect(PROJECT_KINDS.map((k) => TYPE_BY_KIND[k]).filter((c) => !types.has(c))).toEqual([]);
    const sectors = codelist('projectSector');
    const usedSectors = [...Object.values(SECTORS_BY_INDUSTRY).flat(), ...Object.values(SECTORS_BY_CATEGORY).flat()];
    expect(usedSectors.filter((c) => !sectors.has(c))).toEqual([]);
    // A subsector comes with its parent.
    for (const list of Object.values(SECTORS_BY_INDUSTRY)) {
      for (const code of list) if (code.includes('.')) expect(list).toContain(code.split('.')[0]);
    }
    const milestoneTypes = codelist('milestoneType');
    const milestoneCodes = codelist('milestoneCode');
    for (const kind of MILESTONE_KINDS) {
      const def: { title: string; type?: string; code?: string } = MILESTONES_BY_KIND[kind];
      if (def.type) expect(milestoneTypes.has(def.type), kind).toBe(true);
      if (def.code) expect(milestoneCodes.has(def.code), kind).toBe(true);
    }
    const milestoneStatuses = codelist('milestoneStatus');
    for (const status of ['met', 'notMet', 'scheduled']) expect(milestoneStatuses.has(status)).toBe(true);
    const roles = codelist('partyRole');
    expect(roles.has(OWNER_ROLE) && roles.has(PUBLIC_AUTHORITY_ROLE)).toBe(true);
    expect(codelist('currency').has(CURRENCY)).toBe(true);
  });

  it('maps every Juli category and GB/T 4754 key it names to real Juli values', () => {
    for (const category of Object.keys(SECTORS_BY_CATEGORY)) expect(PROJECT_CATEGORIES).toContain(category);
    for (const industry of Object.keys(SECTORS_BY_INDUSTRY)) {
      expect(/^[A-T]$/.test(industry) || (/^\d{2}$/.test(industry) && Number(industry) <= 97), industry).toBe(true);
    }
  });
});

describe(yuanFromWan.name, () => {
  it('is exact for every 4-decimal amount of realistic size, including ones a float product gets wrong', () => {
    // 0.0001 万元 is one yuan; 0.57 × 10000 in binary floating point is 5699.999999999999.
    expect(Number('0.57') * 10000).not.toBe(5700);
    expect(yuanFromWan('0.57')).toBe(5700);
    expect(yuanFromWan('0.0003')).toBe(3);
    expect(yuanFromWan('0.0001')).toBe(1);
    expect(yuanFromWan('0')).toBe(0);
    expect(yuanFromWan('123456789012.3456')).toBe(1_234_567_890_123_456);
    expect(yuanFromWan('900719925474.0991')).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => yuanFromWan('900719925474.0992')).toThrow(RangeError);
  });
});

describe(toProjectPackage.name, () => {
  it('wraps projects with uri, Beijing publication time, publisher and version 0.9', () => {
    const project = toOc4idsProject(sample(), { cityCode: '430400', asOf: ASOF });
    const sut = toProjectPackage([project], {
      uri: 'https://juli.example.cn/api/v1/projects/oc4ids',
      publishedAt: ASOF,
      publisherName: '衡阳市',
      license: 'https://creativecommons.org/licenses/by/4.0/',
    });
    expect(sut).toEqual({
      uri: 'https://juli.example.cn/api/v1/projects/oc4ids',
      publishedDate: '2026-03-02T09:00:00+08:00',
      version: '0.9',
      publisher: { name: '衡阳市' },
      license: 'https://creativecommons.org/licenses/by/4.0/',
      projects: [project],
    });
    expect(() => toProjectPackage([], { uri: 'urn:x', publishedAt: ASOF, publisherName: '衡阳市' })).toThrow(RangeError);
  });

  it('writes instants in UTC+8 across the date line', () => {
    expect(beijingInstant('2026-12-31T16:00:00.000Z')).toBe('2027-01-01T00:00:00+08:00');
  });
});
