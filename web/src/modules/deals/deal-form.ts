import type { Deal, DealKind } from '../../../../src/contracts/index.js';
import { blankToNull, blankToUndefined, isBlank } from '../../lib/zod-form';

export interface DealFormValues {
  unitId?: number | null;
  kind?: DealKind;
  predecessorDealId?: number | null;
  projectName?: string | null;
  investorName?: string | null;
  investorUscc?: string | null;
  contractedAmount?: string | null;
  industryCode?: string | null;
  source?: string | null;
  signedOn?: string | null;
  registrationDeadline?: string | null;
  startDeadline?: string | null;
  productionDeadline?: string | null;
  capitalSchedule: { dueOn?: string | null; amount?: string | null }[];
  isHighTech?: boolean;
  isStrategicEmerging?: boolean;
  plannedRdAmount?: string | null;
  plannedEnergyTce?: string | null;
  plannedAnnualOutput?: string | null;
  expectedAnnualTax?: string | null;
  landAreaMu?: string | null;
  note?: string | null;
}

/** The fields a filing's correction may change (unit, kind and predecessor are fixed once filed). */
export const EDITABLE_DEAL_FIELDS = [
  'projectName',
  'investorName',
  'investorUscc',
  'contractedAmount',
  'industryCode',
  'source',
  'signedOn',
  'registrationDeadline',
  'capitalSchedule',
  'startDeadline',
  'productionDeadline',
  'isHighTech',
  'isStrategicEmerging',
  'plannedRdAmount',
  'plannedEnergyTce',
  'plannedAnnualOutput',
  'expectedAnnualTax',
  'landAreaMu',
  'note',
] as const;

export function dealFormValuesOf(deal: Deal | null, defaults: { unitId?: number } = {}): DealFormValues {
  if (!deal) return { unitId: defaults.unitId ?? null, kind: 'new', capitalSchedule: [], isHighTech: false, isStrategicEmerging: false };
  const { capitalSchedule, ...rest } = deal;
  const values: DealFormValues = { capitalSchedule: capitalSchedule.map((item) => ({ ...item })) };
  for (const key of EDITABLE_DEAL_FIELDS) {
    if (key !== 'capitalSchedule') (values as unknown as Record<string, unknown>)[key] = rest[key];
  }
  return { ...values, unitId: deal.unitId, kind: deal.kind, predecessorDealId: deal.predecessorDealId };
}

function text(value: string | null | undefined): string | undefined {
  return isBlank(value) ? undefined : (value as string).trim();
}

/** The payload of the form in CreateDealSchema's shape (the schema checks it; blanks of required fields stay missing). */
export function dealPayloadOf(values: DealFormValues): Record<string, unknown> {
  const kind = values.kind ?? 'new';
  return {
    unitId: blankToUndefined(values.unitId),
    kind,
    predecessorDealId: kind === 'new' ? null : blankToNull(values.predecessorDealId),
    projectName: text(values.projectName),
    investorName: text(values.investorName),
    investorUscc: text(values.investorUscc)?.toUpperCase() ?? null,
    contractedAmount: text(values.contractedAmount),
    industryCode: text(values.industryCode),
    source: text(values.source),
    signedOn: blankToUndefined(values.signedOn),
    registrationDeadline: blankToNull(values.registrationDeadline),
    capitalSchedule: values.capitalSchedule.map((item) => ({ dueOn: blankToUndefined(item.dueOn), amount: text(item.amount) })),
    startDeadline: blankToNull(values.startDeadline),
    productionDeadline: blankToNull(values.productionDeadline),
    isHighTech: values.isHighTech ?? false,
    isStrategicEmerging: values.isStrategicEmerging ?? false,
    plannedRdAmount: text(values.plannedRdAmount) ?? null,
    plannedEnergyTce: text(values.plannedEnergyTce) ?? null,
    plannedAnnualOutput: text(values.plannedAnnualOutput) ?? null,
    expectedAnnualTax: text(values.expectedAnnualTax) ?? null,
    landAreaMu: text(values.landAreaMu) ?? null,
    note: text(values.note) ?? null,
  };
}

/** What a correction changes: the editable fields that differ from the filing. */
export function dealChangesOf(deal: Deal, payload: Record<string, unknown>): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  const stored = deal as unknown as Record<string, unknown>;
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  for (const key of EDITABLE_DEAL_FIELDS) {
    if (!same(stored[key], payload[key])) changes[key] = payload[key];
  }
  return changes;
}
