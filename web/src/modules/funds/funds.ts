import { FUND_SOURCES, fromUnits, toUnits } from '../../../../src/contracts/index.js';

export type FundSource = (typeof FUND_SOURCES)[number];

export interface FundTotals {
  count: number;
  total: string;
  /** Every source, in the contract's order, with '0' where nothing was won. */
  bySource: { source: FundSource; amount: string; count: number }[];
}

/** The exact totals of the current records (a superseded record is never among them: the API leaves it out). */
export function fundTotals(rows: readonly { source: FundSource; amount: string }[]): FundTotals {
  const sums = new Map<FundSource, { units: bigint; count: number }>(FUND_SOURCES.map((s) => [s, { units: 0n, count: 0 }]));
  let total = 0n;
  for (const row of rows) {
    const units = toUnits(row.amount);
    total += units;
    const entry = sums.get(row.source)!;
    entry.units += units;
    entry.count++;
  }
  return {
    count: rows.length,
    total: fromUnits(total),
    bySource: FUND_SOURCES.map((source) => ({ source, amount: fromUnits(sums.get(source)!.units), count: sums.get(source)!.count })),
  };
}

/** Pages needed to read `total` records `pageSize` at a time. */
export function pagesFor(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}
