import { Flex, Progress, Space, Table, type TableProps, Tooltip, Typography } from 'antd';
import { Link } from 'react-router';
import type { LightColour, MonitoringOverview, UnitLight, UnitTreeNode } from '../../../../src/contracts/index.js';
import { LIGHT_COLORS } from '../../charts/lights';
import { useT } from '../../i18n';
import { useUnitNames } from '../projects/shared/hooks';
import { formatAmount, formatRate } from '../projects/shared/money';
import { lightsUrl, type MonitoringParams, ratioPercent } from './monitoring-query';
import { LightTag, ownRowTest } from './shared';

const COUNTED: LightColour[] = ['red', 'yellow', 'green'];

/**
 * One row per unit below the unit looked into: plan, due by now, year to date, rate, light,
 * forecast and the projects by light. A unit with units below it opens its own view
 * (`drillUrl`); every count opens the project lights behind it.
 */
export function UnitLightsTable({
  overview,
  params,
  units,
  drillUrl,
  loading,
  testId = 'unit-lights',
}: {
  overview: MonitoringOverview | undefined;
  params: MonitoringParams;
  units: readonly UnitTreeNode[];
  drillUrl: (unitId: number) => string;
  loading?: boolean;
  testId?: string;
}) {
  const { t } = useT();
  const unitOf = useUnitNames(units);
  const base = { year: params.year, asOf: params.asOf };
  const isOwnRow = ownRowTest(overview, units);

  const columns: TableProps<UnitLight>['columns'] = [
    {
      title: t('monitoring.col.unit'),
      key: 'unit',
      fixed: 'left',
      render: (_, row) => {
        const name = unitOf(row.unitId, row.unitName);
        if (isOwnRow(row)) {
          return <Tooltip title={t('monitoring.ownRowHint')}>{t('monitoring.ownRow', { name })}</Tooltip>;
        }
        return row.hasChildren ? (
          <Link to={drillUrl(row.unitId)} data-testid="unit-drill" data-unit-id={row.unitId}>
            {name}
          </Link>
        ) : (
          <Link to={lightsUrl({ ...base, unitId: row.unitId })} data-testid="unit-lights-link" data-unit-id={row.unitId}>
            {name}
          </Link>
        );
      },
    },
    {
      title: t('monitoring.col.projects'),
      dataIndex: 'projects',
      align: 'right',
      render: (count: number, row) => (isOwnRow(row) ? count : <Link to={lightsUrl({ ...base, unitId: row.unitId })}>{count}</Link>),
    },
    { title: t('monitoring.col.planWan'), dataIndex: 'plan', align: 'right', render: (v: string) => formatAmount(v) },
    { title: t('monitoring.col.dueWan'), dataIndex: 'dueByNow', align: 'right', render: (v: string) => formatAmount(v) },
    { title: t('monitoring.col.ytdWan'), dataIndex: 'ytd', align: 'right', render: (v: string) => formatAmount(v) },
    {
      title: (
        <Tooltip title={t('monitoring.ratioHelp')}>
          <span>{t('monitoring.col.ratio')}</span>
        </Tooltip>
      ),
      key: 'ratio',
      width: 170,
      sorter: (a, b) => (a.ratio ?? -1) - (b.ratio ?? -1),
      render: (_, row) => (
        <Flex align="center" gap={8}>
          <Progress
            percent={ratioPercent(row.ratio)}
            showInfo={false}
            size="small"
            strokeColor={LIGHT_COLORS[row.light]}
            style={{ width: 70, margin: 0 }}
          />
          <Typography.Text style={{ minWidth: 48, textAlign: 'right' }}>{formatRate(row.ratio)}</Typography.Text>
          <LightTag light={row.light} />
        </Flex>
      ),
    },
    { title: t('monitoring.col.forecastWan'), dataIndex: 'forecast', align: 'right', render: (v: string) => formatAmount(v) },
    {
      title: t('monitoring.col.byLight'),
      key: 'counts',
      render: (_, row) => (
        <Space size={12}>
          {COUNTED.map((light) => {
            const count = row.counts[light];
            const text = (
              <span key={light} style={{ color: count ? LIGHT_COLORS[light] : 'rgba(0,0,0,0.25)', fontWeight: count ? 600 : 400 }}>
                {t(`monitoring.lightShort.${light}`)} {count}
              </span>
            );
            return isOwnRow(row) || count === 0 ? (
              <span key={light}>{text}</span>
            ) : (
              <Link key={light} to={lightsUrl({ ...base, unitId: row.unitId, light })} data-testid={`unit-count-${light}`}>
                {text}
              </Link>
            );
          })}
        </Space>
      ),
    },
  ];

  return (
    <Table<UnitLight>
      data-testid={testId}
      rowKey="unitId"
      size="small"
      loading={loading}
      dataSource={overview?.units}
      columns={columns}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('monitoring.noUnits') }}
    />
  );
}
