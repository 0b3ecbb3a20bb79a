import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Empty, Form, Input, Popconfirm, Row, Select, Space, Table, Tag, Tree, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { UNIT_KINDS, type Unit, type UnitKind } from '../../../../src/contracts/index.js';
import { api, type UnitFilter } from '../../api/endpoints';
import { useFeedback } from '../../api/feedback-provider';
import { useCan } from '../../app/session';
import { LoadError } from '../../components/LoadError';
import { PageContainer } from '../../components/PageContainer';
import { SearchBar, StatusSelect, type StatusValue, statusToBoolean } from '../../components/SearchBar';
import { StatusTag } from '../../components/StatusTag';
import { useT } from '../../i18n';
import { formatDateTime } from '../../lib/time';
import { useListState } from '../../lib/use-list-state';
import { UnitFormModal } from './UnitFormModal';
import { buildUnitTree, topLevelKeys, unitName } from './unit-tree';

interface SearchValues {
  q?: string;
  kind?: UnitKind;
  isActive?: StatusValue;
}

export const UNITS_KEY = ['units'] as const;

export default function UnitsPage() {
  const { t, locale } = useT();
  const can = useCan();
  const canManage = can('org.unit.manage');
  const queryClient = useQueryClient();
  const feedback = useFeedback();
  const { message } = App.useApp();
  const [searchForm] = Form.useForm<SearchValues>();
  const list = useListState<UnitFilter>({});
  const [parent, setParent] = useState<{ id: number; name: string } | null>(null);
  const [editing, setEditing] = useState<{ unit: Unit | null } | null>(null);

  const tree = useQuery({ queryKey: [...UNITS_KEY, 'tree'], queryFn: api.units.tree });
  const query = { ...list.filter, parentId: parent?.id, page: list.page, pageSize: list.pageSize };
  const units = useQuery({
    queryKey: [...UNITS_KEY, 'list', query],
    queryFn: () => api.units.list(query),
    placeholderData: keepPreviousData,
  });

  const treeData = useMemo(() => buildUnitTree(tree.data?.items ?? [], { locale }), [tree.data, locale]);
  const expanded = useMemo(() => topLevelKeys(treeData, 1), [treeData]);
  // The list carries the Chinese parent name only; the tree has both languages.
  const unitNames = useMemo(() => new Map((tree.data?.items ?? []).map((unit) => [unit.id, unitName(unit, locale)])), [tree.data, locale]);

  const refresh = () => queryClient.invalidateQueries({ queryKey: UNITS_KEY });
  const toggle = useMutation({
    mutationFn: (unit: Unit) => api.units.update(unit.id, { version: unit.version, isActive: !unit.isActive }),
    onSuccess: () => {
      message.success(t('common.done'));
      void refresh();
    },
    onError: (error) => feedback(error, { onConflict: () => void refresh() }),
  });

  if (units.error && !units.data) return <LoadError error={units.error} onRetry={() => void units.refetch()} />;

  return (
    <PageContainer
      title={t('units.title')}
      extra={
        canManage ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ unit: null })} data-testid="unit-create">
            {t('units.create')}
          </Button>
        ) : null
      }
    >
      <Row gutter={16}>
        <Col xs={24} md={8} xl={6}>
          <Card size="small" title={t('units.tree')} style={{ marginBottom: 16 }} loading={tree.isPending}>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              {t('units.treeHint')}
            </Typography.Paragraph>
            {treeData.length ? (
              <Tree
                data-testid="unit-tree"
                key={expanded.join(',')}
                treeData={treeData}
                defaultExpandedKeys={expanded}
                selectedKeys={parent ? [parent.id] : []}
                onSelect={(_keys, info) => {
                  const node = info.node as unknown as { key: number; title: string };
                  setParent(info.selected ? { id: node.key, name: node.title } : null);
                  list.setFilter(list.filter);
                }}
                style={{ maxHeight: 560, overflow: 'auto' }}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
            )}
          </Card>
        </Col>
        <Col xs={24} md={16} xl={18}>
          <SearchBar<SearchValues>
            form={searchForm}
            onSearch={(values) => list.setFilter({ q: values.q, kind: values.kind, isActive: statusToBoolean(values.isActive) })}
          >
            <Form.Item name="q" label={t('common.keyword')}>
              <Input allowClear placeholder={t('units.searchPlaceholder')} style={{ width: 200 }} data-testid="unit-search-q" />
            </Form.Item>
            <Form.Item name="kind" label={t('units.kind')}>
              <Select<UnitKind>
                allowClear
                placeholder={t('common.all')}
                style={{ width: 150 }}
                options={UNIT_KINDS.map((value) => ({ value, label: t(`unitKind.${value}`) }))}
              />
            </Form.Item>
            <Form.Item name="isActive" label={t('common.status')}>
              <StatusSelect />
            </Form.Item>
          </SearchBar>
          {parent ? (
            <Space style={{ marginBottom: 12 }}>
              <Tag color="processing" closable onClose={() => setParent(null)}>
                {t('units.filteredBy', { name: parent.name })}
              </Tag>
            </Space>
          ) : null}
          <Table<Unit>
            data-testid="unit-table"
            rowKey="id"
            loading={units.isFetching}
            dataSource={units.data?.items}
            scroll={{ x: 'max-content' }}
            pagination={{
              current: list.page,
              pageSize: list.pageSize,
              total: units.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (total) => t('common.total', { total }),
              onChange: list.setPage,
            }}
            columns={[
              {
                title: t('units.name'),
                key: 'name',
                width: 260,
                render: (_, unit) => (
                  <Space orientation="vertical" size={0}>
                    <span>{unitName(unit, locale)}</span>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {locale === 'en-US' ? unit.nameZh : unit.nameEn}
                    </Typography.Text>
                  </Space>
                ),
              },
              { title: t('units.code'), dataIndex: 'code', width: 100, render: (code: string | null) => code ?? '—' },
              { title: t('units.kind'), dataIndex: 'kind', width: 130, render: (kind: UnitKind) => <Tag>{t(`unitKind.${kind}`)}</Tag> },
              {
                title: t('units.parkLevel'),
                dataIndex: 'parkLevel',
                width: 100,
                render: (level: Unit['parkLevel']) => (level ? t(`parkLevel.${level}`) : '—'),
              },
              {
                title: t('units.parent'),
                key: 'parent',
                render: (_, unit) => (unit.parentId === null ? '—' : (unitNames.get(unit.parentId) ?? unit.parentName ?? '—')),
              },
              { title: t('units.childCount'), dataIndex: 'childCount', width: 90, align: 'right' },
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
                      render: (_: unknown, unit: Unit) => (
                        <Space>
                          <Typography.Link onClick={() => setEditing({ unit })}>{t('common.edit')}</Typography.Link>
                          {unit.kind === 'city' ? null : (
                            <Popconfirm
                              title={t(unit.isActive ? 'common.confirmDisable' : 'common.confirmEnable', { name: unitName(unit, locale) })}
                              okText={t('common.confirm')}
                              cancelText={t('common.cancel')}
                              onConfirm={() => toggle.mutateAsync(unit).catch(() => undefined)}
                            >
                              <Typography.Link type={unit.isActive ? 'danger' : undefined}>
                                {unit.isActive ? t('common.disable') : t('common.enable')}
                              </Typography.Link>
                            </Popconfirm>
                          )}
                        </Space>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </Col>
      </Row>
      {editing ? (
        <UnitFormModal
          unit={editing.unit}
          treeItems={tree.data?.items ?? []}
          {...(parent ? { defaultParentId: parent.id } : {})}
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
