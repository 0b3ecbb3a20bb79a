import type { DealKind } from '../../../../contracts/deals.js';
import { fromUnits, toUnits } from '../../../../contracts/money.js';

/**
 * Double counting (PRODUCT §2.1): a deal counts once, at its first signing; a re-signing,
 * an upgrade or a capital increase states the new total and counts only what it adds over
 * its predecessor (never a negative amount).
 */
export function countedAmount(kind: DealKind, contractedAmount: string, predecessorAmount: string | null): string {
  if (kind === 'new' || predecessorAmount === null) return contractedAmount;
  const increase = toUnits(contractedAmount) - toUnits(predecessorAmount);
  return fromUnits(increase > 0n ? increase : 0n);
}

/** Normalised text for "same investor + same project" across units: no spaces or punctuation, full-width folded, lower case. */
export function normaliseForMatch(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '')
    .replace(/(有限责任公司|股份有限公司|有限公司|集团|项目)$/u, '');
}

/** The key two filings share when they are the same investor's same project. */
export function duplicateKey(investorName: string, investorUscc: string | null, projectName: string): string {
  return `${investorUscc ?? normaliseForMatch(investorName)}|${normaliseForMatch(projectName)}`;
}

/** Filing is late when it happens more than `deadlineDays` days after signing. */
export function filingDelay(signedOn: string, filedOn: string, deadlineDays: number): { delayDays: number; isLate: boolean } {
  const delayDays = Math.round((Date.parse(`${filedOn}T00:00:00Z`) - Date.parse(`${signedOn}T00:00:00Z`)) / 86_400_000);
  return { delayDays, isLate: delayDays > deadlineDays };
}
