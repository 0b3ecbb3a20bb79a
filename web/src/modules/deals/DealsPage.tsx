import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Checkbox,
  DatePicker,
  Empty,
  Form,
  Input,
  Select,
  Space,
  Table,
  type TableProps,
  TreeSelect,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  codeLabel,
  DEAL_KINDS,
  DEAL_STAGES,
  type Deal,
  type DealKind,
  type DealStage,
  DUPLICATE_STATUSES,
  type DuplicateStatus,
} from '../../../../src/contracts/index.js';
import { api, type DealFilter, type DealSort } from '../../api/endpoints';
import { useFeedback } from '../../api/feedback-provider';
import { useCan } from '../../app/session';
import { LoadError } from '../../components/LoadError';
import { ExportButton } from '../../components/ExportButton';
import { PageContainer } from '../../components/PageContainer';
import { SearchBar } from '../../components/SearchBar';
import { useT } from '../../i18n';
import { buildUnitTree } from '../org/unit-tree';
import { DealStageTag } from '../projects/labels';
import { entryName, useIndustries, useRegistrySettings, useUnitLabel, useUnitTree } from '../projects/shared/hooks';
import { ImportButton } from '../projects/shared/ImportButton';
import { IndustrySelect } from '../projects/shared/IndustrySelect';
import { industryLabel } from '../projects/shared/industry';
import { formatAmount } from '../projects/shared/money';
import { DuplicateBadge, LateFilingBadge, ThreeQuantityScore } from './badges';
import { DealFormDrawer } from './DealFormDrawer';
import { dealParamsFromSearch, dealSearchFromParams } from './deal-query';
import { currentSearch } from '../../lib/url-params';
import { codeOptions, DEALS_KEY } from './options';

interface SearchValues {
  q?: string;
  unitId?: number;
  unitOnly?: boolean;
  stage?: DealStage;
  kind?: DealKind;
  source?: string;
  industryCode?: string;
  signedRange?: [Dayjs | null, Dayjs | null] | null;
  isLateFiling?: 'true' | 'false';
  duplicateStatus?: DuplicateStatus;
}

const SORTS: Record<string, { ascend?: DealSort; descend?: DealSort }> = {
  projectName: { ascend: 'projectName' },
  contractedAmount: { ascend: 'contractedAmount', descend: '-contractedAmount' },
  signedOn: { ascend: 'signedOn', descend: '-signedOn' },
};

function valuesOf(filter: DealFilter): SearchValues {
  return {
    q: filter.q,
    unitId: filter.unitId,
    unitOnly: filter.unitOnly,
    stage: filter.stage,
    kind: filter.kind,
    source: filter.source,
    industryCode: filter.industryCode,
    signedRange:
      filter.signedFrom || filter.signedTo
        ? [filter.signedFrom ? dayjs(filter.signedFrom) : null, filter.signedTo ? dayjs(filter.signedTo) : null]
        : null,
    isLateFiling: filter.isLateFiling === undefined ? undefined : filter.isLateFiling ? 'true' : 'false',
    duplicateStatus: filter.duplicateStatus,
  };
}

function filterOf(values: SearchValues): DealFilter {
  return {
    q: values.q?.trim() || undefined,
    unitId: values.unitId,
    unitOnly: values.unitId && values.unitOnly ? true : undefined,
    stage: values.stage,
    kind: values.kind,
    source: values.source,
    industryCode: values.industryCode,
    signedFrom: values.signedRange?.[0]?.format('YYYY-MM-DD'),
    signedTo: values.signedRange?.[1]?.format('YYYY-MM-DD'),
    isLateFiling: values.isLateFiling === undefined ? undefined : values.isLateFiling === 'true',
    duplicateStatus: values.duplicateStatus,
  };
}

