import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Empty, Flex, Form, Input, List, Pagination, Select, Space, Table, TreeSelect, Typography } from 'antd';
import { useEffect, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  APPEAL_RATINGS,
  type AppealRating,
  PROBLEM_STATUSES,
  type ProblemKind,
  type ProblemStatus,
  type ProblemSummary,
  shanghaiDate,
} from '../../../../src/contracts/index.js';
import { api } from '../../api/endpoints';
import { ExportButton } from '../../components/ExportButton';
import { LoadError } from '../../components/LoadError';
import { SearchBar } from '../../components/SearchBar';
import { useT } from '../../i18n';
import { buildUnitTree } from '../org/unit-tree';
import { useUnitLabel, useUnitTree } from '../projects/shared/hooks';
import { DeadlineText, EscalationTag, ProblemStatusTag, RatingTag, useCategoryOptions, useIsPhone } from './labels';
import { LIST_STATES, type ListState, listParamsFromSearch, listSearch } from './problems';

interface SearchValues {
  q?: string;
  status?: ProblemStatus;
  state?: ListState;
  category?: string;
  unitId?: number;
  leadUnitId?: number;
  rating?: AppealRating;
}

/**
 * The list of problems or appeals: filters kept in the URL (the metrics and notifications link
 * here), a table on a desk and cards on a phone, each row opening the item.
 */
