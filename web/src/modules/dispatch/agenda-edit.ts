import type { AgendaItem, AgendaItemInput, AgendaItemKind, AgendaReason } from '../../../../src/contracts/index.js';

/**
 * The agenda of a new meeting as the operator edits it before saving: the proposal's items
 * (red/yellow projects, overdue problems, tasks carried over) plus free items, in order.
 */
export interface DraftAgendaItem {
  /** Stable row key while editing (positions change when rows move). */
  key: string;
  kind: AgendaItemKind;
  projectId: number | null;
  projectName: string | null;
  problemId: number | null;
  title: string;
  reason: AgendaReason;
  detail: string | null;
  carriedFromMeetingId: number | null;
}

/** The proposal as editable rows, in the proposed order. */
export function draftFromProposal(items: readonly AgendaItem[]): DraftAgendaItem[] {
  return items.map((item) => ({
    key: `p${item.position}`,
    kind: item.kind,
    projectId: item.projectId,
    projectName: item.projectName,
    problemId: item.problemId,
    title: item.title,
    reason: item.reason,
    detail: item.detail,
    carriedFromMeetingId: item.carriedFromMeetingId,
  }));
}

/**
 * Items carried over from the last meeting stay on the agenda until their task is settled:
 * the server adds them back whatever the operator sends, so they cannot be removed here.
 */
export function isRemovable(item: DraftAgendaItem): boolean {
  return item.reason !== 'carried';
}

export function removeItem(items: readonly DraftAgendaItem[], key: string): DraftAgendaItem[] {
  return items.filter((item) => item.key !== key || !isRemovable(item));
}

/** Move a row one place up (-1) or down (+1); at either end nothing changes. */
export function moveItem(items: readonly DraftAgendaItem[], key: string, delta: -1 | 1): DraftAgendaItem[] {
  const from = items.findIndex((item) => item.key === key);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= items.length) return [...items];
  const next = [...items];
  const [moved] = next.splice(from, 1);
  next.splice(to, 0, moved!);
  return next;
}

/** A key not yet used by any row. */
export function nextFreeKey(items: readonly DraftAgendaItem[]): string {
  const used = new Set(items.map((item) => item.key));
  let n = items.length;
  while (used.has(`m${n}`)) n += 1;
  return `m${n}`;
}

/** Add a free item (kind other, reason manual) at the end; blank titles are ignored. */
export function addFreeItem(items: readonly DraftAgendaItem[], title: string, detail?: string): DraftAgendaItem[] {
  const text = title.trim();
  if (!text) return [...items];
  return [
    ...items,
    {
      key: nextFreeKey(items),
      kind: 'other',
      projectId: null,
      projectName: null,
      problemId: null,
      title: text,
      reason: 'manual',
      detail: detail?.trim() || null,
      carriedFromMeetingId: null,
    },
  ];
}

/** The rows as the request's agenda (positions follow the order). */
export function toAgendaInputs(items: readonly DraftAgendaItem[]): AgendaItemInput[] {
  return items.map((item) => ({
    kind: item.kind,
    projectId: item.projectId,
    problemId: item.problemId,
    title: item.title,
    reason: item.reason,
    detail: item.detail,
    carriedFromMeetingId: item.carriedFromMeetingId,
  }));
}

/** How many rows of each reason, for the summary above the editor. */
export function countByReason(items: readonly { reason: AgendaReason }[]): Record<AgendaReason, number> {
  const counts: Record<AgendaReason, number> = { red: 0, yellow: 0, overdue: 0, carried: 0, manual: 0 };
  for (const item of items) counts[item.reason] += 1;
  return counts;
}

/** Drop every removable row of one reason at once (e.g. all yellow projects); carried rows stay. */
export function removeByReason(items: readonly DraftAgendaItem[], reason: AgendaReason): DraftAgendaItem[] {
  return items.filter((item) => item.reason !== reason || !isRemovable(item));
}
