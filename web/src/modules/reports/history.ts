import type { z } from 'zod';
import type { ReportHistorySchema } from '../../../../src/contracts/index.js';

type History = z.infer<typeof ReportHistorySchema>;
export type HistoryEvent =
  | { type: 'version'; at: string; version: History['versions'][number] }
  | { type: 'return'; at: string; reason: string; by: string | null };

/** Versions and returns of a project-month on one time line, newest first (a return after the version it sent back). */
export function mergeHistory(history: History): HistoryEvent[] {
  const events: HistoryEvent[] = [
    ...history.versions.map((version) => ({ type: 'version' as const, at: version.submittedAt, version })),
    ...history.returns.map((r) => ({ type: 'return' as const, at: r.returnedAt, reason: r.reason, by: r.returnedBy })),
  ];
  return events.sort((a, b) => {
    if (a.at !== b.at) return a.at < b.at ? 1 : -1;
    if (a.type === b.type) return a.type === 'version' && b.type === 'version' ? b.version.version - a.version.version : 0;
    return a.type === 'return' ? -1 : 1;
  });
}
