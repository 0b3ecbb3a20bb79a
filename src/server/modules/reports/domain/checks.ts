import type { MessageKey, ReportWarning } from '../../../../contracts/index.js';
import { groupDigits, toUnits } from '../../../../contracts/money.js';

export interface ReportRules {
  jumpFactor: number;
  farFromPlanRatio: number;
}

export interface RowFacts {
  investment: string;
  totalInvestment: string;
  /**
   * What the project reported in all its other months (all years; the later months too when
   * an earlier month is corrected): with this month's figure, its cumulative investment.
   */
  reportedOtherMonths: string;
  lastMonth: string | null;
  plannedThisMonth: string | null;
  isStarted: boolean;
  explanation: string | null | undefined;
}

export interface RowCheck {
  errors: { field: 'investment' | 'explanation'; key: MessageKey; params?: Record<string, string | number> }[];
  warnings: ReportWarning[];
}

/**
 * Checks at submission (PRODUCT §2.2): a cumulative figure above the project's total
 * investment is refused; a jump beyond the configured factor over last month, a report for
 * a project not started, and a figure far from the month's plan are warnings that need a
 * written explanation. (Negative or non-numeric figures never get here: the schema refuses them.)
 */
export function checkRow(facts: RowFacts, rules: ReportRules): RowCheck {
  const errors: RowCheck['errors'] = [];
  const warnings: ReportWarning[] = [];
  const investment = toUnits(facts.investment);
  const cumulative = toUnits(facts.reportedOtherMonths) + investment;
  const total = toUnits(facts.totalInvestment);
  if (total > 0n && cumulative > total) {
    errors.push({ field: 'investment', key: 'report.aboveTotal', params: { total: groupDigits(facts.totalInvestment) } });
  }
  const factor = BigInt(Math.round(rules.jumpFactor * 1000));
  if (facts.lastMonth !== null && toUnits(facts.lastMonth) > 0n && investment * 1000n > toUnits(facts.lastMonth) * factor) {
    warnings.push('jump');
  }
  if (!facts.isStarted && investment > 0n) warnings.push('notStarted');
  if (facts.plannedThisMonth !== null) {
    const plan = toUnits(facts.plannedThisMonth);
    const limit = BigInt(Math.round(rules.farFromPlanRatio * 1000));
    const distance = investment > plan ? investment - plan : plan - investment;
    if (plan > 0n && distance * 1000n > plan * limit) warnings.push('farFromPlan');
  }
  if (warnings.length && !facts.explanation?.trim()) {
    errors.push({ field: 'explanation', key: 'report.explanationRequired', params: { warnings: warnings.join(',') } });
  }
  return { errors, warnings };
}

/** The fields a unit must type per project-month: only the month's investment (the texts are optional, figures derived). */
export const REQUIRED_FIELDS_PER_ROW = 1;
