import { Tag } from 'antd';
import type { AgendaItemKind, AgendaReason, ProblemStatus } from '../../../../src/contracts/index.js';
import { useT } from '../../i18n';

export const REASON_COLORS: Record<AgendaReason, string> = {
  red: 'red',
  yellow: 'gold',
  overdue: 'volcano',
  carried: 'purple',
  manual: 'default',
};

export const TASK_STATUS_COLORS: Record<ProblemStatus, string> = {
  raised: 'default',
  assigned: 'blue',
  in_progress: 'processing',
  resolved: 'green',
  confirmed: 'success',
};

/** Why an item is on the agenda: red/yellow light, overdue problem, carried over, added by hand. */
export function ReasonTag({ reason }: { reason: AgendaReason }) {
  const { t } = useT();
  return <Tag color={REASON_COLORS[reason]}>{t(`dispatch.reason.${reason}`)}</Tag>;
}

export function KindText({ kind }: { kind: AgendaItemKind }) {
  const { t } = useT();
  return <>{t(`dispatch.kind.${kind}`)}</>;
}

/** The state of a task's problem-list item. */
export function TaskStatusTag({ status }: { status: ProblemStatus }) {
  const { t } = useT();
  return (
    <Tag color={TASK_STATUS_COLORS[status]} data-testid={`task-status-${status}`}>
      {t(`dispatch.status.${status}`)}
    </Tag>
  );
}
