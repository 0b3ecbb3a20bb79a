import { Tag } from 'antd';
import type { ITEM_STATUSES, LetterKind } from '../../../../src/contracts/index.js';
import { useT } from '../../i18n';

type ItemStatus = (typeof ITEM_STATUSES)[number];

export const ITEM_STATUS_COLORS: Record<ItemStatus, string> = {
  pending: 'processing',
  fulfilled: 'success',
  late: 'warning',
  missed: 'error',
};

/** 进行中 / 已兑现 / 逾期兑现 / 未兑现. */
export function ItemStatusTag({ status }: { status: ItemStatus }) {
  const { t } = useT();
  return (
    <Tag color={ITEM_STATUS_COLORS[status]} data-testid="item-status" data-status={status}>
      {t(`itemStatus.${status}`)}
    </Tag>
  );
}

export function LetterStatusTag({ status }: { status: 'draft' | 'signed' }) {
  const { t } = useT();
  return <Tag color={status === 'signed' ? 'green' : 'default'}>{t(`letterStatus.${status}`)}</Tag>;
}

export function LetterKindTag({ kind }: { kind: LetterKind }) {
  const { t } = useT();
  return <Tag color={kind === 'safety' ? 'volcano' : 'blue'}>{t(`letterKind.${kind}`)}</Tag>;
}
