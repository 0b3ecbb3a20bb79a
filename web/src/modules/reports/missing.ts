import type { z } from 'zod';
import type { MissingReportSchema } from '../../../../src/contracts/index.js';

export type UnitCounts = z.infer<typeof MissingReportSchema>['units'][number];

/** The jurisdiction's counts: the sum of its unit rows (each project counts under exactly one row). */
export function missingTotals(units: readonly UnitCounts[]): { expected: number; submitted: number; returned: number; missing: number } {
  return units.reduce(
    (sum, unit) => ({
      expected: sum.expected + unit.expected,
      submitted: sum.submitted + unit.submitted,
      returned: sum.returned + unit.returned,
      missing: sum.missing + unit.missing,
    }),
    { expected: 0, submitted: 0, returned: 0, missing: 0 },
  );
}
