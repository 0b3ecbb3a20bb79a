import { describe, expect, it } from 'vitest';
import { CreateProjectSchema, type Project } from '../../../../src/contracts/index.js';
import { changesOf, formValuesOf, payloadOf } from './project-form';

const PROJECT: Project = {
  id: 600,
  code: '2103-430400-05-01-919306',
  name: '产投110千伏输变电工程',
  ownerEnterpriseId: 442,
  ownerName: '平台公司',
  ownerUscc: '91430400DM1KN66X5T',
  unitId: 35,
  unitName: '平台公司',
  parkId: null,
  parkName: null,
  industryCode: '44',
  industryChain: null,
  category: 'infrastructure',
  level: 'city',
  kind: 'new',
  stage: 'under_construction',
  totalInvestment: '28255',
  plannedStartOn: '2022-02-26',
  plannedEndOn: '2024-02-26',
  liaisonLeaderUserId: 2,
  liaisonLeaderName: '李华',
  responsibleUnitId: 23,
  responsibleUnitName: '住建局',
  version: 1,
  updatedAt: '2022-12-31T10:09:59.000Z',
  latitude: 26.889078,
  longitude: 112.548418,
  description: null,
  codeGeneration: 'current',
  milestones: [
    { kind: 'start', plannedOn: '2022-02-26', actualOn: '2022-02-18' },
    { kind: 'filing', plannedOn: '2021-03-14', actualOn: '2021-03-21' },
  ],
  taskForce: [{ name: '张磊', role: '组长', phone: null }],
  annualPlans: [
    { year: 2022, plannedInvestment: '120', monthly: ['10', '10', '10', '10', '10', '10', '10', '10', '10', '10', '10', '10'] },
  ],
  linkedDeals: [],
  createdAt: '2022-12-31T10:09:59.000Z',
};

describe(formValuesOf.name, () => {
  it('has a row for every milestone kind, filled where the project has dates', () => {
    const values = formValuesOf(PROJECT);
    expect(values.milestones.map((m) => m.kind)).toEqual(['filing', 'land', 'permits', 'start', 'topping_out', 'completion', 'production']);
    expect(values.milestones[3]).toEqual({ kind: 'start', plannedOn: '2022-02-26', actualOn: '2022-02-18' });
    expect(values.milestones[1]).toEqual({ kind: 'land', plannedOn: null, actualOn: null });
  });

  it('starts a new project in the given unit with empty lists', () => {
    const values = formValuesOf(null, { unitId: 7 });
    expect(values.unitId).toBe(7);
    expect(values.annualPlans).toEqual([]);
    expect(values.milestones).toHaveLength(7);
  });
});

describe(payloadOf.name, () => {
  it('leaves out undated milestones and remembers which row each submitted one came from', () => {
    const values = formValuesOf(PROJECT);
    const { payload, milestoneRows } = payloadOf(values);
    expect(payload.milestones).toEqual([
      { kind: 'filing', plannedOn: '2021-03-14', actualOn: '2021-03-21' },
      { kind: 'start', plannedOn: '2022-02-26', actualOn: '2022-02-18' },
    ]);
    expect(milestoneRows).toEqual([0, 3]);
  });

  it('takes the kind from the row when the form leaves it out', () => {
    const values = formValuesOf(null);
    values.milestones = values.milestones.map(({ kind: _, ...dates }, i) =>
      i === 2 ? { ...dates, plannedOn: '2025-01-01' } : dates,
    ) as typeof values.milestones;
    expect(payloadOf(values).payload.milestones).toEqual([{ kind: 'permits', plannedOn: '2025-01-01', actualOn: null }]);
  });

  it('fills blank months of a schedule with zero and drops a schedule left entirely blank', () => {
    const values = formValuesOf(null);
    values.annualPlans = [
      { year: 2025, plannedInvestment: '30', monthly: ['10', null, '20', '', null, null, null, null, null, null, null, null] },
      { year: 2026, plannedInvestment: '5', monthly: Array(12).fill(null) },
    ];
    const plans = payloadOf(values).payload.annualPlans as { monthly: string[] | null }[];
    expect(plans[0]?.monthly).toEqual(['10', '0', '20', '0', '0', '0', '0', '0', '0', '0', '0', '0']);
    expect(plans[1]?.monthly).toBeNull();
  });

  it('produces what the contract schema accepts for a complete form', () => {
    const { payload } = payloadOf(formValuesOf(PROJECT));
    const parsed = CreateProjectSchema.safeParse(payload);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  });

  it('reports blank required fields as missing so the schema says "required"', () => {
    const { payload } = payloadOf(formValuesOf(null));
    expect(payload.name).toBeUndefined();
    expect(payload.totalInvestment).toBeUndefined();
    const parsed = CreateProjectSchema.safeParse(payload);
    expect(parsed.success).toBe(false);
  });

  it('sends no owner name without an owner', () => {
    const values = { ...formValuesOf(null), ownerName: 'x', ownerUscc: '' };
    expect(payloadOf(values).payload.ownerName).toBeNull();
  });
});

describe(changesOf.name, () => {
  it('finds nothing to send when nothing was edited', () => {
    expect(changesOf(PROJECT, payloadOf(formValuesOf(PROJECT)).payload)).toEqual({});
  });

  it('sends only what changed, milestones compared whatever their order', () => {
    const values = formValuesOf(PROJECT);
    values.name = '新名称';
    values.milestones[6] = { kind: 'production', plannedOn: '2025-01-01', actualOn: null };
    const changes = changesOf(PROJECT, payloadOf(values).payload);
    expect(Object.keys(changes).sort()).toEqual(['milestones', 'name']);
  });

  it('sends the owner name together with a new owner', () => {
    const values = { ...formValuesOf(PROJECT), ownerUscc: '91430400MA4L00000X', ownerName: '新业主' };
    expect(changesOf(PROJECT, payloadOf(values).payload)).toEqual({ ownerUscc: '91430400MA4L00000X', ownerName: '新业主' });
  });
});
