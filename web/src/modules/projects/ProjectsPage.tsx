import { DownloadOutlined, ExportOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Empty, Form, Input, Select, Space, Table, type TableProps, TreeSelect, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  CODE_LABELS,
  codeLabel,
  PROJECT_CATEGORIES,
  PROJECT_KINDS,
  PROJECT_LEVELS,
  PROJECT_STAGES,
  type ProjectSummary,
} from '../../../../src/contracts/index.js';
import { isApiError } from '../../api/client';
import { api, type ProjectFilter, type ProjectSort } from '../../api/endpoints';
import { useFeedback } from '../../api/feedback-provider';
import { useCan } from '../../app/session';
import { LoadError } from '../../components/LoadError';
import { ExportButton } from '../../components/ExportButton';
import { PageContainer } from '../../components/PageContainer';
import { SearchBar } from '../../components/SearchBar';
import { useT } from '../../i18n';
import { formatDateTime } from '../../lib/time';
import { currentSearch } from '../../lib/url-params';
import { buildUnitTree } from '../org/unit-tree';
import { ProjectStageTag } from './labels';
import { ProjectFormDrawer } from './ProjectFormDrawer';
import { DEFAULT_PROJECT_SORT, projectParamsFromSearch, projectSearchFromParams } from './project-query';
import { ColumnChooser } from './shared/ColumnChooser';
import { loadColumns, saveColumns } from './shared/columns';
import { entryName, useIndustries, useLeaders, useRegistrySettings, useUnitLabel, useUnitTree } from './shared/hooks';
import { ImportButton } from './shared/ImportButton';
import { IndustrySelect } from './shared/IndustrySelect';
import { industryLabel } from './shared/industry';
import { formatAmount } from './shared/money';

type SearchValues = ProjectFilter;

const PROJECTS_KEY = ['projects'] as const;
const COLUMNS_KEY = 'juli.projects.columns';
const OPTIONAL_COLUMNS = [
  'code',
  'unit',
  'park',
  'industry',
  'industryChain',
  'category',
  'level',
  'kind',
  'stage',
  'totalInvestment',
  'plannedStartOn',
  'plannedEndOn',
  'owner',
  'leader',
  'responsibleUnit',
  'updatedAt',
] as const;
type OptionalColumn = (typeof OPTIONAL_COLUMNS)[number];
const DEFAULT_COLUMNS: OptionalColumn[] = [
  'code',
  'unit',
  'category',
  'level',
  'stage',
  'totalInvestment',
  'plannedStartOn',
  'leader',
  'updatedAt',
];

/** Table sort ↔ API sort: each column sorts only the ways the API offers. */
const SORTS: Record<string, { ascend?: ProjectSort; descend?: ProjectSort }> = {
  name: { ascend: 'name' },
  code: { ascend: 'code' },
  totalInvestment: { ascend: 'totalInvestment', descend: '-totalInvestment' },
  plannedStartOn: { ascend: 'plannedStartOn' },
  updatedAt: { descend: '-updatedAt' },
};

function sortOrderOf(column: string, sort: ProjectSort): 'ascend' | 'descend' | null {
  const options = SORTS[column];
  if (options?.ascend === sort) return 'ascend';
  if (options?.descend === sort) return 'descend';
  return null;
}

