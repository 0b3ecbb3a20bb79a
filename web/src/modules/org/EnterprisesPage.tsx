import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Popconfirm, Space, Table, TreeSelect, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { Enterprise } from '../../../../src/contracts/index.js';
import { api, type EnterpriseFilter } from '../../api/endpoints';
import { useFeedback } from '../../api/feedback-provider';
import { useCan } from '../../app/session';
import { LoadError } from '../../components/LoadError';
import { PageContainer } from '../../components/PageContainer';
import { SearchBar, StatusSelect, type StatusValue, statusToBoolean } from '../../components/SearchBar';
import { StatusTag } from '../../components/StatusTag';
import { useT } from '../../i18n';
import { formatDateTime } from '../../lib/time';
import { useListState } from '../../lib/use-list-state';
import { EnterpriseFormModal } from './EnterpriseFormModal';
import { buildUnitTree, unitName } from './unit-tree';

interface SearchValues {
  q?: string;
  unitId?: number;
  isActive?: StatusValue;
}

const ENTERPRISES_KEY = ['enterprises'] as const;

export default function EnterprisesPage() {
  const { t, locale } = useT();
  const can = useCan();
  const canManage = can('org.enterprise.manage');
  const canReadUnits = can('org.unit.read');
  const queryClient = useQueryClient();
  const feedback = useFeedback();
  const { message } = App.useApp();
  const [searchForm] = Form.useForm<SearchValues>();
  const list = useListState<EnterpriseFilter>({});
  const [editing, setEditing] = useState<{ enterprise: Enterprise | null } | null>(null);

  const tree = useQuery({ queryKey: ['units', 'tree'], queryFn: api.units.tree, enabled: canReadUnits });
  const unitTree = useMemo(() => buildUnitTree(tree.data?.items ?? [], { locale }), [tree.data, locale]);
  // The list carries the Chinese unit name only; the tree (when readable) has both languages.
  const unitNames = useMemo(() => new Map((tree.data?.items ?? []).map((unit) => [unit.id, unitName(unit, locale)])), [tree.data, locale]);
  const query = { ...list.filter, page: list.page, pageSize: list.pageSize };
  const enterprises = useQuery({
    queryKey: [...ENTERPRISES_KEY, 'list', query],
    queryFn: () => api.enterprises.list(query),
    placeholderData: keepPreviousData,
  });

  const refresh = () => queryClient.invalidateQueries({ queryKey: ENTERPRISES_KEY });
  const toggle = useMutation({
    mutationFn: (enterprise: Enterprise) =>
      api.enterprises.update(enterprise.id, { version: enterprise.version, isActive: !enterprise.isActive }),
    onSuccess: () => {
      message.success(t('common.done'));
      void refresh();
    },
    onError: (error) => feedback(error, { onConflict: () => void refresh() }),
  });

  if (enterprises.error && !enterprises.data) return <LoadError error={enterprises.error} onRetry={() => void enterprises.refetch()} />;

  return (
    <PageContainer
      title={t('enterprises.title')}
      extra={
        canManage ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ enterprise: null })} data-testid="enterprise-create">
            {t('enterprises.create')}
          </Button>
        ) : null
      }
    >
      <SearchBar<SearchValues>
        form={searchForm}
        onSearch={(values) => list.setFilter({ q: values.q, unitId: values.unitId, isActive: statusToBoolean(values.isActive) })}
      >
        <Form.Item name="q" label={t('common.keyword')}>
          <Input allowClear placeholder={t('enterprises.searchPlaceholder')} style={{ width: 240 }} data-testid="enterprise-search-q" />
        </Form.Item>
        {canReadUnits ? (
          <Form.Item name="unitId" label={t('enterprises.unit')}>
            <TreeSelect
              allowClear
              showSearch={{ treeNodeFilterProp: 'title' }}
              placeholder={t('common.all')}
              treeData={unitTree}
              style={{ width: 240 }}
              listHeight={360}
            />
          </Form.Item>
        ) : null}
        <Form.Item name="isActive" label={t('common.status')}>
          <StatusSelect />
        </Form.Item>
      </SearchBar>
      <Table<Enterprise>
        data-testid="enterprise-table"
        rowKey="id"
        loading={enterprises.isFetching}
        dataSource={enterprises.data?.items}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: list.page,
          pageSize: list.pageSize,
          total: enterprises.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: list.setPage,
        }}
        columns={[
          { title: t('enterprises.name'), dataIndex: 'name' },
          {
            title: t('enterprises.uscc'),
            dataIndex: 'uscc',
            width: 220,
            render: (uscc: string) => (
              <Typography.Text copyable style={{ fontFamily: 'monospace' }}>
                {uscc}
              </Typography.Text>
            ),
          },
          { title: t('enterprises.unit'), key: 'unit', render: (_, enterprise) => unitNames.get(enterprise.unitId) ?? enterprise.unitName },
          {
            title: t('common.status'),
            dataIndex: 'isActive',
            width: 110,
            render: (isActive: boolean) => <StatusTag isActive={isActive} />,
          },
          { title: t('common.updatedAt'), dataIndex: 'updatedAt', width: 170, render: (value: string) => formatDateTime(value) },
          ...(canManage
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 130,
                  fixed: 'right' as const,
                  render: (_: unknown, enterprise: Enterprise) => (
                    <Space>
                      <Typography.Link onClick={() => setEditing({ enterprise })}>{t('common.edit')}</Typography.Link>
                      <Popconfirm
                        title={t(enterprise.isActive ? 'common.confirmDisable' : 'common.confirmEnable', { name: enterprise.name })}
                        okText={t('common.confirm')}
                        cancelText={t('common.cancel')}
                        onConfirm={() => toggle.mutateAsync(enterprise).catch(() => undefined)}
                      >
                        <Typography.Link type={enterprise.isActive ? 'danger' : undefined}>
                          {enterprise.isActive ? t('common.disable') : t('common.enable')}
                        </Typography.Link>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing ? (
        <EnterpriseFormModal
          enterprise={editing.enterprise}
          unitTree={canReadUnits ? (tree.data?.items ?? []) : null}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void refresh();
          }}
        />
      ) : null}
    </PageContainer>
  );
}
