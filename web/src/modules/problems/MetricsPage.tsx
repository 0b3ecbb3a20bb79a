import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, DatePicker, Empty, Space, Table, Tabs, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { AppealMetricsRow, ProblemMetricsRow } from '../../../../src/contracts/index.js';
import { api } from '../../api/endpoints';
import { useCan } from '../../app/session';
import { LoadError } from '../../components/LoadError';
import { PageContainer } from '../../components/PageContainer';
import { useT } from '../../i18n';
import { useUnitLabel } from '../projects/shared/hooks';
import { formatRate } from '../projects/shared/money';
import { type ListState, type MetricsTab, metricsDrillDown, metricsParamsFromSearch } from './problems';

/**
 * 清单考核: per unit and per lead unit (departments) — open, overdue, closed, closure rate and
 * median days to close, each number opening the items behind it; appeals: satisfaction and
 * timeliness per department.
 */
export default function MetricsPage() {
  const { t } = useT();
  const can = useCan();
  const [search, setSearch] = useSearchParams();
  const params = useMemo(() => metricsParamsFromSearch(search), [search]);
  const range = { raisedFrom: params.raisedFrom, raisedTo: params.raisedTo };
  const canAppeals = can('appeal.read');
  const tab: MetricsTab = params.tab === 'appeal' && !canAppeals ? 'lead' : params.tab;

  const setParams = (next: { tab?: MetricsTab; raisedFrom?: string; raisedTo?: string }) => {
    const merged = { tab, ...range, ...next };
    const out = new URLSearchParams();
    if (merged.tab !== 'lead') out.set('tab', merged.tab);
    if (merged.raisedFrom) out.set('raisedFrom', merged.raisedFrom);
    if (merged.raisedTo) out.set('raisedTo', merged.raisedTo);
    setSearch(out);
  };

  return (
    <PageContainer
      title={t('problemMetrics.title')}
      extra={
        <Space wrap>
          <Typography.Text type="secondary">{t('problemMetrics.raisedBetween')}</Typography.Text>
          <DatePicker.RangePicker
            allowEmpty={[true, true]}
            value={[range.raisedFrom ? dayjs(range.raisedFrom) : null, range.raisedTo ? dayjs(range.raisedTo) : null]}
            onChange={(dates) => setParams({ raisedFrom: dates?.[0]?.format('YYYY-MM-DD'), raisedTo: dates?.[1]?.format('YYYY-MM-DD') })}
            data-testid="metrics-range"
          />
        </Space>
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key as MetricsTab })}
        items={[
          { key: 'lead', label: t('problemMetrics.byLead'), children: <ProblemMetricsTable by="lead" range={range} /> },
          { key: 'unit', label: t('problemMetrics.byUnit'), children: <ProblemMetricsTable by="unit" range={range} /> },
          ...(canAppeals ? [{ key: 'appeal', label: t('problemMetrics.appeals'), children: <AppealMetricsTable range={range} /> }] : []),
        ]}
      />
    </PageContainer>
  );
}

type Range = { raisedFrom?: string; raisedTo?: string };

