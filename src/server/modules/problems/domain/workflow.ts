import type { MessageKey, ProblemCommand, ProblemKind, ProblemStatus } from '../../../../contracts/index.js';

/**
 * The one workflow of problem-list items and enterprise appeals:
 *
 *   raised → assigned → in_progress → resolved → confirmed
 *                ↑            ↑            │          │
 *                └ (re)assign ┴── reopen ──┘          │ (appeals: reopen once, also after rating)
 *                                           ←─────────┘
 *
 * - assign: the city routes the item to a lead unit (again: re-routing or a new deadline);
 *   re-routing keeps `in_progress` when the lead unit stays the same.
 * - start: the lead unit accepts it (受理) and works on its measures.
 * - reply: a response to an appeal's enterprise (答复) while it is handled; no state change.
 * - resolve: the lead unit reports it done, with evidence.
 * - confirm: whoever raised it accepts the result (an enterprise rates it).
 * - reopen: whoever raised it sends it back with a reason; an appeal only once.
 * - escalate: the scheduler's supervision step; no state change.
 */
export interface ItemState {
  kind: ProblemKind;
  status: ProblemStatus;
  reopenCount: number;
}

/** How many times an appeal may be reopened (problems: no limit). */
export const APPEAL_REOPEN_LIMIT = 1;

const FROM: Record<Exclude<ProblemCommand, 'raise'>, readonly ProblemStatus[]> = {
  assign: ['raised', 'assigned', 'in_progress'],
  start: ['assigned'],
  reply: ['in_progress'],
  resolve: ['in_progress'],
  confirm: ['resolved'],
  reopen: ['resolved'],
  escalate: ['raised', 'assigned', 'in_progress'],
};

/** Why a command is refused in this state (a message key), or null when it is allowed. */
export function refusal(item: ItemState, command: Exclude<ProblemCommand, 'raise'>): MessageKey | null {
  if (command === 'reply' && item.kind !== 'appeal') return 'problem.status';
  if (command === 'reopen' && item.kind === 'appeal') {
    if (item.status !== 'resolved' && item.status !== 'confirmed') return 'problem.status';
    return item.reopenCount >= APPEAL_REOPEN_LIMIT ? 'problem.reopenLimit' : null;
  }
  return FROM[command].includes(item.status) ? null : 'problem.status';
}

/** The state after an allowed command. */
export function nextStatus(
  item: ItemState,
  command: Exclude<ProblemCommand, 'raise'>,
  options: { leadChanged?: boolean } = {},
): ProblemStatus {
  switch (command) {
    case 'assign':
      return item.status === 'in_progress' && !options.leadChanged ? 'in_progress' : 'assigned';
    case 'start':
      return 'in_progress';
    case 'resolve':
      return 'resolved';
    case 'confirm':
      return 'confirmed';
    case 'reopen':
      return 'in_progress';
    case 'reply':
    case 'escalate':
      return item.status;
  }
}

/** Open items wait for their lead unit; only these can be overdue or escalate. */
export function isOpen(status: ProblemStatus): boolean {
  return status === 'raised' || status === 'assigned' || status === 'in_progress';
}
