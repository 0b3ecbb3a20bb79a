import { Form, Input, Segmented, Tag, Tooltip } from 'antd';
import {
  COMPETITION_LIMITS,
  COMPETITION_PERIODS,
  type CompetitionPeriod,
  type CompetitionStatus,
  type CompetitionUnitResult,
  shanghaiDate,
} from '../../../../src/contracts/index.js';
import { useT } from '../../i18n';
import { hasStarted } from './competition';

export const SCHEME_STATUS_COLORS: Record<CompetitionStatus, string> = { draft: 'default', active: 'success' };

/** 草稿 / 已启用. */
export function SchemeStatusTag({ status }: { status: CompetitionStatus }) {
  const { t } = useT();
  return (
    <Tag color={SCHEME_STATUS_COLORS[status]} data-testid="scheme-status" data-status={status}>
      {t(`competition.status.${status}`)}
    </Tag>
  );
}

type Band = NonNullable<CompetitionUnitResult['band']>;

/** 表扬 (the first places, green) / 警示 (the last ones, red); nothing between. */
export function BandTag({ band, unitId }: { band: CompetitionUnitResult['band']; unitId: number }) {
  const { t } = useT();
  if (!band) return null;
  const colors: Record<Band, string> = { reward: 'success', warning: 'error' };
  return (
    <Tag color={colors[band]} data-testid={`band-${unitId}`} data-band={band}>
      {t(`competition.band.${band}`)}
    </Tag>
  );
}

/**
 * 一季度 … 四季度 · 全年. A period that has not begun cannot be picked: the platform has no data
 * for it yet (the server refuses it too).
 */
export function PeriodPicker({
  year,
  value,
  onChange,
  testId,
}: {
  year: number;
  value: CompetitionPeriod;
  onChange: (period: CompetitionPeriod) => void;
  testId: string;
}) {
  const { t } = useT();
  const today = shanghaiDate(new Date());
  return (
    <Segmented<CompetitionPeriod>
      value={value}
      onChange={onChange}
      data-testid={testId}
      options={COMPETITION_PERIODS.map((period) => {
        const started = hasStarted(year, period, today);
        const label = t(`competition.period.${period}`);
        return {
          value: period,
          disabled: !started,
          label: started ? label : <Tooltip title={t('competition.periodNotStarted')}>{label}</Tooltip>,
        };
      })}
    />
  );
}

/** The evidence of an entered value or a bonus/penalty item (a document number, a report): required, limited. */
export function EvidenceField({ testId }: { testId: string }) {
  const { t } = useT();
  return (
    <Form.Item name="evidence" label={t('competition.evidence')} required>
      <Input.TextArea
        rows={3}
        maxLength={COMPETITION_LIMITS.evidenceMax}
        showCount
        placeholder={t('competition.evidenceHint')}
        data-testid={testId}
      />
    </Form.Item>
  );
}
