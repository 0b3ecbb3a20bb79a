import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Form, Input, Select, Space, Table, TreeSelect } from 'antd';
import { useMemo } from 'react';
import { EXEMPTION_FLAGS, type RegisterEntry, SCALES } from '../../../../src/contracts/index.js';
import { LoadError } from '../../components/LoadError';
import { PageContainer } from '../../components/PageContainer';
import { SearchBar } from '../../components/SearchBar';
import { useT } from '../../i18n';
import { useListState } from '../../lib/use-list-state';
import { formatDateTime } from '../../lib/time';
import { buildUnitTree, unitName } from '../org/unit-tree';
import { useIndustries, useUnitLabel, useUnitTree } from '../projects/shared/hooks';
import { IndustrySelect } from '../projects/shared/IndustrySelect';
import { industryLabel } from '../projects/shared/industry';
import { evaluationApi } from './evaluation-api';
import { type RegisterFilter, registerFilterFromForm } from './evaluation-query';
import { FlagTag } from './labels';

/** 评价名录: the enterprises evaluated each year, with their park, industry, scale, land and exemption flags. */
export default function RegisterPage() {
  const { t, locale } = useT();
  const [form] = Form.useForm<Record<string, unknown>>();
  const list = useListState<RegisterFilter>({});
  const units = useUnitTree();
  const unitOf = useUnitLabel();
  const industries = useIndustries();
  const unitTree = useMemo(() => buildUnitTree(units.items, { locale }), [units.items, locale]);
  const parks = useMemo(
    () => units.items.filter((u) => u.kind === 'park').map((u) => ({ value: u.id, label: unitName(u, locale) })),
    [units.items, locale],
  );

  const register = useQuery({
    queryKey: ['evaluation', 'register', list.filter, list.page, list.pageSize],
    queryFn: () => evaluationApi.register({ ...list.filter, page: list.page, pageSize: list.pageSize }),
    placeholderData: keepPreviousData,
  });
  if (register.error && !register.data) return <LoadError error={register.error} onRetry={() => void register.refetch()} />;

  return (
    <PageContainer title={t('evaluation.register.title')}>
      <SearchBar form={form} onSearch={(values) => list.setFilter(registerFilterFromForm(values))}>
        <Form.Item name="q" label={t('common.keyword')}>
          <Input allowClear placeholder={t('evaluation.register.qPlaceholder')} style={{ width: 220 }} data-testid="register-q" />
        </Form.Item>
        {units.enabled ? (
          <Form.Item name="unitId" label={t('evaluation.unit')}>
            <TreeSelect
              allowClear
              showSearch={{ treeNodeFilterProp: 'title' }}
              placeholder={t('common.all')}
              treeData={unitTree}
              style={{ width: 200 }}
              listHeight={360}
            />
          </Form.Item>
        ) : null}
        {parks.length ? (
          <Form.Item name="parkId" label={t('evaluation.park')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('common.all')}
              options={parks}
              style={{ width: 220 }}
            />
          </Form.Item>
        ) : null}
        <Form.Item name="industryCode" label={t('evaluation.industry')}>
          <IndustrySelect allowClear placeholder={t('common.all')} style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="scale" label={t('evaluation.scale')}>
          <Select
            allowClear
            placeholder={t('common.all')}
            style={{ width: 120 }}
            options={SCALES.map((value) => ({ value, label: t(`evaluation.scale.${value}`) }))}
          />
        </Form.Item>
        <Form.Item name="flag" label={t('evaluation.flags')}>
          <Select
            allowClear
            placeholder={t('common.all')}
            style={{ width: 160 }}
            options={EXEMPTION_FLAGS.map((value) => ({ value, label: t(`evaluation.flag.${value}`) }))}
          />
        </Form.Item>
      </SearchBar>
      <Table<RegisterEntry>
        data-testid="register-table"
        rowKey="enterpriseId"
        size="middle"
        loading={register.isFetching}
        dataSource={register.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: list.page,
          pageSize: list.pageSize,
          total: register.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: list.setPage,
        }}
        columns={[
          { title: t('evaluation.enterprise'), dataIndex: 'name', fixed: 'left' },
          { title: t('evaluation.uscc'), dataIndex: 'uscc' },
          {
            title: t('evaluation.unit'),
            key: 'unit',
            width: 200,
            ellipsis: true,
            render: (_, entry) => unitOf(entry.unitId, entry.unitName),
          },
          {
            title: t('evaluation.park'),
            key: 'park',
            width: 200,
            ellipsis: true,
            render: (_, entry) => (entry.parkId ? unitOf(entry.parkId, entry.parkName) : '—'),
          },
          {
            title: t('evaluation.industry'),
            dataIndex: 'industryCode',
            render: (code: string) => industryLabel(code, industries.data, locale),
          },
          { title: t('evaluation.scale'), dataIndex: 'scale', render: (scale: RegisterEntry['scale']) => t(`evaluation.scale.${scale}`) },
          { title: t('evaluation.register.landOwned'), dataIndex: 'landOwnedMu', align: 'right' },
          { title: t('evaluation.register.landLeased'), dataIndex: 'landLeasedMu', align: 'right' },
          {
            title: t('evaluation.register.startYear'),
            dataIndex: 'productionStartYear',
            render: (year: number | null) => year ?? '—',
          },
          {
            title: t('evaluation.flags'),
            dataIndex: 'flags',
            render: (flags: string[]) =>
              flags.length ? (
                <Space size={2} wrap>
                  {flags.map((flag) => (
                    <FlagTag key={flag} flag={flag} />
                  ))}
                </Space>
              ) : (
                '—'
              ),
          },
          { title: t('common.updatedAt'), dataIndex: 'updatedAt', render: (iso: string) => formatDateTime(iso) },
        ]}
      />
    </PageContainer>
  );
}
