import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Space, Table, Tag } from 'antd';
import { Link } from 'react-router';
import type { Deal } from '../../../../src/contracts/index.js';
import { api } from '../../api/endpoints';
import { LoadError } from '../../components/LoadError';
import { useT } from '../../i18n';
import { useUnitLabel } from '../projects/shared/hooks';
import { formatMoney } from '../projects/shared/money';
import { DuplicateBadge } from './badges';
import { DEALS_KEY } from './options';

/**
 * 重复备案: the other filings of the same investor and project, as far as the user's
 * jurisdiction reaches (a county sees that its filing is flagged, the city sees the group).
 */
export function DuplicateGroupCard({ deal }: { deal: Deal }) {
  const { t, locale } = useT();
  const unitOf = useUnitLabel();
  const group = useQuery({ queryKey: [...DEALS_KEY, 'duplicates', deal.id], queryFn: () => api.deals.duplicates(deal.id) });
  const others = (group.data?.items ?? []).filter((other) => other.id !== deal.id);
  return (
    <Card title={t('deals.duplicateGroup')} data-testid="deal-duplicates">
      {group.error ? (
        <LoadError error={group.error} onRetry={() => void group.refetch()} />
      ) : (
        <Table<Deal>
          size="small"
          rowKey="id"
          pagination={false}
          loading={group.isPending}
          dataSource={others}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('deals.duplicateOutside')} /> }}
          columns={[
            {
              title: '#',
              dataIndex: 'id',
              render: (id: number, other) => (
                <Space size={4}>
                  <Link to={`/deals/${id}`}>{id}</Link>
                  {other.duplicateStatus === 'kept' ? <Tag color="green">{t('settle.keep')}</Tag> : null}
                </Space>
              ),
            },
            { title: t('dealField.unitId'), key: 'unit', render: (_, other) => unitOf(other.unitId, other.unitName) },
            { title: t('dealField.filedOn'), dataIndex: 'filedOn' },
            { title: t('dealField.contractedAmount'), dataIndex: 'contractedAmount', render: (v: string) => formatMoney(v, locale) },
            {
              title: t('dealField.duplicateStatus'),
              dataIndex: 'duplicateStatus',
              render: (s: Deal['duplicateStatus']) => <DuplicateBadge status={s} />,
            },
          ]}
        />
      )}
    </Card>
  );
}
