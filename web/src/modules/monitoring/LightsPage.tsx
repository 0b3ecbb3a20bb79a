import { DashboardOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Flex, Progress, Segmented, Space, Table, type TableProps, Tag, Tooltip, Typography } from 'antd';
import { useCallback, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { LightColour, ProjectLight } from '../../../../src/contracts/index.js';
import { api } from '../../api/endpoints';
import { LIGHT_COLORS } from '../../charts/lights';
import { LoadError } from '../../components/LoadError';
import { ExportButton } from '../../components/ExportButton';
import { PageContainer } from '../../components/PageContainer';
import { useT } from '../../i18n';
import { useUnitLabel, useUnitTree } from '../projects/shared/hooks';
import { formatAmount, formatMoney, formatRate } from '../projects/shared/money';
import {
  cockpitUrl,
  type LightsParams,
  lightsParamsFromSearch,
  lightsUrl,
  type MonitoringParams,
  monitoringSearch,
  ratioPercent,
} from './monitoring-query';
import { LightTag, MonitoringToolbar, ResolvingYear, ScopeTrail, scopeUnitName } from './shared';
import { UnitLightsTable } from './UnitLightsTable';
import { useDefaultYear, useOverview } from './use-monitoring';

/** One filter over the lights and the 红黄榜: a light, or a list (the red list praises, the yellow names the lagging). */
type LightFilter = LightColour | 'all' | 'honour-red' | 'honour-yellow';
const FILTERS: LightFilter[] = ['all', 'red', 'yellow', 'green', 'none', 'honour-red', 'honour-yellow'];

/**
 * 红黄绿灯: the units below the unit looked into (drill into those with units below them) and
 * the project lights with their reasons, worst first, filtered by unit and light.
 */
export default function LightsPage() {
  const { t, locale } = useT();
  const [search, setSearch] = useSearchParams();
  const params = useMemo(() => lightsParamsFromSearch(search), [search]);
  const setParams = useCallback((next: Partial<LightsParams>) => setSearch(monitoringSearch(next)), [setSearch]);
  const resolveYear = useCallback(
    (year: number) => setSearch(monitoringSearch({ ...params, year }), { replace: true }),
    [params, setSearch],
  );
  const defaultYear = useDefaultYear(params, resolveYear);
  const units = useUnitTree();
  const unitOf = useUnitLabel();

  const scope =
    params.year === undefined
      ? null
      : { year: params.year, ...(params.asOf ? { asOf: params.asOf } : {}), ...(params.unitId ? { unitId: params.unitId } : {}) };
  const overview = useOverview(scope);
  const query = scope
    ? {
        ...scope,
        ...(params.light ? { light: params.light } : {}),
        ...(params.honour ? { honour: params.honour } : {}),
        page: params.page,
        pageSize: params.pageSize,
      }
    : null;
  const projects = useQuery({
    queryKey: ['monitoring', 'projects', query],
    queryFn: () => api.monitoring.projects(query!),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });

  const exportExcel = async () => {
    if (!query) throw new Error('no year yet');
    const { page: _page, pageSize: _pageSize, ...filter } = query;
    const list = params.honour ? t(`lights.honour-${params.honour}`) : t('lights.exportName');
    return api.monitoring.exportProjects(filter, `${list}-${params.asOf ?? params.year}.xlsx`);
  };

  const error = defaultYear.error ?? (projects.error && !projects.data ? projects.error : null);
  if (error) return <LoadError error={error} onRetry={() => (defaultYear.error ? defaultYear.retry() : void projects.refetch())} />;

  const keep = (next: MonitoringParams) => setParams({ ...next, light: params.light, honour: params.honour, pageSize: params.pageSize });
  const counts = overview.data?.total.counts;
  const honours = overview.data?.total.honours;

  const columns: TableProps<ProjectLight>['columns'] = [
    {
      title: t('lights.col.light'),
      dataIndex: 'light',
      width: 90,
      render: (light: LightColour, row) => (
        <Space size={4}>
          <LightTag light={light} />
          {row.honour ? (
            <Tag color={row.honour === 'red' ? 'red' : 'gold'} data-testid={`honour-${row.honour}`}>
              {t(`lights.honour-${row.honour}`)}
            </Tag>
          ) : null}
        </Space>
      ),
    },
    {
      title: t('lights.col.project'),
      dataIndex: 'projectName',
      render: (name: string, row) => (
        <Link to={`/projects/${row.projectId}`} data-testid="light-project" data-project-id={row.projectId}>
          {name}
        </Link>
      ),
    },
    {
      title: (
        <Tooltip title={t('monitoring.ratioHelp')}>
          <span>{t('monitoring.col.ratio')}</span>
        </Tooltip>
      ),
      key: 'ratio',
      width: 140,
      render: (_, row) => (
        <Flex align="center" gap={8}>
          <Progress
            percent={ratioPercent(row.ratio)}
            showInfo={false}
            size="small"
            strokeColor={LIGHT_COLORS[row.light]}
            style={{ width: 60, margin: 0 }}
          />
          <span>{formatRate(row.ratio)}</span>
        </Flex>
      ),
    },
    {
      title: t('lights.col.reasons'),
      key: 'reasons',
      width: 300,
      render: (_, row) =>
        row.reasons.length ? (
          <Space orientation="vertical" size={0}>
            {row.reasons.map((reason) => (
              <Typography.Text key={reason.key + reason.message} type={row.light === 'red' ? 'danger' : undefined} style={{ fontSize: 13 }}>
                {reason.message}
              </Typography.Text>
            ))}
          </Space>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    { title: t('monitoring.col.ytdWan'), dataIndex: 'ytd', align: 'right', render: (v: string) => formatAmount(v) },
    { title: t('monitoring.col.dueWan'), dataIndex: 'dueByNow', align: 'right', render: (v: string) => formatAmount(v) },
    { title: t('monitoring.col.planWan'), dataIndex: 'plan', align: 'right', render: (v: string) => formatAmount(v) },
    { title: t('monitoring.col.forecastWan'), dataIndex: 'forecast', align: 'right', render: (v: string) => formatAmount(v) },
    {
      title: t('monitoring.col.unit'),
      key: 'unit',
      render: (_, row) => (
        <Link to={lightsUrl({ year: params.year, asOf: params.asOf, unitId: row.unitId, light: params.light, honour: params.honour })}>
          {unitOf(row.unitId, row.unitName)}
        </Link>
      ),
    },
  ];

  return (
    <PageContainer
      title={t('lights.title')}
      extra={<MonitoringToolbar params={params} shownAsOf={overview.data?.asOf} units={units} onChange={keep} />}
    >
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        <ScopeTrail
          units={units.items}
          unitId={params.unitId}
          scopeName={overview.data ? scopeUnitName(units.items, overview.data.scope, locale) : undefined}
          linkTo={(unitId) => lightsUrl({ year: params.year, asOf: params.asOf, unitId, light: params.light, honour: params.honour })}
        />
        <Link to={cockpitUrl(params)}>
          <DashboardOutlined /> {t('lights.toCockpit')}
        </Link>
      </Flex>
      {defaultYear.isResolving ? (
        <ResolvingYear year={defaultYear.probingYear} />
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Card
            size="small"
            title={t('lights.unitsTitle', { name: overview.data ? scopeUnitName(units.items, overview.data.scope, locale) : '' })}
            extra={
              overview.data ? (
                <Space size={12}>
                  <Typography.Text type="secondary">
                    {t('lights.scopeTotal', {
                      ytd: formatMoney(overview.data.total.ytd, locale),
                      due: formatMoney(overview.data.total.dueByNow, locale),
                      ratio: formatRate(overview.data.total.ratio),
                    })}
                  </Typography.Text>
                  <LightTag light={overview.data.total.light} />
                </Space>
              ) : null
            }
          >
            <UnitLightsTable
              overview={overview.data}
              params={params}
              units={units.items}
              drillUrl={(unitId) => lightsUrl({ year: params.year, asOf: params.asOf, unitId, light: params.light, honour: params.honour })}
              loading={overview.isFetching}
            />
          </Card>
          <Card
            size="small"
            title={t('lights.projectsTitle')}
            extra={
              <Space wrap>
                <Segmented<LightFilter>
                  value={params.honour ? `honour-${params.honour}` : (params.light ?? 'all')}
                  onChange={(value) =>
                    setParams({
                      ...params,
                      light: value === 'all' || value.startsWith('honour-') ? undefined : (value as LightColour),
                      honour: value === 'honour-red' ? 'red' : value === 'honour-yellow' ? 'yellow' : undefined,
                      page: 1,
                    })
                  }
                  options={FILTERS.map((value) => ({
                    value,
                    label:
                      value === 'all'
                        ? t('lights.filterAll')
                        : value === 'honour-red' || value === 'honour-yellow'
                          ? `${t(`lights.${value}`)}${honours ? ` ${honours[value === 'honour-red' ? 'red' : 'yellow']}` : ''}`
                          : `${t(`monitoring.light.${value}`)}${counts ? ` ${counts[value]}` : ''}`,
                  }))}
                  data-testid="lights-filter"
                />
                <ExportButton run={exportExcel} testId="lights-export" disabled={!projects.data?.total} size="small" />
              </Space>
            }
          >
            <Table<ProjectLight>
              data-testid="project-lights"
              rowKey="projectId"
              size="small"
              loading={projects.isFetching}
              dataSource={projects.data?.items}
              columns={columns}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: t('lights.noProjects') }}
              pagination={{
                current: params.page,
                pageSize: params.pageSize,
                total: projects.data?.total ?? 0,
                showSizeChanger: true,
                showTotal: (total) => t('common.total', { total }),
                onChange: (page, pageSize) => setParams({ ...params, page: pageSize === params.pageSize ? page : 1, pageSize }),
              }}
            />
          </Card>
        </Space>
      )}
    </PageContainer>
  );
}
