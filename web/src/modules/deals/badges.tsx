import { CheckCircleFilled, CloseCircleFilled, QuestionCircleFilled } from '@ant-design/icons';
import { Flex, Tag, Tooltip, Typography } from 'antd';
import { type Deal, type DuplicateStatus, isMessageKey, type ThreeQuantities, translate } from '../../../../src/contracts/index.js';
import { useT } from '../../i18n';

const DUPLICATE_COLORS: Record<DuplicateStatus, string> = { none: 'default', flagged: 'orange', kept: 'green', excluded: 'default' };

export function DuplicateBadge({ status }: { status: DuplicateStatus }) {
  const { t } = useT();
  if (status === 'none') return null;
  return (
    <Tag color={DUPLICATE_COLORS[status]} data-testid={`duplicate-${status}`}>
      {t(`duplicate.${status}`)}
    </Tag>
  );
}

export function LateFilingBadge({ deal }: { deal: Pick<Deal, 'isLateFiling' | 'filingDelayDays'> }) {
  const { t } = useT();
  if (!deal.isLateFiling) return null;
  return (
    <Tag color="red" data-testid="late-filing">
      {t('deals.lateDays', { days: deal.filingDelayDays })}
    </Tag>
  );
}

const STATUS_ICONS = {
  passed: <CheckCircleFilled style={{ color: '#52c41a' }} />,
  failed: <CloseCircleFilled style={{ color: '#ff4d4f' }} />,
  unknown: <QuestionCircleFilled style={{ color: '#bfbfbf' }} />,
};

/** The reason of one dimension, translated here from its message key and parameters. */
export function useThreeQuantityReason() {
  const { locale } = useT();
  return (item: ThreeQuantities['items'][number]) =>
    isMessageKey(item.reason) ? translate(locale, item.reason, item.params) : item.reason;
}

const NO_WRAP = { whiteSpace: 'nowrap', flexShrink: 0 } as const;

/** One line per dimension: icon, name, status and the reason. */
export function ThreeQuantityList({ value }: { value: ThreeQuantities }) {
  const { t } = useT();
  const reason = useThreeQuantityReason();
  return (
    <Flex vertical gap={6} data-testid="three-quantities">
      {value.items.map((item) => (
        <Flex key={item.dimension} gap={8} align="baseline" data-testid={`tq-${item.dimension}`} data-status={item.status}>
          {STATUS_ICONS[item.status]}
          <Typography.Text strong style={NO_WRAP}>
            {t(`tq.${item.dimension}`)}
          </Typography.Text>
          <Typography.Text type={item.status === 'failed' ? 'danger' : item.status === 'unknown' ? 'secondary' : undefined} style={NO_WRAP}>
            {t(`tq.${item.status}`)}
          </Typography.Text>
          <Typography.Text type="secondary">{reason(item)}</Typography.Text>
        </Flex>
      ))}
    </Flex>
  );
}

/** "2 / 3" with the dimensions in a tooltip. */
export function ThreeQuantityScore({ value }: { value: ThreeQuantities }) {
  const { t } = useT();
  const reason = useThreeQuantityReason();
  const color = value.score === value.max ? 'green' : value.score === 0 ? 'default' : 'blue';
  return (
    <Tooltip
      title={
        <div>
          {value.items.map((item) => (
            <div key={item.dimension}>
              {t(`tq.${item.dimension}`)} · {t(`tq.${item.status}`)} · {reason(item)}
            </div>
          ))}
        </div>
      }
    >
      <Tag color={color} data-testid="tq-score">
        {t('tq.score', { score: value.score, max: value.max })}
      </Tag>
    </Tooltip>
  );
}
