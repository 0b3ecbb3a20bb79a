import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Col, DatePicker, Form, Row, Select, Space, Statistic, Table, Tag, Tooltip, TreeSelect, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { z } from 'zod';
import { FUND_SOURCES, type FundWonSchema, shanghaiDate } from '../../../../src/contracts/index.js';
import { api, type FundFilter } from '../../api/endpoints';
import { useCan } from '../../app/session';
import { LatestYearEmpty } from '../../components/LatestYearEmpty';
import { LoadError } from '../../components/LoadError';
import { ExportButton } from '../../components/ExportButton';
import { PageContainer } from '../../components/PageContainer';
import { SearchBar } from '../../components/SearchBar';
import { useT } from '../../i18n';
import { useListState } from '../../lib/use-list-state';
import { formatDateTime } from '../../lib/time';
import { buildUnitTree } from '../org/unit-tree';
import { useUnitLabel, useUnitTree } from '../projects/shared/hooks';
import { formatAmount, formatMoneyLong } from '../projects/shared/money';
import { FundFormModal } from './FundFormModal';
import { type FundSource, fundTotals, pagesFor } from './funds';

type Fund = z.infer<typeof FundWonSchema>;
const ALL_PAGE_SIZE = 200;

interface SearchValues {
  year?: Dayjs | null;
  unitId?: number;
  source?: FundSource;
}

/** Every current record of a filter, for the exact totals (a year of a city is a few hundred records). */
async function allFunds(filter: FundFilter): Promise<Fund[]> {
  const first = await api.funds.list({ ...filter, page: 1, pageSize: ALL_PAGE_SIZE });
  const rest = await Promise.all(
    Array.from({ length: pagesFor(first.total, ALL_PAGE_SIZE) - 1 }, (_, i) =>
      api.funds.list({ ...filter, page: i + 2, pageSize: ALL_PAGE_SIZE }),
    ),
  );
  return [first, ...rest].flatMap((page) => page.items);
}

