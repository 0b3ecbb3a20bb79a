import { Tag } from 'antd';
import { EXEMPTION_FLAGS, type RunStatus } from '../../../../src/contracts/index.js';
import { useT } from '../../i18n';
import { classColor, RUN_STATUS_COLORS } from './evaluation-query';

/** A register flag: the built-in ones translated, a city's own key as it is. */
export function FlagTag({ flag }: { flag: string }) {
  const { t } = useT();
  const known = (EXEMPTION_FLAGS as readonly string[]).includes(flag);
  return <Tag>{known ? t(`evaluation.flag.${flag as (typeof EXEMPTION_FLAGS)[number]}`) : flag}</Tag>;
}

export function ClassTag({ code, testId }: { code: string | null | undefined; testId?: string }) {
  if (!code) return <span data-testid={testId}>—</span>;
  return (
    <Tag color={classColor(code)} data-testid={testId} style={{ fontWeight: 600 }}>
      {code}
    </Tag>
  );
}

export function RunStatusTag({ status }: { status: RunStatus }) {
  const { t } = useT();
  return (
    <Tag color={RUN_STATUS_COLORS[status]} data-testid="run-status" data-status={status}>
      {t(`evaluation.runStatus.${status}`)}
    </Tag>
  );
}