function ProblemMetricsTable({ by, range }: { by: 'unit' | 'lead'; range: Range }) {
  const { t } = useT();
  const unitOf = useUnitLabel();
  const query = { by, kind: 'problem' as const, ...range };
  const metrics = useQuery({
    queryKey: ['problems', 'metrics', query],
    queryFn: () => api.problems.metrics(query),
    placeholderData: keepPreviousData,
  });
  if (metrics.error && !metrics.data) return <LoadError error={metrics.error} onRetry={() => void metrics.refetch()} />;
  const drill = (row: ProblemMetricsRow, value: number, state?: ListState) =>
    value > 0 && row.unitId > 0 ? (
      <Link to={metricsDrillDown('problem', by, row.unitId, state, range)} data-testid={`metrics-${by}-${row.unitId}-${state ?? 'all'}`}>
        {value}
      </Link>
    ) : (
      value
    );
  const total = metrics.data?.total;
  return (
    <Card size="small">
      <Table<ProblemMetricsRow>
        data-testid={`metrics-table-${by}`}
        rowKey="unitId"
        size="middle"
        loading={metrics.isFetching}
        dataSource={metrics.data?.rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('problemMetrics.none')} /> }}
        columns={[
          {
            title: by === 'lead' ? t('problemMetrics.leadUnit') : t('problemMetrics.unit'),
            key: 'unit',
            fixed: 'left',
            render: (_: unknown, row: { unitId: number; unitName: string }) => unitOf(row.unitId, row.unitName),
          },
          { title: t('problemMetrics.total'), dataIndex: 'total', align: 'right', render: (v: number, row) => drill(row, v) },
          { title: t('problemMetrics.open'), dataIndex: 'open', align: 'right', render: (v: number, row) => drill(row, v, 'open') },
          {
            title: t('problemMetrics.overdue'),
            dataIndex: 'overdue',
            align: 'right',
            render: (v: number, row) => (v > 0 ? <Typography.Text type="danger">{drill(row, v, 'overdue')}</Typography.Text> : v),
          },
          { title: t('problemMetrics.closed'), dataIndex: 'closed', align: 'right', render: (v: number, row) => drill(row, v, 'closed') },
          { title: t('problemMetrics.closureRate'), dataIndex: 'closureRate', align: 'right', render: (v: number | null) => formatRate(v) },
          {
            title: t('problemMetrics.medianDays'),
            dataIndex: 'medianDaysToClose',
            align: 'right',
            render: (v: number | null) => (v === null ? '—' : v.toFixed(1)),
          },
        ]}
        summary={() =>
          total ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>
                <Typography.Text strong>{t('problemMetrics.sum')}</Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                {total.total}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                {total.open}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                {total.overdue}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">
                {total.closed}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={5} align="right">
                {formatRate(total.closureRate)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={6} align="right">
                {total.medianDaysToClose === null ? '—' : total.medianDaysToClose.toFixed(1)}
              </Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
      />
      {metrics.data ? <Typography.Text type="secondary">{t('problemMetrics.asOf', { date: metrics.data.asOf })}</Typography.Text> : null}
    </Card>
  );
}

function AppealMetricsTable({ range }: { range: Range }) {
  const { t } = useT();
  const unitOf = useUnitLabel();
  const metrics = useQuery({
    queryKey: ['appeals', 'metrics', range],
    queryFn: () => api.appeals.metrics(range),
    placeholderData: keepPreviousData,
  });
  if (metrics.error && !metrics.data) return <LoadError error={metrics.error} onRetry={() => void metrics.refetch()} />;
  const stage = (s: AppealMetricsRow['accept']) => (s.due ? `${formatRate(s.rate)} (${s.onTime}/${s.due})` : '—');
  return (
    <Card size="small">
      <Table<AppealMetricsRow>
        data-testid="metrics-table-appeal"
        rowKey="unitId"
        size="middle"
        loading={metrics.isFetching}
        dataSource={metrics.data?.rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('problemMetrics.none')} /> }}
        columns={[
          {
            title: t('problemMetrics.leadUnit'),
            key: 'unit',
            fixed: 'left',
            render: (_: unknown, row: { unitId: number; unitName: string }) => unitOf(row.unitId, row.unitName),
          },
          {
            title: t('problemMetrics.total'),
            dataIndex: 'total',
            align: 'right',
            render: (v: number, row) =>
              v > 0 && row.unitId > 0 ? <Link to={metricsDrillDown('appeal', 'lead', row.unitId, undefined, range)}>{v}</Link> : v,
          },
          { title: t('problemMetrics.rated'), dataIndex: 'rated', align: 'right' },
          { title: t('appealRating.satisfied'), dataIndex: 'satisfied', align: 'right' },
          { title: t('appealRating.basic'), dataIndex: 'basic', align: 'right' },
          { title: t('appealRating.unsatisfied'), dataIndex: 'unsatisfied', align: 'right' },
          {
            title: t('problemMetrics.satisfaction'),
            dataIndex: 'satisfactionRate',
            align: 'right',
            render: (v: number | null) => formatRate(v),
          },
          { title: t('problemMetrics.acceptOnTime'), key: 'accept', align: 'right', render: (_, row) => stage(row.accept) },
          { title: t('problemMetrics.replyOnTime'), key: 'reply', align: 'right', render: (_, row) => stage(row.reply) },
          { title: t('problemMetrics.resolveOnTime'), key: 'resolve', align: 'right', render: (_, row) => stage(row.resolve) },
        ]}
      />
      {metrics.data ? <Typography.Text type="secondary">{t('problemMetrics.asOf', { date: metrics.data.asOf })}</Typography.Text> : null}
    </Card>
  );
}