/** 争资: funds won from higher government by year, with filters, exact totals, recording and corrections. */
export default function FundsPage() {
  const { t, locale } = useT();
  const can = useCan();
  const canManage = can('funds.manage');
  const queryClient = useQueryClient();
  const [searchForm] = Form.useForm<SearchValues>();
  const list = useListState<FundFilter>({ year: dayjs().year() });
  const [editing, setEditing] = useState<{ correcting: Fund | null } | null>(null);
  const units = useUnitTree();
  const unitOf = useUnitLabel();
  const unitTree = useMemo(() => buildUnitTree(units.items, { locale }), [units.items, locale]);

  const query = { ...list.filter, page: list.page, pageSize: list.pageSize };
  const funds = useQuery({ queryKey: ['funds', 'list', query], queryFn: () => api.funds.list(query), placeholderData: keepPreviousData });
  const all = useQuery({ queryKey: ['funds', 'all', list.filter], queryFn: () => allFunds(list.filter) });
  const totals = useMemo(() => (all.data ? fundTotals(all.data) : null), [all.data]);

  if (funds.error && !funds.data) return <LoadError error={funds.error} onRetry={() => void funds.refetch()} />;

  return (
    <PageContainer
      title={t('funds.title')}
      extra={
        <Space wrap>
          {canManage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ correcting: null })} data-testid="fund-create">
              {t('funds.record')}
            </Button>
          ) : null}
          <ExportButton
            run={() => api.funds.export(list.filter, t('funds.exportName', { date: shanghaiDate(new Date()) }))}
            testId="fund-export"
          />
        </Space>
      }
    >
      <SearchBar<SearchValues>
        form={searchForm}
        onSearch={(values) => list.setFilter({ year: values.year?.year() ?? undefined, unitId: values.unitId, source: values.source })}
      >
        <Form.Item name="year" label={t('funds.year')} initialValue={dayjs()}>
          <DatePicker picker="year" data-testid="fund-year" />
        </Form.Item>
        {units.enabled ? (
          <Form.Item name="unitId" label={t('funds.unit')}>
            <TreeSelect
              allowClear
              showSearch={{ treeNodeFilterProp: 'title' }}
              placeholder={t('common.all')}
              treeData={unitTree}
              style={{ width: 220 }}
              listHeight={360}
            />
          </Form.Item>
        ) : null}
        <Form.Item name="source" label={t('funds.source')}>
          <Select
            allowClear
            placeholder={t('common.all')}
            style={{ width: 180 }}
            options={FUND_SOURCES.map((value) => ({ value, label: t(`fundSource.${value}`) }))}
          />
        </Form.Item>
      </SearchBar>
      <Card size="small" style={{ marginBottom: 16 }} loading={all.isPending} data-testid="fund-totals">
        {totals ? (
          <Row gutter={[24, 12]}>
            <Col xs={24} md={8}>
              <Statistic
                title={list.filter.year ? t('funds.totalOfYear', { year: list.filter.year }) : t('funds.total')}
                value={formatMoneyLong(totals.total, locale)}
              />
              <Typography.Text type="secondary">{t('funds.records', { count: totals.count })}</Typography.Text>
            </Col>
            {totals.bySource.map((entry) => (
              <Col xs={12} md={3} key={entry.source}>
                <Statistic
                  title={t(`fundSource.${entry.source}`)}
                  value={formatAmount(entry.amount)}
                  suffix={<Typography.Text type="secondary">{t('money.unitWan')}</Typography.Text>}
                  styles={{ content: { fontSize: 18 } }}
                />
              </Col>
            ))}
          </Row>
        ) : null}
      </Card>
      <Table<Fund>
        data-testid="fund-table"
        rowKey="id"
        size="middle"
        loading={funds.isFetching}
        dataSource={funds.data?.items}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: (
            <LatestYearEmpty
              description={t('funds.none')}
              shownYear={list.filter.year}
              queryKey={['funds', 'latest']}
              latestDate={async () => (await api.funds.list({ page: 1, pageSize: 1 })).items[0]?.wonOn ?? null}
              onPick={(year) => {
                searchForm.setFieldValue('year', dayjs(`${year}-01-01`));
                list.setFilter({ ...list.filter, year });
              }}
              testId="fund-empty"
            />
          ),
        }}
        pagination={{
          current: list.page,
          pageSize: list.pageSize,
          total: funds.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: list.setPage,
        }}
        columns={[
          { title: t('funds.wonOn'), dataIndex: 'wonOn', width: 110 },
          { title: t('funds.unit'), key: 'unit', render: (_, fund) => unitOf(fund.unitId, fund.unitName) },
          {
            title: t('funds.project'),
            dataIndex: 'projectName',
            render: (name: string | null, fund) => (name && fund.projectId ? <Link to={`/projects/${fund.projectId}`}>{name}</Link> : '—'),
          },
          { title: t('funds.source'), dataIndex: 'source', render: (source: FundSource) => <Tag>{t(`fundSource.${source}`)}</Tag> },
          { title: t('funds.amountWan'), dataIndex: 'amount', align: 'right', render: (amount: string) => formatAmount(amount) },
          { title: t('funds.note'), dataIndex: 'note', ellipsis: true, width: 200, render: (note: string | null) => note ?? '—' },
          {
            title: t('funds.recordedBy'),
            key: 'recorded',
            render: (_, fund) => (
              <Space orientation="vertical" size={0}>
                <span>{fund.createdBy ?? '—'}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(fund.createdAt)}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t('funds.history'),
            key: 'history',
            render: (_, fund) =>
              fund.supersedesId ? (
                <Tooltip title={t('funds.correctionOf', { id: fund.supersedesId, reason: fund.reason ?? '—' })}>
                  <Tag color="orange" data-testid={`fund-corrected-${fund.id}`}>
                    {t('funds.correctedTag')}
                  </Tag>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {fund.reason}
                  </Typography.Text>
                </Tooltip>
              ) : (
                <Typography.Text type="secondary">{t('funds.original')}</Typography.Text>
              ),
          },
          ...(canManage
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  fixed: 'right' as const,
                  width: 90,
                  render: (_: unknown, fund: Fund) => (
                    <Button
                      type="link"
                      size="small"
                      icon={<EditOutlined />}
                      onClick={() => setEditing({ correcting: fund })}
                      data-testid={`fund-correct-${fund.id}`}
                    >
                      {t('funds.correct')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing ? (
        <FundFormModal
          correcting={editing.correcting}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void queryClient.invalidateQueries({ queryKey: ['funds'] });
            void queryClient.invalidateQueries({ queryKey: ['boards'] });
          }}
        />
      ) : null}
    </PageContainer>
  );
}