/** 招商项目: the list reads its filters, order and page from the URL, so funnel figures can link to it. */
export default function DealsPage() {
  const { t, locale } = useT();
  const can = useCan();
  const canManage = can('deal.manage');
  const queryClient = useQueryClient();
  const feedback = useFeedback();
  const [searchForm] = Form.useForm<SearchValues>();
  const searchedUnit = Form.useWatch('unitId', searchForm);
  const [search, setSearch] = useSearchParams();
  const params = useMemo(() => dealParamsFromSearch(search), [search]);
  const [creating, setCreating] = useState(false);

  const units = useUnitTree();
  const unitOf = useUnitLabel();
  const unitTree = useMemo(() => buildUnitTree(units.items, { locale }), [units.items, locale]);
  const settings = useRegistrySettings();
  const industries = useIndustries();

  // The form shows what the URL says (a drill-down link, the back button).
  useEffect(() => {
    searchForm.resetFields();
    searchForm.setFieldsValue(valuesOf(params.filter));
  }, [params.filter, searchForm]);

  const query = { ...params.filter, sort: params.sort, page: params.page, pageSize: params.pageSize };
  const deals = useQuery({
    queryKey: [...DEALS_KEY, 'list', query],
    queryFn: () => api.deals.list(query),
    placeholderData: keepPreviousData,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: DEALS_KEY });

  const go = (next: Partial<typeof params>) => setSearch(dealSearchFromParams({ ...dealParamsFromSearch(currentSearch()), ...next }));

  const exportExcel = () => api.deals.export({ ...params.filter, sort: params.sort }, t('export.dealsName'));
  const template = useMutation({ mutationFn: () => api.deals.template(t('import.templateName')), onError: (error) => feedback(error) });

  if (deals.error && !deals.data) return <LoadError error={deals.error} onRetry={() => void deals.refetch()} />;

  const sortOrder = (column: string) => {
    const options = SORTS[column];
    if (options?.ascend === params.sort) return 'ascend' as const;
    if (options?.descend === params.sort) return 'descend' as const;
    return null;
  };
  const { reached, asOf } = params.filter;

  const columns: TableProps<Deal>['columns'] = [
    {
      title: t('dealField.projectName'),
      dataIndex: 'projectName',
      key: 'projectName',
      fixed: 'left',
      sorter: true,
      sortDirections: ['ascend'],
      sortOrder: sortOrder('projectName'),
      render: (name: string, deal) => <Link to={`/deals/${deal.id}`}>{name}</Link>,
    },
    { title: t('dealField.investorName'), dataIndex: 'investorName' },
    { title: t('dealField.unitId'), key: 'unit', render: (_, deal) => unitOf(deal.unitId, deal.unitName) },
    {
      title: t('dealField.contractedAmountWan'),
      dataIndex: 'contractedAmount',
      key: 'contractedAmount',
      align: 'right',
      sorter: true,
      sortOrder: sortOrder('contractedAmount'),
      render: (amount: string) => formatAmount(amount),
    },
    {
      title: t('dealField.signedOn'),
      dataIndex: 'signedOn',
      key: 'signedOn',
      sorter: true,
      sortOrder: sortOrder('signedOn'),
      width: 110,
    },
    {
      title: t('dealField.stage'),
      key: 'stage',
      render: (_, deal) => (
        <Space size={4} orientation="vertical">
          <DealStageTag stage={deal.stage} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {deal.stageOn}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('dealField.filedOn'),
      key: 'filing',
      render: (_, deal) => (
        <Space size={4} orientation="vertical">
          <span>{deal.filedOn}</span>
          {deal.isLateFiling ? (
            <LateFilingBadge deal={deal} />
          ) : (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('deals.delayDays', { days: deal.filingDelayDays })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('dealField.duplicateStatus'),
      dataIndex: 'duplicateStatus',
      render: (status: DuplicateStatus) => <DuplicateBadge status={status} />,
    },
    { title: t('dealField.threeQuantities'), key: 'tq', render: (_, deal) => <ThreeQuantityScore value={deal.threeQuantities} /> },
    { title: t('dealField.kind'), dataIndex: 'kind', render: (kind: string) => codeLabel('dealKind', kind, locale) },
    {
      title: t('dealField.industryCode'),
      dataIndex: 'industryCode',
      width: 200,
      ellipsis: true,
      render: (code: string) => industryLabel(code, industries.data, locale),
    },
    { title: t('dealField.source'), dataIndex: 'source', render: (key: string) => entryName(settings.data?.dealSources, key, locale) },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      width: 80,
      render: (_, deal) => <Link to={`/deals/${deal.id}`}>{t('deals.view')}</Link>,
    },
  ];

  return (
    <PageContainer
      title={t('deals.title')}
      extra={
        <Space wrap>
          {canManage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="deal-create">
              {t('deals.create')}
            </Button>
          ) : null}
          <ExportButton run={exportExcel} testId="deal-export" />
          {canManage ? (
            <>
              <Button
                icon={<DownloadOutlined />}
                loading={template.isPending}
                onClick={() => template.mutate()}
                data-testid="deal-template"
              >
                {t('import.template')}
              </Button>
              <ImportButton endpoints={api.deals} title={t('import.titleDeals')} testIdPrefix="deal" onImported={() => void refresh()} />
            </>
          ) : null}
        </Space>
      }
    >
      {reached && asOf ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="deal-drill"
          title={t('deals.drill', {
            from: params.filter.signedFrom ?? '…',
            to: params.filter.signedTo ?? '…',
            asOf,
            stage: codeLabel('dealStage', reached, locale),
          })}
          action={
            <Button size="small" onClick={() => go({ filter: { ...params.filter, reached: undefined, asOf: undefined }, page: 1 })}>
              {t('deals.clearDrill')}
            </Button>
          }
        />
      ) : null}
      <SearchBar<SearchValues> form={searchForm} onSearch={(values) => go({ filter: { ...filterOf(values), reached, asOf }, page: 1 })}>
        <Form.Item name="q" label={t('common.keyword')}>
          <Input allowClear placeholder={t('deals.searchPlaceholder')} style={{ width: 220 }} data-testid="deal-search-q" />
        </Form.Item>
        {units.enabled ? (
          <Form.Item name="unitId" label={t('dealField.unitId')}>
            <TreeSelect
              allowClear
              showSearch={{ treeNodeFilterProp: 'title' }}
              placeholder={t('common.all')}
              treeData={unitTree}
              style={{ width: 200 }}
              listHeight={360}
              data-testid="deal-search-unit"
            />
          </Form.Item>
        ) : null}
        {units.enabled && searchedUnit ? (
          <Form.Item name="unitOnly" valuePropName="checked">
            <Checkbox data-testid="deal-search-unit-only">{t('deals.unitOnly')}</Checkbox>
          </Form.Item>
        ) : null}
        <Form.Item name="stage" label={t('dealField.stage')}>
          <Select
            allowClear
            placeholder={t('common.all')}
            style={{ width: 120 }}
            options={codeOptions('dealStage', DEAL_STAGES, locale)}
            data-testid="deal-search-stage"
          />
        </Form.Item>
        <Form.Item name="kind" label={t('dealField.kind')}>
          <Select allowClear placeholder={t('common.all')} style={{ width: 120 }} options={codeOptions('dealKind', DEAL_KINDS, locale)} />
        </Form.Item>
        <Form.Item name="source" label={t('dealField.source')}>
          <Select
            allowClear
            placeholder={t('common.all')}
            style={{ width: 140 }}
            options={(settings.data?.dealSources ?? []).map((s) => ({ value: s.key, label: locale === 'en-US' ? s.nameEn : s.nameZh }))}
          />
        </Form.Item>
        <Form.Item name="industryCode" label={t('dealField.industryCode')}>
          <IndustrySelect allowClear placeholder={t('common.all')} style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="signedRange" label={t('dealField.signedRange')}>
          <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: 260 }} data-testid="deal-search-signed" />
        </Form.Item>
        <Form.Item name="isLateFiling" label={t('dealField.lateFiling')}>
          <Select
            allowClear
            placeholder={t('common.all')}
            style={{ width: 100 }}
            options={[
              { value: 'true', label: t('common.yes') },
              { value: 'false', label: t('common.no') },
            ]}
          />
        </Form.Item>
        <Form.Item name="duplicateStatus" label={t('dealField.duplicateStatus')}>
          <Select
            allowClear
            placeholder={t('common.all')}
            style={{ width: 130 }}
            options={DUPLICATE_STATUSES.map((value) => ({ value, label: t(`duplicate.${value}`) }))}
          />
        </Form.Item>
      </SearchBar>
      <Table<Deal>
        data-testid="deal-table"
        rowKey="id"
        size="middle"
        loading={deals.isFetching}
        dataSource={deals.data?.items}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('deals.noneMatch')} /> }}
        onChange={(_pagination, _filters, sorter, extra) => {
          if (extra.action !== 'sort') return;
          const one = Array.isArray(sorter) ? sorter[0] : sorter;
          const next = one?.order ? SORTS[String(one.columnKey ?? '')]?.[one.order] : undefined;
          go({ sort: next ?? '-signedOn', page: 1 });
        }}
        pagination={{
          current: params.page,
          pageSize: params.pageSize,
          total: deals.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) => go({ page: pageSize === params.pageSize ? page : 1, pageSize }),
        }}
        columns={columns}
      />
      {creating ? (
        <DealFormDrawer
          deal={null}
          onClose={() => setCreating(false)}
          onSaved={() => {
            setCreating(false);
            void refresh();
          }}
        />
      ) : null}
    </PageContainer>
  );
}
