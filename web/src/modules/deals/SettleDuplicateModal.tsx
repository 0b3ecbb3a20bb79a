import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Empty, Modal, Radio, Space, Spin, Table, Tag } from 'antd';
import { useState } from 'react';
import type { Deal } from '../../../../src/contracts/index.js';
import { api } from '../../api/endpoints';
import { useFeedback } from '../../api/feedback-provider';
import { useT } from '../../i18n';
import { DealStageTag } from '../projects/labels';
import { useUnitLabel } from '../projects/shared/hooks';
import { formatMoney } from '../projects/shared/money';
import { DuplicateBadge, LateFilingBadge } from './badges';
import { DEALS_KEY } from './options';

/**
 * 裁定重复 (city operator): the filings of the same investor and project by different units;
 * the one kept counts, the others are excluded. The group is the server's (same investor and
 * project key), which checks the choice against it again on saving.
 */
export function SettleDuplicateModal({ deal, onClose, onDone }: { deal: Deal; onClose: () => void; onDone: (deal: Deal) => void }) {
  const { t, locale } = useT();
  const { message } = App.useApp();
  const feedback = useFeedback();
  const unitOf = useUnitLabel();
  const [keep, setKeep] = useState<number>(deal.id);
  const group = useQuery({ queryKey: [...DEALS_KEY, 'duplicates', deal.id], queryFn: () => api.deals.duplicates(deal.id) });
  const candidates = group.data?.items ?? [];

  const settle = useMutation({
    mutationFn: () => api.deals.settleDuplicate(deal.id, keep),
    onSuccess: (saved) => {
      message.success(t('settle.done'));
      onDone(saved);
    },
    onError: (error) => feedback(error),
  });

  return (
    <Modal
      open
      title={t('settle.title', { name: deal.projectName })}
      okText={t('settle.keep')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: candidates.length < 2, 'data-testid': 'settle-submit' }}
      confirmLoading={settle.isPending}
      onOk={() => settle.mutate()}
      onCancel={onClose}
      destroyOnHidden
      width={920}
    >
      <Alert type="info" showIcon title={t('settle.hint')} style={{ marginBottom: 12 }} />
      {group.isPending ? (
        <Spin />
      ) : candidates.length < 2 ? (
        <Empty description={t('settle.none')} />
      ) : (
        <Radio.Group value={keep} onChange={(event) => setKeep(event.target.value as number)} style={{ width: '100%' }}>
          <Table<Deal>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={candidates}
            data-testid="settle-table"
            scroll={{ x: 'max-content' }}
            columns={[
              {
                title: t('settle.keep'),
                key: 'keep',
                width: 70,
                render: (_, other) => <Radio value={other.id} data-testid={`settle-option-${other.id}`} />,
              },
              {
                title: '#',
                dataIndex: 'id',
                width: 90,
                render: (id: number) => (
                  <Space size={4}>
                    {id}
                    {id === deal.id ? <Tag>{t('settle.this')}</Tag> : null}
                  </Space>
                ),
              },
              { title: t('dealField.unitId'), key: 'unit', render: (_, other) => unitOf(other.unitId, other.unitName) },
              { title: t('dealField.investorName'), dataIndex: 'investorName' },
              { title: t('dealField.contractedAmount'), dataIndex: 'contractedAmount', render: (v: string) => formatMoney(v, locale) },
              { title: t('dealField.signedOn'), dataIndex: 'signedOn' },
              {
                title: t('dealField.filedOn'),
                key: 'filed',
                render: (_, other) => (
                  <Space size={4}>
                    {other.filedOn}
                    <LateFilingBadge deal={other} />
                  </Space>
                ),
              },
              { title: t('dealField.stage'), dataIndex: 'stage', render: (stage: string) => <DealStageTag stage={stage} /> },
              {
                title: t('dealField.duplicateStatus'),
                dataIndex: 'duplicateStatus',
                render: (s: Deal['duplicateStatus']) => <DuplicateBadge status={s} />,
              },
            ]}
          />
        </Radio.Group>
      )}
    </Modal>
  );
}