export default function ProjectsPage() {
  const { t, locale } = useT();
  const can = useCan();
  const canManage = can('project.manage');
  const queryClient = useQueryClient();
  const feedback = useFeedback();
  const { message } = App.useApp();
  const [searchForm] = Form.useForm<SearchValues>();
  const [search, setSearch] = useSearchParams();
  const params = useMemo(() => projectParamsFromSearch(search), [search]);
  const { filter, sort } = params;
  const go = (next: Partial<typeof params>) => setSearch(projectSearchFromParams({ ...projectParamsFromSearch(currentSearch()), ...next }));
  const [editing, setEditing] = useState<{ id: number | null } | null>(null);
  const [columns, setColumns] = useState<string[]>(() => loadColumns(COLUMNS_KEY, OPTIONAL_COLUMNS, DEFAULT_COLUMNS));
  const [planYear, setPlanYear] = useState(() => dayjs().year());

  const units = useUnitTree();
  const unitOf = useUnitLabel();
  const unitTree = useMemo(() => buildUnitTree(units.items, { locale }), [units.items, locale]);
  const parks = units.items.filter((unit) => unit.kind === 'park');
  const settings = useRegistrySettings();
  const industries = useIndustries();
  const leaders = useLeaders();

  // The form shows what the URL says (the back button, a bookmark).
  useEffect(() => {
    searchForm.resetFields();
    searchForm.setFieldsValue(filter);
  }, [filter, searchForm]);

  const query = { ...filter, sort, page: params.page, pageSize: params.pageSize };
  const projects = useQuery({
    queryKey: [...PROJECTS_KEY, 'list', query],
    queryFn: () => api.projects.list(query),
    placeholderData: keepPreviousData,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: PROJECTS_KEY });

  const exportExcel = () => api.projects.export({ ...filter, sort, planYear }, t('export.projectsName'));
  const exportOc4ids = useMutation({
    mutationFn: () => api.projects.oc4ids(filter, t('export.oc4idsName')),
    onSuccess: () => message.success(t('export.done')),
    // OC4IDS has no empty package: the server answers 404 when no project matches.
    onError: (error) => (isApiError(error) && error.code === 'NOT_FOUND' ? message.info(t('projects.noneMatch')) : feedback(error)),
  });
  const template = useMutation({
    mutationFn: () => api.projects.template(t('import.templateName')),
    onError: (error) => feedback(error),
  });

  const chooseColumns = (next: string[]) => {
    setColumns(next);
    saveColumns(COLUMNS_KEY, next);
  };

  if (projects.error && !projects.data) return <LoadError error={projects.error} onRetry={() => void projects.refetch()} />;

  const optional: Record<OptionalColumn, NonNullable<TableProps<ProjectSummary>['columns']>[number]> = {
    code: {
      title: t('projectField.code'),
      dataIndex: 'code',
      width: 220,
      sorter: true,
      sortDirections: ['ascend'],
      render: (code: string | null) => (code ? <span style={{ fontFamily: 'monospace' }}>{code}</span> : '—'),
    },
    unit: { title: t('projectField.unitId'), key: 'unit', render: (_, p) => unitOf(p.unitId, p.unitName) },
    park: { title: t('projectField.parkId'), key: 'park', render: (_, p) => (p.parkId ? unitOf(p.parkId, p.parkName) : '—') },
    industry: {
      title: t('projectField.industryCode'),
      dataIndex: 'industryCode',
      render: (code: string) => industryLabel(code, industries.data, locale),
    },
    industryChain: {
      title: t('projectField.industryChain'),
      dataIndex: 'industryChain',
      render: (key: string | null) => entryName(settings.data?.industryChains, key, locale),
    },
    category: { title: t('projectField.category'), dataIndex: 'category', render: (v: string) => codeLabel('projectCategory', v, locale) },
    level: { title: t('projectField.level'), dataIndex: 'level', render: (v: string) => codeLabel('projectLevel', v, locale) },
    kind: { title: t('projectField.kind'), dataIndex: 'kind', render: (v: string) => codeLabel('projectKind', v, locale) },
    stage: {
      title: t('projectField.stage'),
      dataIndex: 'stage',
      render: (stage: ProjectSummary['stage']) => <ProjectStageTag stage={stage} />,
    },
    totalInvestment: {
      title: t('projectField.totalInvestmentWan'),
      dataIndex: 'totalInvestment',
      align: 'right',
      sorter: true,
      render: (amount: string) => formatAmount(amount),
    },
    plannedStartOn: {
      title: t('projectField.plannedStartOn'),
      dataIndex: 'plannedStartOn',
      sorter: true,
      sortDirections: ['ascend'],
      render: (v: string | null) => v ?? '—',
    },
    plannedEndOn: { title: t('projectField.plannedEndOn'), dataIndex: 'plannedEndOn', render: (v: string | null) => v ?? '—' },
    owner: { title: t('projectField.owner'), dataIndex: 'ownerName', render: (v: string | null) => v ?? '—' },
    leader: { title: t('projectField.liaisonLeaderUserId'), dataIndex: 'liaisonLeaderName', render: (v: string | null) => v ?? '—' },
    responsibleUnit: {
      title: t('projectField.responsibleUnitId'),
      key: 'responsibleUnit',
      render: (_, p) => (p.responsibleUnitId ? unitOf(p.responsibleUnitId, p.responsibleUnitName) : '—'),
    },
    updatedAt: {
      title: t('common.updatedAt'),
      dataIndex: 'updatedAt',
      width: 170,
      sorter: true,
      sortDirections: ['descend'],
      render: (v: string) => formatDateTime(v),
    },
  };
  const columnTitles = OPTIONAL_COLUMNS.map((key) => ({ key, title: String(optional[key].title) }));

  const tableColumns: TableProps<ProjectSummary>['columns'] = [
    {
      title: t('projectField.name'),
      dataIndex: 'name',
      key: 'name',
      fixed: 'left',
      sorter: true,
      sortDirections: ['ascend'],
      sortOrder: sortOrderOf('name', sort),
      render: (name: string, p) => <Link to={`/projects/${p.id}`}>{name}</Link>,
    },
    ...OPTIONAL_COLUMNS.filter((key) => columns.includes(key)).map((key) => ({
      ...optional[key],
      key,
      ...(SORTS[key] ? { sortOrder: sortOrderOf(key, sort) } : {}),
    })),
    {
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      fixed: 'right',
      render: (_, p) => (
        <Space>
          <Link to={`/projects/${p.id}`}>{t('projects.view')}</Link>
          {canManage ? <Typography.Link onClick={() => setEditing({ id: p.id })}>{t('common.edit')}</Typography.Link> : null}
        </Space>
      ),
    },
  ];

  const codeOptions = <K extends 'projectCategory' | 'projectLevel' | 'projectKind' | 'projectStage'>(set: K, codes: readonly string[]) =>
    codes.map((value) => ({ value, label: (CODE_LABELS[set] as Record<string, Record<string, string>>)[value]?.[locale] ?? value }));

  return (
    <PageContainer
      title={t('projects.title')}
      extra={
        <Space wrap>
          {canManage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ id: null })} data-testid="project-create">
              {t('projects.create')}
            </Button>
          ) : null}
          <Space.Compact>
            <Select<number>
              value={planYear}
              onChange={setPlanYear}
              aria-label={t('export.planYear')}
              title={t('export.planYear')}
              style={{ width: 120 }}
              options={Array.from({ length: 8 }, (_, i) => dayjs().year() + 1 - i).map((year) => ({
                value: year,
                label: t('export.planYearOption', { year }),
              }))}
              data-testid="project-export-year"
            />
            <ExportButton run={exportExcel} testId="project-export" />
          </Space.Compact>
          <Button
            icon={<ExportOutlined />}
            loading={exportOc4ids.isPending}
            onClick={() => exportOc4ids.mutate()}
            data-testid="project-export-oc4ids"
          >
            {t('export.oc4ids')}
          </Button>
          {canManage ? (
            <>
              <Button
                icon={<DownloadOutlined />}
                loading={template.isPending}
                onClick={() => template.mutate()}
                data-testid="project-template"
              >
                {t('import.template')}
              </Button>
              <ImportButton
                endpoints={api.projects}
                title={t('import.titleProjects')}
                testIdPrefix="project"
                onImported={() => void refresh()}
              />
            </>
          ) : null}
          <ColumnChooser
            columns={columnTitles}
            value={columns}
            onChange={chooseColumns}
            onReset={() => chooseColumns([...DEFAULT_COLUMNS])}
          />
        </Space>
      }
    >
      <SearchBar<SearchValues> form={searchForm} onSearch={(values) => go({ filter: values, page: 1 })}>
        <Form.Item name="q" label={t('common.keyword')}>
          <Input allowClear placeholder={t('projects.searchPlaceholder')} style={{ width: 220 }} data-testid="project-search-q" />
        </Form.Item>
        {units.enabled ? (
          <Form.Item name="unitId" label={t('projectField.unitId')}>
            <TreeSelect
              allowClear
              showSearch={{ treeNodeFilterProp: 'title' }}
              placeholder={t('common.all')}
              treeData={unitTree}
              style={{ width: 200 }}
              listHeight={360}
              data-testid="project-search-unit"
            />
          </Form.Item>
        ) : null}
        {parks.length > 0 ? (
          <Form.Item name="parkId" label={t('projectField.parkId')}>
            <Select<number>
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('common.all')}
              style={{ width: 180 }}
              options={parks.map((park) => ({ value: park.id, label: unitOf(park.id) }))}
            />
          </Form.Item>
        ) : null}
        <Form.Item name="industryCode" label={t('projectField.industryCode')}>
          <IndustrySelect allowClear placeholder={t('common.all')} style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="industryChain" label={t('projectField.industryChain')}>
          <Select<string>
            allowClear
            placeholder={t('common.all')}
            style={{ width: 150 }}
            options={(settings.data?.industryChains ?? []).map((chain) => ({
              value: chain.key,
              label: locale === 'en-US' ? chain.nameEn : chain.nameZh,
            }))}
          />
        </Form.Item>
        <Form.Item name="level" label={t('projectField.level')}>
          <Select allowClear placeholder={t('common.all')} style={{ width: 120 }} options={codeOptions('projectLevel', PROJECT_LEVELS)} />
        </Form.Item>
        <Form.Item name="category" label={t('projectField.category')}>
          <Select
            allowClear
            placeholder={t('common.all')}
            style={{ width: 130 }}
            options={codeOptions('projectCategory', PROJECT_CATEGORIES)}
          />
        </Form.Item>
        <Form.Item name="kind" label={t('projectField.kind')}>
          <Select allowClear placeholder={t('common.all')} style={{ width: 120 }} options={codeOptions('projectKind', PROJECT_KINDS)} />
        </Form.Item>
        <Form.Item name="stage" label={t('projectField.stage')}>
          <Select
            allowClear
            placeholder={t('common.all')}
            style={{ width: 140 }}
            options={codeOptions('projectStage', PROJECT_STAGES)}
            data-testid="project-search-stage"
          />
        </Form.Item>
        <Form.Item name="leaderId" label={t('projectField.liaisonLeaderUserId')}>
          <Select<number>
            allowClear
            placeholder={t('common.all')}
            style={{ width: 150 }}
            options={(leaders.data?.items ?? []).map((leader) => ({ value: leader.id, label: leader.displayName }))}
          />
        </Form.Item>
      </SearchBar>
      <Table<ProjectSummary>
        data-testid="project-table"
        rowKey="id"
        size="middle"
        loading={projects.isFetching}
        dataSource={projects.data?.items}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('projects.noneMatch')} /> }}
        onChange={(_pagination, _filters, sorter, extra) => {
          if (extra.action !== 'sort') return;
          const one = Array.isArray(sorter) ? sorter[0] : sorter;
          const options = SORTS[String(one?.columnKey ?? '')];
          const next = one?.order ? options?.[one.order] : undefined;
          go({ sort: next ?? DEFAULT_PROJECT_SORT, page: 1 });
        }}
        pagination={{
          current: params.page,
          pageSize: params.pageSize,
          total: projects.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) => go({ page: pageSize === params.pageSize ? page : 1, pageSize }),
        }}
        columns={tableColumns}
      />
      {editing ? (
        <ProjectFormDrawer
          projectId={editing.id}
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
