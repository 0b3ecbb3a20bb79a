import { describe, expect, it } from 'vitest';
import { CreateDealSchema, type Deal, UpdateDealSchema } from '../../../../src/contracts/index.js';
import { dealChangesOf, dealFormValuesOf, dealPayloadOf } from './deal-form';

const DEAL: Deal = {
  id: 370,
  unitId: 7,
  unitName: '衡阳县',
  kind: 'new',
  predecessorDealId: null,
  projectName: '生猪屠宰及冷链加工生产线建设项目',
  investorName: '示例景行控股集团有限公司',
  investorUscc: '91310115DM8W55M85B',
  contractedAmount: '55500',
  countedAmount: '55500',
  industryCode: '13',
  source: 'china500',
  signedOn: '2022-11-29',
  filedOn: '2022-12-09',
  filingDelayDays: 10,
  isLateFiling: false,
  registrationDeadline: '2023-02-13',
  capitalSchedule: [{ dueOn: '2023-02-12', amount: '15609' }],
  startDeadline: '2023-04-02',
  productionDeadline: null,
  stage: 'signed',
  stageOn: '2022-11-29',
  stageReason: null,
  duplicateStatus: 'flagged',
  duplicateOfDealId: null,
  projectId: null,
  isHighTech: false,
  isStrategicEmerging: false,
  plannedRdAmount: '910',
  plannedEnergyTce: null,
  plannedAnnualOutput: '100851',
  expectedAnnualTax: '6286',
  landAreaMu: '297',
  threeQuantities: { score: 1, max: 3, items: [] },
  hasContractScan: false,
  note: null,
  version: 2,
  createdAt: '2022-12-09T01:03:08.000Z',
  updatedAt: '2022-12-09T01:03:08.000Z',
};

describe(dealPayloadOf.name, () => {
  it('makes a filing the contract schema accepts from a filled form', () => {
    const payload = dealPayloadOf(dealFormValuesOf(DEAL));
    const parsed = CreateDealSchema.safeParse(payload);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  });

  it('leaves blank required fields missing and drops the predecessor of a new deal', () => {
    const payload = dealPayloadOf({ ...dealFormValuesOf(null), predecessorDealId: 5, projectName: '  ' });
    expect(payload.projectName).toBeUndefined();
    expect(payload.predecessorDealId).toBeNull();
    expect(payload.kind).toBe('new');
    expect(CreateDealSchema.safeParse(payload).success).toBe(false);
  });

  it('keeps the predecessor of a follow-up', () => {
    expect(dealPayloadOf({ ...dealFormValuesOf(null), kind: 'capital_increase', predecessorDealId: 5 }).predecessorDealId).toBe(5);
  });
});

describe(dealChangesOf.name, () => {
  it('sends nothing for an untouched form and only the edited fields otherwise', () => {
    expect(dealChangesOf(DEAL, dealPayloadOf(dealFormValuesOf(DEAL)))).toEqual({});
    const values = { ...dealFormValuesOf(DEAL), contractedAmount: '60000', note: 'x' };
    const changes = dealChangesOf(DEAL, dealPayloadOf(values));
    expect(changes).toEqual({ contractedAmount: '60000', note: 'x' });
    expect(UpdateDealSchema.safeParse({ version: 2, ...changes }).success).toBe(true);
  });
});
