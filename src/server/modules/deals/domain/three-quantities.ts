import type { ThreeQuantities } from '../../../../contracts/deals.js';
import { toUnits } from '../../../../contracts/money.js';

/** Thresholds of the 三量 admission check; configuration, not code. */
export interface ThreeQuantityThresholds {
  /** 含新量: planned R&D as a share of the contracted investment, at least (e.g. 0.03). */
  rdShareFloor: number;
  /** 含绿量: planned energy use per output, tce per 万元, at most. */
  energyIntensityCeiling: number;
  /** 含金量: expected tax per mu of land, 万元 per mu per year, at least. */
  taxPerMuFloor: number;
}

export const DEFAULT_THREE_QUANTITY_THRESHOLDS: ThreeQuantityThresholds = {
  rdShareFloor: 0.03,
  energyIntensityCeiling: 0.3,
  taxPerMuFloor: 15,
};

export interface ThreeQuantityInput {
  contractedAmount: string;
  isHighTech: boolean;
  isStrategicEmerging: boolean;
  plannedRdAmount: string | null;
  plannedEnergyTce: string | null;
  plannedAnnualOutput: string | null;
  expectedAnnualTax: string | null;
  landAreaMu: string | null;
}

const ratio = (a: string, b: string): number | null => {
  const d = toUnits(b);
  return d === 0n ? null : Number(toUnits(a)) / Number(d);
};
const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Advisory score (0–3) with the reason behind each dimension; missing data is "unknown", never a failure. */
export function assessThreeQuantities(input: ThreeQuantityInput, t: ThreeQuantityThresholds): ThreeQuantities {
  const items: ThreeQuantities['items'] = [];

  if (input.isHighTech || input.isStrategicEmerging) {
    items.push({
      dimension: 'innovation',
      status: 'passed',
      reason: input.isHighTech ? 'tq.highTech' : 'tq.strategicEmerging',
      params: {},
    });
  } else if (input.plannedRdAmount !== null) {
    const share = ratio(input.plannedRdAmount, input.contractedAmount);
    const passed = share !== null && share >= t.rdShareFloor;
    items.push({
      dimension: 'innovation',
      status: passed ? 'passed' : 'failed',
      reason: passed ? 'tq.rdShareOk' : 'tq.rdShareLow',
      params: { share: round((share ?? 0) * 100, 2), floor: round(t.rdShareFloor * 100, 2) },
    });
  } else {
    items.push({ dimension: 'innovation', status: 'unknown', reason: 'tq.noRdData', params: {} });
  }

  if (input.plannedEnergyTce !== null && input.plannedAnnualOutput !== null) {
    const intensity = ratio(input.plannedEnergyTce, input.plannedAnnualOutput);
    if (intensity === null) {
      items.push({ dimension: 'green', status: 'unknown', reason: 'tq.noOutput', params: {} });
    } else {
      const passed = intensity <= t.energyIntensityCeiling;
      items.push({
        dimension: 'green',
        status: passed ? 'passed' : 'failed',
        reason: passed ? 'tq.energyOk' : 'tq.energyHigh',
        params: { intensity: round(intensity), ceiling: t.energyIntensityCeiling },
      });
    }
  } else {
    items.push({ dimension: 'green', status: 'unknown', reason: 'tq.noEnergyData', params: {} });
  }

  if (input.expectedAnnualTax !== null && input.landAreaMu !== null) {
    const perMu = ratio(input.expectedAnnualTax, input.landAreaMu);
    if (perMu === null) {
      // No land (e.g. leased floor space): tax per mu does not apply.
      items.push({ dimension: 'gold', status: 'unknown', reason: 'tq.noLand', params: {} });
    } else {
      const passed = perMu >= t.taxPerMuFloor;
      items.push({
        dimension: 'gold',
        status: passed ? 'passed' : 'failed',
        reason: passed ? 'tq.taxOk' : 'tq.taxLow',
        params: { perMu: round(perMu, 2), floor: t.taxPerMuFloor },
      });
    }
  } else {
    items.push({ dimension: 'gold', status: 'unknown', reason: 'tq.noTaxData', params: {} });
  }

  return { score: items.filter((i) => i.status === 'passed').length, max: 3, items };
}
