import type { AuditResult } from '../../../../src/contracts/index.js';
import type { AuditFilter } from '../../api/endpoints';
import { cityWallTimeToIso } from '../../lib/time';

export interface AuditSearchText {
  /** Wall-clock times as picked (`YYYY-MM-DDTHH:mm:ss`), meant as Beijing time. */
  range?: readonly [string | null, string | null] | null;
  actor?: string;
  action?: string;
  result?: AuditResult;
  targetType?: string;
  targetId?: string;
  requestId?: string;
}

function text(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** The API filter for the search form: trimmed texts, empty ones dropped, times as ISO with +08:00. */
export function auditFilterFrom(values: AuditSearchText): AuditFilter {
  const filter: AuditFilter = {};
  const from = values.range?.[0] ? cityWallTimeToIso(values.range[0]) : null;
  const to = values.range?.[1] ? cityWallTimeToIso(values.range[1]) : null;
  if (from) filter.from = from;
  if (to) filter.to = to;
  const fields = ['actor', 'action', 'targetType', 'targetId', 'requestId'] as const;
  for (const field of fields) {
    const value = text(values[field]);
    if (value) filter[field] = value;
  }
  if (values.result) filter.result = values.result;
  return filter;
}

/** Prefixes offered in the action filter (the server matches the action by prefix). */
export function actionPrefixes(actions: readonly string[]): string[] {
  const prefixes = new Set<string>();
  for (const action of actions) {
    const parts = action.split('.');
    for (let i = 1; i < parts.length; i++) prefixes.add(`${parts.slice(0, i).join('.')}.`);
  }
  return [...prefixes].sort();
}
