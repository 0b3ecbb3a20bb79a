import { QrcodeOutlined, ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, type ButtonProps, Empty, Flex, Input, Popconfirm, Select, Space, Table } from 'antd';
import { useState } from 'react';
import type { EnterpriseCode } from '../../../../src/contracts/index.js';
import { useFeedback } from '../../api/feedback-provider';
import { LoadError } from '../../components/LoadError';
import { PageContainer } from '../../components/PageContainer';
import { useT } from '../../i18n';
import { useListState } from '../../lib/use-list-state';
import { formatDateTime } from '../../lib/time';
import { useUnitLabel } from '../projects/shared/hooks';
import { CodeModal } from './CodeModal';
import { fromYesNo, toYesNo, type YesNo } from './inspections';
import { type CodeFilter, inspectionsApi } from './inspections-api';

/**
 * 企业码管理 (the city's office): every enterprise of the city with its code. Issuing a code
 * shows it to print; issuing a new one voids the old QR (a lost or copied code).
 */
export default function CodesPage() {
  const { t } = useT();
  const { message } = App.useApp();
  const feedback = useFeedback();
  const queryClient = useQueryClient();
  const unitOf = useUnitLabel();
  const list = useListState<CodeFilter>({});
  const [shown, setShown] = useState<EnterpriseCode | null>(null);
  const [chosen, setChosen] = useState<number[]>([]);

  const query = { ...list.filter, page: list.page, pageSize: list.pageSize };
  const codes = useQuery({
    queryKey: ['inspections', 'codes', 'list', query],
    queryFn: () => inspectionsApi.codes(query),
    placeholderData: keepPreviousData,
  });
  const issue = useMutation({
    mutationFn: (code: EnterpriseCode) => inspectionsApi.issueCode(code.enterpriseId),
    onSuccess: (code, before) => {
      message.success(t(before.token ? 'inspections.codes.reissued' : 'inspections.codes.issued'));
      void queryClient.invalidateQueries({ queryKey: ['inspections', 'codes'] });
      // Straight to the new code: it is what gets printed next.
      setShown(code);
    },
    onError: (error) => feedback(error),
  });
  const issueChosen = useMutation({
    mutationFn: () => inspectionsApi.issueCodes(chosen),
    onSuccess: (answer) => {
      message.success(t('inspections.codes.batchIssued', { issued: answer.issued, kept: answer.kept }));
      setChosen([]);
      void queryClient.invalidateQueries({ queryKey: ['inspections', 'codes'] });
    },
    onError: (error) => feedback(error),
  });
  if (codes.error && !codes.data) return <LoadError error={codes.error} onRetry={() => void codes.refetch()} />;
  const issuing = (code: EnterpriseCode) => issue.isPending && issue.variables?.enterpriseId === code.enterpriseId;

  return (
    <PageContainer title={t('inspections.codes.title')}>
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          style={{ width: 280 }}
          placeholder={t('inspections.codes.searchPlaceholder')}
          onSearch={(q) => list.setFilter({ ...list.filter, q: q.trim() || undefined })}
          data-testid="code-search"
        />
        <Select<YesNo>
          allowClear
          style={{ width: 140 }}
          placeholder={t('inspections.codes.allStatuses')}
          value={toYesNo(list.filter.issued)}
          onChange={(value) => list.setFilter({ ...list.filter, issued: fromYesNo(value) })}
          options={[
            { value: 'yes', label: t('inspections.codes.issuedStatus') },
            { value: 'no', label: t('inspections.codes.notIssuedStatus') },
          ]}
          data-testid="code-filter-issued"
        />
        <Button
          type="primary"
          icon={<QrcodeOutlined />}
          disabled={chosen.length === 0}
          loading={issueChosen.isPending}
          onClick={() => issueChosen.mutate()}
          data-testid="code-issue-chosen"
        >
          {t('inspections.codes.issueChosen', { count: chosen.length })}
        </Button>
      </Flex>
      <Table<EnterpriseCode>
        data-testid="code-table"
        rowKey="enterpriseId"
        size="middle"
        loading={codes.isFetching}
        dataSource={codes.data?.items ?? []}
        // Only enterprises without a code are chosen for a batch (a re-issue voids a printed QR).
        rowSelection={{
          selectedRowKeys: chosen,
          onChange: (keys) => setChosen(keys.map(Number)),
          getCheckboxProps: (code) => ({ disabled: code.token !== null }),
        }}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('inspections.codes.none')} /> }}
        pagination={{
          current: list.page,
          pageSize: list.pageSize,
          total: codes.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: list.setPage,
        }}
        columns={[
          { title: t('inspections.enterprise'), dataIndex: 'enterpriseName' },
          { title: t('inspections.uscc'), dataIndex: 'uscc' },
          { title: t('inspections.codes.unit'), dataIndex: 'unitId', render: (id: number) => unitOf(id) },
          {
            title: t('common.status'),
            key: 'status',
            render: (_, code) => (
              <span data-testid={`code-status-${code.enterpriseId}`} data-issued={code.token ? 'true' : 'false'}>
                <Badge
                  status={code.token ? 'success' : 'default'}
                  text={code.token ? t('inspections.codes.issuedStatus') : t('inspections.codes.notIssuedStatus')}
                />
              </span>
            ),
          },
          { title: t('inspections.codes.issuedAt'), dataIndex: 'issuedAt', render: (at: string | null) => formatDateTime(at) || '—' },
          { title: t('inspections.codes.issueCount'), dataIndex: 'issueCount', align: 'right' },
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right',
            render: (_, code) =>
              code.token ? (
                <Space size={4}>
                  <Button
                    size="small"
                    icon={<QrcodeOutlined />}
                    onClick={() => setShown(code)}
                    data-testid={`code-view-${code.enterpriseId}`}
                  >
                    {t('inspections.codes.view')}
                  </Button>
                  <Popconfirm
                    title={t('inspections.codes.reissueConfirm', { name: code.enterpriseName })}
                    description={<div style={{ maxWidth: 320 }}>{t('inspections.codes.reissueConfirmDetail')}</div>}
                    okText={t('inspections.codes.reissue')}
                    cancelText={t('common.cancel')}
                    okButtonProps={{ danger: true, 'data-testid': 'code-reissue-ok' } as ButtonProps}
                    onConfirm={() => issue.mutateAsync(code).catch(() => undefined)}
                  >
                    <Button size="small" icon={<ReloadOutlined />} loading={issuing(code)} data-testid={`code-issue-${code.enterpriseId}`}>
                      {t('inspections.codes.reissue')}
                    </Button>
                  </Popconfirm>
                </Space>
              ) : (
                <Button
                  size="small"
                  type="primary"
                  icon={<QrcodeOutlined />}
                  loading={issuing(code)}
                  onClick={() => issue.mutate(code)}
                  data-testid={`code-issue-${code.enterpriseId}`}
                >
                  {t('inspections.codes.issue')}
                </Button>
              ),
          },
        ]}
      />
      {shown?.token ? <CodeModal code={shown} token={shown.token} onClose={() => setShown(null)} /> : null}
    </PageContainer>
  );
}
