import { QuestionCircleOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Card,
  Col,
  DatePicker,
  Flex,
  Form,
  Row,
  Segmented,
  Space,
  Statistic,
  Table,
  type TableProps,
  Tooltip,
  TreeSelect,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { type ReactNode, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { codeLabel, FUNNEL_STAGES, type FunnelRow, type FunnelStage } from '../../../../src/contracts/index.js';
import { api, type FunnelFilter } from '../../api/endpoints';
import { EChart } from '../../charts/EChart';
import { buildFunnelOption, type FunnelMeasureKind } from '../../charts/funnel-option';
import { LatestYearEmpty } from '../../components/LatestYearEmpty';
import { LoadError } from '../../components/LoadError';
import { PageContainer } from '../../components/PageContainer';
import { useT } from '../../i18n';
import { buildUnitTree } from '../org/unit-tree';
import { useUnitLabel, useUnitTree } from '../projects/shared/hooks';
import { formatMoney, formatRate } from '../projects/shared/money';
import { type FunnelMeasure, funnelDrillUrl, funnelParamsFromSearch, funnelSearch } from './drill-down';

/**
 * 招商漏斗: a cohort (deals signed in a period) followed to a date: how many had reached each
 * stage, per unit and in total. Every figure links to the deals behind it.
 */
export default function FunnelPage() {
  const { t, locale } = useT();
  const [search, setSearch] = useSearchParams();
  const query = useMemo(() => funnelParamsFromSearch(search), [search]);
  const [measure, setMeasure] = useState<FunnelMeasureKind>('count');
  const units = useUnitTree();
  const unitOf = useUnitLabel();
  const unitTree = useMemo(() => buildUnitTree(units.items, { locale }), [units.items, locale]);

  const funnel = useQuery({
    queryKey: ['deals', 'funnel', query],
    queryFn: () => api.deals.funnel(query),
    placeholderData: keepPreviousData,
  });
  const set = (next: Partial<FunnelFilter>) => setSearch(funnelSearch({ ...query, ...next }), { replace: true });

  const option = useMemo(
    () =>
      funnel.data
        ? buildFunnelOption(funnel.data.total, measure, {
            stage: (stage) => codeLabel('dealStage', stage, locale),
            count: (count) => t('funnel.count', { count }),
            amount: (amount) => formatMoney(amount, locale),
            rate: (rate) => formatRate(rate),
          })
        : null,
    [funnel.data, measure, locale, t],
  );

  if (funnel.error && !funnel.data) return <LoadError error={funnel.error} onRetry={() => void funnel.refetch()} />;
  const total = funnel.data?.total;
  const rootId = total?.unitId;

  /** A figure as a link to the deals it counts (the total row without a unit). */
  const drill = (row: FunnelRow | null, what: FunnelMeasure, text: string, testId?: string) => {
    const filter: FunnelFilter = { ...query, ...(row ? { unitId: row.unitId } : {}) };
    if (!row && query.unitId) filter.unitId = query.unitId;
    // The root's own row counts only what it filed itself, not its subtree.
    const own = row !== null && row.unitId === rootId;
    return (
      <Link to={funnelDrillUrl(filter, what, own)} data-testid={testId}>
        {text}
      </Link>
    );
  };

  const rateCell = (row: FunnelRow | null, stage: FunnelStage) => {
    const r = (row ?? total)?.stages[stage];
    if (!r) return null;
    return (
      <Flex vertical align="flex-end">
        {drill(row, stage, formatRate(r.byCount))}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {drill(row, stage, t('funnel.count', { count: r.reachedCount }), row ? undefined : `funnel-reached-${stage}`)} ·{' '}
          {t('funnel.amountRate', { rate: formatRate(r.byAmount) })}
        </Typography.Text>
      </Flex>
    );
  };

  const columns = (forTotal: boolean): TableProps<FunnelRow>['columns'] => [
    {
      title: t('funnel.unit'),
      key: 'unit',
      fixed: 'left',
      render: (_, row) =>
        forTotal ? (
          <Typography.Text strong>{t('funnel.total')}</Typography.Text>
        ) : row.unitId === rootId ? (
          <Tooltip title={t('funnel.ownRowHint')}>{t('funnel.ownRow', { name: unitOf(row.unitId, row.unitName) })}</Tooltip>
        ) : (
          unitOf(row.unitId, row.unitName)
        ),
    },
    {
      title: t('funnel.cohortCount'),
      key: 'cohort',
      align: 'right',
      render: (_, row) => (
        <Flex vertical align="flex-end">
          {drill(forTotal ? null : row, 'cohort', t('funnel.count', { count: row.cohortCount }))}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatMoney(row.cohortAmount, locale)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: (
        <Tooltip title={t('funnel.attractionHelp')}>
          {t('funnel.attractionRate')} <QuestionCircleOutlined />
        </Tooltip>
      ),
      key: 'attraction',
      align: 'right',
      render: (_, row) => (
        <Flex vertical align="flex-end">
          <Typography.Text
            strong={row.attractionRate !== null}
            type={row.attractionRate !== null && row.attractionRate < 1 ? 'warning' : undefined}
          >
            {formatRate(row.attractionRate)}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {drill(forTotal ? null : row, 'attracted', formatMoney(row.attractedAmount, locale))} / {formatMoney(row.target, locale)}
          </Typography.Text>
        </Flex>
      ),
    },
    ...FUNNEL_STAGES.map((stage) => ({
      title: t(`funnel.${stage}`),
      key: stage,
      align: 'right' as const,
      render: (_: unknown, row: FunnelRow) => rateCell(forTotal ? null : row, stage),
    })),
    {
      title: t('funnel.lateFilings'),
      key: 'late',
      align: 'right',
      render: (_, row) => drill(forTotal ? null : row, 'lateFilings', String(row.lateFilings)),
    },
    {
      title: t('funnel.duplicates'),
      key: 'duplicates',
      align: 'right',
      render: (_, row) => drill(forTotal ? null : row, 'duplicates', String(row.unsettledDuplicates)),
    },
  ];

  const unitColumns = columns(false) ?? [];
  const totalColumns = columns(true) ?? [];

  return (
    <PageContainer title={t('funnel.title')}>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form layout="inline" style={{ rowGap: 12 }}>
          <Form.Item label={t('funnel.cohort')}>
            <DatePicker.RangePicker
              allowClear={false}
              value={[dayjs(query.cohortFrom), dayjs(query.cohortTo)]}
              onChange={(range) => {
                if (range?.[0] && range[1]) set({ cohortFrom: range[0].format('YYYY-MM-DD'), cohortTo: range[1].format('YYYY-MM-DD') });
              }}
              data-testid="funnel-cohort"
            />
          </Form.Item>
          <Form.Item label={t('funnel.asOf')}>
            <DatePicker
              allowClear={false}
              value={dayjs(query.asOf)}
              onChange={(date) => {
                if (date) set({ asOf: date.format('YYYY-MM-DD') });
              }}
              data-testid="funnel-asof"
            />
          </Form.Item>
          {units.enabled ? (
            <Form.Item label={t('funnel.unit')}>
              <TreeSelect
                allowClear
                showSearch={{ treeNodeFilterProp: 'title' }}
                placeholder={t('funnel.unitAll')}
                treeData={unitTree}
                value={query.unitId}
                onChange={(unitId?: number) => set({ unitId: unitId ?? undefined })}
                style={{ width: 220 }}
                listHeight={360}
                data-testid="funnel-unit"
              />
            </Form.Item>
          ) : null}
        </Form>
      </Card>
      {total ? (
        <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic
                title={t('funnel.cohortCount')}
                value={total.cohortCount}
                formatter={() => drill(null, 'cohort', String(total.cohortCount), 'funnel-cohort-count')}
              />
              <Typography.Text type="secondary">{formatMoney(total.cohortAmount, locale)}</Typography.Text>
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title={t('funnel.attractionRate')} value={formatRate(total.attractionRate)} />
              <Typography.Text type="secondary">
                {formatMoney(total.attractedAmount, locale)} / {formatMoney(total.target, locale)}
              </Typography.Text>
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic
                title={t('funnel.lateFilings')}
                value={total.lateFilings}
                formatter={() => drill(null, 'lateFilings', String(total.lateFilings))}
              />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic
                title={t('funnel.duplicates')}
                value={total.unsettledDuplicates}
                formatter={() => drill(null, 'duplicates', String(total.unsettledDuplicates), 'funnel-duplicates-count')}
              />
            </Card>
          </Col>
        </Row>
      ) : null}
      <Card
        title={t('funnel.chart')}
        style={{ marginBottom: 16 }}
        loading={!funnel.data}
        extra={
          <Segmented<FunnelMeasureKind>
            value={measure}
            onChange={setMeasure}
            options={[
              { value: 'count', label: t('funnel.byCount') },
              { value: 'amount', label: t('funnel.byAmount') },
            ]}
            data-testid="funnel-measure"
          />
        }
      >
        {total && total.cohortCount === 0 ? (
          <LatestYearEmpty
            description={t('funnel.empty')}
            shownYear={
              Number(query.cohortFrom.slice(0, 4)) === Number(query.cohortTo.slice(0, 4)) ? Number(query.cohortFrom.slice(0, 4)) : undefined
            }
            queryKey={['deals', 'latest']}
            latestDate={async () => (await api.deals.list({ page: 1, pageSize: 1, sort: '-signedOn' })).items[0]?.signedOn ?? null}
            // The whole of that year: its cohort as of its end, so the attraction rate reads its own target.
            onPick={(year) => set({ cohortFrom: `${year}-01-01`, cohortTo: `${year}-12-31`, asOf: `${year}-12-31` })}
            testId="funnel-chart"
          />
        ) : option ? (
          <EChart option={option} height={340} testId="funnel-chart" />
        ) : null}
      </Card>
      <Card
        title={
          <Space>
            {t('funnel.title')}
            <Tooltip title={t('funnel.rateHelp')}>
              <QuestionCircleOutlined />
            </Tooltip>
          </Space>
        }
      >
        <Table<FunnelRow>
          data-testid="funnel-table"
          rowKey="unitId"
          size="small"
          loading={funnel.isFetching}
          dataSource={funnel.data?.units}
          columns={unitColumns}
          pagination={false}
          scroll={{ x: 'max-content' }}
          summary={() =>
            total ? (
              <Table.Summary fixed>
                <Table.Summary.Row style={{ background: 'rgba(0,0,0,0.02)' }}>
                  {totalColumns.map((column, index) => (
                    <Table.Summary.Cell key={String(column.key)} index={index} align={'align' in column ? column.align : undefined}>
                      {'render' in column && column.render ? (column.render(undefined, total, 0) as ReactNode) : null}
                    </Table.Summary.Cell>
                  ))}
                </Table.Summary.Row>
              </Table.Summary>
            ) : null
          }
        />
      </Card>
    </PageContainer>
  );
}
