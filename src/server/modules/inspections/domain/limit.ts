import type { InspectionKind } from '../../../../contracts/index.js';

/**
 * Whether a new registration breaks the routine limit (日常检查频次上限): only routine
 * inspections count, and only those of the same department of the same enterprise in the
 * same year. Random checks (双随机), complaints and emergencies are never over the limit.
 * `before` is how many routine inspections were registered before this one.
 */
export function isOverLimit(kind: InspectionKind, before: number, limit: number): boolean {
  return kind === 'routine' && before >= limit;
}
