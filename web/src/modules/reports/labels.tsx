import { Tag } from 'antd';
import type { ReportStatus } from '../../../../src/contracts/index.js';
import { useT } from '../../i18n';

const STATUS_COLORS: Record<ReportStatus, string> = { missing: 'default', submitted: 'success', returned: 'error' };

/** 未报 / 已报 / 已退回. */
export function ReportStatusTag({ status }: { status: ReportStatus }) {
  const { t } = useT();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="report-status" data-status={status}>
      {t(`reportStatus.${status}`)}
    </Tag>
  );
}
