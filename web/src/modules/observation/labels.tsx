import { Tag } from 'antd';
import type { ObservationStatus } from '../../../../src/contracts/index.js';
import { useT } from '../../i18n';

export const TOUR_STATUS_COLORS: Record<ObservationStatus, string> = {
  draft: 'default',
  scoring: 'processing',
  closed: 'success',
};

/** 草稿 / 评分中 / 已结束. */
export function TourStatusTag({ status }: { status: ObservationStatus }) {
  const { t } = useT();
  return (
    <Tag color={TOUR_STATUS_COLORS[status]} data-testid="tour-status" data-status={status}>
      {t(`observation.status.${status}`)}
    </Tag>
  );
}

/** "2026 · Q2" or the year alone for a tour outside the quarterly rhythm. */
export function PeriodText({ year, quarter }: { year: number; quarter: number | null }) {
  const { t } = useT();
  return <>{quarter ? t('observation.yearQuarter', { year, quarter }) : t('observation.yearOnly', { year })}</>;
}