export function ItemList({ kind }: { kind: ProblemKind }) {
  const { t, locale } = useT();
  const [search, setSearch] = useSearchParams();
  const params = useMemo(() => listParamsFromSearch(search), [search]);
  const [form] = Form.useForm<SearchValues>();
  const isPhone = useIsPhone();
  const today = shanghaiDate(new Date());
  const categories = useCategoryOptions(kind);
  const units = useUnitTree();
  const unitTree = useMemo(() => buildUnitTree(units.items, { locale }), [units.items, locale]);
  const unitOf = useUnitLabel();
  const base = kind === 'problem' ? '/problems' : '/appeals';
  /** Filter boxes narrow enough for a 375px screen. */
  const width = (desk: number) => (isPhone ? 180 : desk);

  useEffect(() => {
    form.setFieldsValue({
      q: params.q,
      status: params.status,
      state: params.state,
      category: params.category,
      unitId: params.unitId,
      leadUnitId: params.leadUnitId,
      rating: params.rating,
    });
  }, [params, form]);

  const exportExcel = () => {
    const { page: _page, pageSize: _pageSize, ...filter } = params;
    const name = t(kind === 'problem' ? 'problems.exportName' : 'appeals.exportName', { date: today });
    return kind === 'problem' ? api.problems.export(filter, name) : api.appeals.export(filter, name);
  };

  const list = useQuery({
    queryKey: [kind === 'problem' ? 'problems' : 'appeals', 'list', params],
    queryFn: () => (kind === 'problem' ? api.problems.list(params) : api.appeals.list(params)),
    placeholderData: keepPreviousData,
  });
  if (list.error && !list.data) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;

  const setPage = (page: number, pageSize: number) =>
    setSearch(listSearch({ ...params, page: pageSize === params.pageSize ? page : 1, pageSize }).slice(1));
  const pagination = {
    current: params.page,
    pageSize: params.pageSize,
    total: list.data?.total ?? 0,
    showSizeChanger: !isPhone,
    showTotal: (total: number) => t('common.total', { total }),
    onChange: setPage,
  };
  const subjectOf = (item: ProblemSummary) =>
    kind === 'appeal'
      ? (item.enterpriseName ?? unitOf(item.unitId, item.unitName))
      : (item.projectName ?? unitOf(item.unitId, item.unitName));

  return (
    <>
      <SearchBar<SearchValues>
        form={form}
        onSearch={(values) =>
          setSearch(
            listSearch({
              q: values.q?.trim() || undefined,
              status: values.status,
              state: values.state,
              category: values.category,
              unitId: values.unitId,
              leadUnitId: values.leadUnitId,
              rating: values.rating,
              pageSize: params.pageSize,
            }).slice(1),
          )
        }
      >
        <Form.Item name="q" label={t('common.keyword')}>
          <Input allowClear placeholder={t('problems.keywordHint')} style={{ width: width(200) }} data-testid="problem-filter-q" />
        </Form.Item>
        <Form.Item name="status" label={t('common.status')}>
          <Select
            allowClear
            placeholder={t('common.all')}
            style={{ width: width(130) }}
            options={PROBLEM_STATUSES.map((value) => ({
              value,
              label: t(kind === 'appeal' ? `appealStatus.${value}` : `problemStatus.${value}`),
            }))}
            data-testid="problem-filter-status"
          />
        </Form.Item>
        <Form.Item name="state" label={t('problems.state')}>
          <Select
            allowClear
            placeholder={t('common.all')}
            style={{ width: width(120) }}
            options={LIST_STATES.map((value) => ({ value, label: t(`problemState.${value}`) }))}
            data-testid="problem-filter-state"
          />
        </Form.Item>
        <Form.Item name="category" label={t('problems.category')}>
          <Select allowClear placeholder={t('common.all')} style={{ width: width(150) }} options={categories.options} />
        </Form.Item>
        {units.enabled ? (
          <>
            <Form.Item name="unitId" label={kind === 'appeal' ? t('appeals.unit') : t('problems.unit')}>
              <TreeSelect
                allowClear
                showSearch={{ treeNodeFilterProp: 'title' }}
                placeholder={t('common.all')}
                treeData={unitTree}
                style={{ width: width(200) }}
                listHeight={320}
              />
            </Form.Item>
            <Form.Item name="leadUnitId" label={t('problems.leadUnit')}>
              <TreeSelect
                allowClear
                showSearch={{ treeNodeFilterProp: 'title' }}
                placeholder={t('common.all')}
                treeData={unitTree}
                style={{ width: width(200) }}
                listHeight={320}
              />
            </Form.Item>
          </>
        ) : null}
        {kind === 'appeal' ? (
          <Form.Item name="rating" label={t('appeals.rating')}>
            <Select
              allowClear
              placeholder={t('common.all')}
              style={{ width: width(130) }}
              options={APPEAL_RATINGS.map((value) => ({ value, label: t(`appealRating.${value}`) }))}
            />
          </Form.Item>
        ) : null}
      </SearchBar>
      <Flex justify="end" style={{ marginBottom: 8 }}>
        <ExportButton run={exportExcel} testId="problem-export" disabled={!list.data?.total} />
      </Flex>
      {isPhone ? (
        <>
          <List<ProblemSummary>
            data-testid="problem-cards"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: <Empty description={t('problems.none')} /> }}
            renderItem={(item) => (
              <Card size="small" style={{ marginBottom: 8 }} data-testid={`problem-card-${item.id}`}>
                <Flex vertical gap={4}>
                  <Link to={`${base}/${item.id}`} data-testid={`problem-link-${item.id}`}>
                    <Typography.Text strong>{item.title}</Typography.Text>
                  </Link>
                  <Space size={4} wrap>
                    <ProblemStatusTag kind={kind} status={item.status} />
                    <EscalationTag level={item.escalationLevel} />
                    <RatingTag rating={item.rating} />
                  </Space>
                  <Typography.Text type="secondary">
                    {categories.nameOf(item.category)} · {subjectOf(item)}
                  </Typography.Text>
                  <Typography.Text type="secondary">
                    {t('problems.leadUnit')}: {unitOf(item.leadUnitId, item.leadUnitName)}
                  </Typography.Text>
                  <span>
                    {t('problems.deadline')}: <DeadlineText item={item} today={today} />
                  </span>
                </Flex>
              </Card>
            )}
          />
          <Pagination size="small" {...pagination} style={{ marginTop: 8 }} />
        </>
      ) : (
        <Table<ProblemSummary>
          data-testid="problem-table"
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description={t('problems.none')} /> }}
          pagination={pagination}
          columns={[
            {
              title: t('problems.titleField'),
              dataIndex: 'title',
              width: 260,
              render: (title: string, item) => (
                <Link to={`${base}/${item.id}`} data-testid={`problem-link-${item.id}`}>
                  {title}
                </Link>
              ),
            },
            { title: t('problems.category'), dataIndex: 'category', render: (key: string) => categories.nameOf(key) },
            {
              title: t('common.status'),
              dataIndex: 'status',
              render: (status: ProblemStatus) => <ProblemStatusTag kind={kind} status={status} />,
            },
            kind === 'appeal'
              ? { title: t('appeals.enterprise'), key: 'subject', render: (_: unknown, item: ProblemSummary) => subjectOf(item) }
              : {
                  title: t('problems.subject'),
                  key: 'subject',
                  render: (_: unknown, item: ProblemSummary) =>
                    item.projectId ? (
                      <Space orientation="vertical" size={0}>
                        <Link to={`/projects/${item.projectId}`}>{item.projectName}</Link>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {unitOf(item.unitId, item.unitName)}
                        </Typography.Text>
                      </Space>
                    ) : (
                      unitOf(item.unitId, item.unitName)
                    ),
                },
            {
              title: t('problems.leadUnit'),
              key: 'leadUnit',
              render: (_: unknown, item: ProblemSummary) => unitOf(item.leadUnitId, item.leadUnitName),
            },
            { title: t('problems.raisedOn'), dataIndex: 'raisedOn', width: 110 },
            {
              title: t('problems.deadline'),
              key: 'deadline',
              render: (_: unknown, item: ProblemSummary) => <DeadlineText item={item} today={today} />,
            },
            {
              title: t('problems.escalation'),
              dataIndex: 'escalationLevel',
              render: (level: ProblemSummary['escalationLevel']) => (level ? <EscalationTag level={level} /> : '—'),
            },
            ...(kind === 'appeal'
              ? [
                  {
                    title: t('appeals.rating'),
                    dataIndex: 'rating',
                    render: (rating: AppealRating | null) => <RatingTag rating={rating} />,
                  },
                ]
              : []),
          ]}
        />
      )}
    </>
  );
}
