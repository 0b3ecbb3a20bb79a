import { AlertOutlined, FileWordOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Card, Col, Empty, Flex, Progress, Row, Space, Tooltip, Typography } from 'antd';
import { useCallback, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { LightColour, MonitoringOverview } from '../../../../src/contracts/index.js';
import { EChart } from '../../charts/EChart';
import { LIGHT_COLORS } from '../../charts/lights';
import '../../charts/monitoring-charts';
import { buildTrajectoryOption, hasTrajectory, trajectoryMax } from '../../charts/trajectory-option';
import { useCan } from '../../app/session';
import { LoadError } from '../../components/LoadError';
import { PageContainer } from '../../components/PageContainer';
import { useT } from '../../i18n';
import { useUnitTree } from '../projects/shared/hooks';
import { formatMoney, formatRate } from '../projects/shared/money';
import { CockpitBoards } from './CockpitBoards';
import { CockpitMap } from './CockpitMap';
import { CockpitMissing } from './CockpitMissing';
import { CockpitCompetition } from './CockpitCompetition';
import { CockpitObservation } from './CockpitObservation';
import { KpiCard } from './KpiCard';
import {
  cockpitUrl,
  lightsUrl,
  measuredMonthKey,
  type MonitoringParams,
  monitoringParamsFromSearch,
  monitoringSearch,
  packsUrl,
  ratioPercent,
  shareOf,
  warningsUrl,
} from './monitoring-query';
import { LightTag, MonitoringToolbar, ResolvingYear, ScopeTrail, scopeUnitName } from './shared';
import { UnitLightsTable } from './UnitLightsTable';
import { useDefaultYear, useOverview } from './use-monitoring';

const COUNTED: LightColour[] = ['red', 'yellow', 'green'];

/**
 * 驾驶舱: the city (or the unit looked into) against its annual task — year to date vs the plan
 * due by now, the light, the year-end forecast — on a map of the units, with the trajectory,
 * the leaderboards, who is missing and the early warnings. Every number links to its rows.
 */
export default function CockpitPage() {
  const { t, locale } = useT();
  const can = useCan();
  const [search, setSearch] = useSearchParams();
  const params = useMemo(() => monitoringParamsFromSearch(search), [search]);
  const setParams = useCallback((next: MonitoringParams) => setSearch(monitoringSearch(next)), [setSearch]);
  const resolveYear = useCallback(
    (year: number) => setSearch(monitoringSearch({ ...params, year }), { replace: true }),
    [params, setSearch],
  );
  const defaultYear = useDefaultYear(params, resolveYear);
  const units = useUnitTree();
  const filter =
    params.year === undefined
      ? null
      : { year: params.year, ...(params.asOf ? { asOf: params.asOf } : {}), ...(params.unitId ? { unitId: params.unitId } : {}) };
  const overview = useOverview(filter);
  const data = overview.data;

  const error = defaultYear.error ?? (overview.error && !data ? overview.error : null);
  if (error) return <LoadError error={error} onRetry={() => (defaultYear.error ? defaultYear.retry() : void overview.refetch())} />;

  const month = data ? measuredMonthKey(data.year, data.month) : null;
  return (
    <PageContainer
      title={t('cockpit.title')}
      extra={<MonitoringToolbar params={params} shownAsOf={data?.asOf} units={units} onChange={setParams} showUnit={false} />}
    >
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        <ScopeTrail
          units={units.items}
          unitId={params.unitId}
          scopeName={data ? scopeUnitName(units.items, data.scope, locale) : undefined}
          linkTo={(unitId) => cockpitUrl({ year: params.year, asOf: params.asOf, unitId })}
        />
        {data ? <MeasuredNote overview={data} /> : null}
      </Flex>
      {defaultYear.isResolving ? (
        <ResolvingYear year={defaultYear.probingYear} />
      ) : !data ? (
        <Card loading />
      ) : data.total.projects === 0 ? (
        <Card>
          <Empty description={t('cockpit.noPlan', { year: data.year })} data-testid="cockpit-empty">
            <Typography.Text type="secondary">{t('cockpit.noPlanHint')}</Typography.Text>
          </Empty>
        </Card>
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <KpiRow overview={data} params={params} />
          <CockpitMap overview={data} params={params} units={units.items} />
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={can('board.read') || can('report.read') ? 10 : 24}>
              <TrajectoryCard overview={data} />
            </Col>
            {can('board.read') ? (
              <Col xs={24} md={14} xl={8}>
                <CockpitBoards month={month} units={units.items} />
              </Col>
            ) : null}
            {can('report.read') ? (
              <Col xs={24} md={10} xl={6}>
                <CockpitMissing month={month} units={units.items} />
              </Col>
            ) : null}
          </Row>
          {can('observation.read') || can('competition.read') ? (
            <Row gutter={[16, 16]}>
              {can('observation.read') ? (
                <Col xs={24} xl={can('competition.read') ? 12 : 24}>
                  <CockpitObservation year={data.year} />
                </Col>
              ) : null}
              {can('competition.read') ? (
                <Col xs={24} xl={can('observation.read') ? 12 : 24}>
                  <CockpitCompetition year={data.year} />
                </Col>
              ) : null}
            </Row>
          ) : null}
          <Card
            title={t('cockpit.unitsTitle', { name: scopeUnitName(units.items, data.scope, locale) })}
            extra={
              <Space size={16}>
                <Link to={lightsUrl(params)}>
                  <UnorderedListOutlined /> {t('cockpit.allLights')}
                </Link>
                <Link to={packsUrl({ year: params.year, unitId: params.unitId })}>
                  <FileWordOutlined /> {t('menu.packs')}
                </Link>
              </Space>
            }
          >
            <UnitLightsTable
              overview={data}
              params={params}
              units={units.items}
              drillUrl={(unitId) => cockpitUrl({ ...params, unitId })}
              loading={overview.isFetching}
              testId="cockpit-units"
            />
          </Card>
        </Space>
      )}
    </PageContainer>
  );
}

/** "截至 2022-12-31 · 已计 12 个月 · 季节性曲线：2019–2021 年月报" */
function MeasuredNote({ overview }: { overview: MonitoringOverview }) {
  const { t } = useT();
  const profile =
    overview.profile.source === 'learnt'
      ? t('monitoring.profileLearnt', { years: overview.profile.years.join(t('common.listSeparator')) })
      : t('monitoring.profileDefault');
  return (
    <Typography.Text type="secondary" data-testid="cockpit-measured">
      {overview.month > 0
        ? t('monitoring.measured', { asOf: overview.asOf, month: overview.month })
        : t('monitoring.measuredNone', { asOf: overview.asOf })}
      {' · '}
      <Tooltip title={t('monitoring.profileHelp')}>{profile}</Tooltip>
    </Typography.Text>
  );
}

function KpiRow({ overview, params }: { overview: MonitoringOverview; params: MonitoringParams }) {
  const { t, locale } = useT();
  const total = overview.total;
  const ofPlan = (amount: string) => formatRate(shareOf(amount, total.plan));
  return (
    <div data-testid="cockpit-kpis" style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(210px, 1fr))', gap: 16 }}>
      <div>
        <KpiCard
          title={t('cockpit.kpi.plan')}
          help={t('cockpit.kpi.planHelp')}
          value={<MoneyFigure amount={total.plan} testId="kpi-plan" />}
          footer={
            <Link to={lightsUrl(params)} data-testid="kpi-projects">
              {t('cockpit.kpi.projects', { count: total.projects })}
            </Link>
          }
        >
          <Typography.Text type="secondary">{t('cockpit.kpi.year', { year: overview.year })}</Typography.Text>
        </KpiCard>
      </div>
      <div>
        <KpiCard
          title={t('cockpit.kpi.ytd')}
          help={t('cockpit.kpi.ytdHelp')}
          value={<MoneyFigure amount={total.ytd} testId="kpi-ytd" />}
          footer={<Typography.Text type="secondary">{t('cockpit.kpi.ofPlan', { rate: ofPlan(total.ytd) })}</Typography.Text>}
        >
          <Typography.Text type="secondary">{t('cockpit.kpi.due', { due: formatMoney(total.dueByNow, locale) })}</Typography.Text>
        </KpiCard>
      </div>
      <div>
        <KpiCard
          title={t('cockpit.kpi.ratio')}
          help={t('monitoring.ratioHelp')}
          value={
            <Space size={8} align="center">
              <span data-testid="kpi-ratio" style={{ color: LIGHT_COLORS[total.light] }}>
                {formatRate(total.ratio)}
              </span>
              <LightTag light={total.light} testId="kpi-light" />
            </Space>
          }
          footer={
            <Progress
              percent={ratioPercent(total.ratio)}
              showInfo={false}
              strokeColor={LIGHT_COLORS[total.light]}
              size="small"
              style={{ margin: 0 }}
            />
          }
        >
          <Typography.Text type="secondary">{t('cockpit.kpi.ratioSub')}</Typography.Text>
        </KpiCard>
      </div>
      <div>
        <KpiCard
          title={t('cockpit.kpi.forecast')}
          help={t('cockpit.kpi.forecastHelp')}
          value={<MoneyFigure amount={total.forecast} testId="kpi-forecast" />}
          footer={<Typography.Text type="secondary">{t('cockpit.kpi.ofPlan', { rate: ofPlan(total.forecast) })}</Typography.Text>}
        >
          <Typography.Text type="secondary">
            {overview.month > 0 ? t('cockpit.kpi.forecastSub', { month: overview.month }) : t('cockpit.kpi.forecastPlan')}
          </Typography.Text>
        </KpiCard>
      </div>
      <div>
        <KpiCard
          title={t('cockpit.kpi.lights')}
          help={t('cockpit.kpi.lightsHelp')}
          testId="kpi-lights"
          value={
            <Flex gap={12} align="baseline" style={{ fontSize: 22 }}>
              {COUNTED.map((light) => (
                <CountLink
                  key={light}
                  to={lightsUrl({ ...params, light })}
                  testId={`kpi-count-${light}`}
                  color={LIGHT_COLORS[light]}
                  label={t(`monitoring.lightShort.${light}`)}
                  count={total.counts[light]}
                />
              ))}
            </Flex>
          }
          footer={
            <Link to={warningsUrl(params)} data-testid="kpi-warnings">
              <AlertOutlined style={{ color: overview.warnings ? '#fa541c' : undefined }} />{' '}
              {t('cockpit.kpi.warnings', { count: overview.warnings })}
            </Link>
          }
        >
          <Link to={lightsUrl({ ...params, light: 'none' })} style={{ fontSize: 12 }} data-testid="kpi-count-none">
            {t('cockpit.kpi.none', { count: total.counts.none })}
          </Link>
        </KpiCard>
      </div>
      <div>
        <KpiCard
          title={t('cockpit.kpi.honours')}
          help={t('cockpit.kpi.honoursHelp')}
          testId="kpi-honours"
          value={
            <Flex gap={16} align="baseline" style={{ fontSize: 22 }}>
              {(['red', 'yellow'] as const).map((list) => (
                <CountLink
                  key={list}
                  to={lightsUrl({ ...params, honour: list })}
                  testId={`kpi-honour-${list}`}
                  color={list === 'red' ? LIGHT_COLORS.red : '#d48806'}
                  label={t(`lights.honour-${list}`)}
                  count={total.honours[list]}
                />
              ))}
            </Flex>
          }
        >
          <Typography.Text type="secondary">{t('cockpit.kpi.honoursSub')}</Typography.Text>
        </KpiCard>
      </div>
    </div>
  );
}

/** A count that opens the rows behind it, with its short label in its colour. */
function CountLink({ to, testId, color, label, count }: { to: string; testId: string; color: string; label: string; count: number }) {
  return (
    <Link to={to} data-testid={testId} style={{ color }}>
      <span style={{ fontSize: 13, marginRight: 2 }}>{label}</span>
      {count}
    </Link>
  );
}

function TrajectoryCard({ overview }: { overview: MonitoringOverview }) {
  const { t, locale } = useT();
  const option = useMemo(() => {
    // Every tick in the unit of the largest figure (not "0 万元" under "200.00 亿元").
    const axisUnit = trajectoryMax(overview.trajectory) >= 10_000 ? 'yi' : 'wan';
    return buildTrajectoryOption(overview.trajectory, {
      line: (line) => t(`monitoring.line.${line}`),
      month: (month) => t('monitoring.monthShort', { month }),
      money: (amount) => formatMoney(amount, locale),
      axis: (value) => formatMoney(String(Math.round(value)), locale, axisUnit),
    });
  }, [overview.trajectory, t, locale]);
  return (
    <Card title={t('cockpit.trajectoryTitle')} style={{ height: '100%' }} data-testid="cockpit-trajectory-card">
      {hasTrajectory(overview.trajectory) ? (
        <EChart option={option} height={340} testId="cockpit-trajectory" />
      ) : (
        <Empty description={t('cockpit.noTrajectory')} />
      )}
    </Card>
  );
}

/** An amount as a dashboard figure: the number large, its unit (万元 / 亿元) small beside it. */
function MoneyFigure({ amount, testId }: { amount: string; testId?: string }) {
  const { locale } = useT();
  const text = formatMoney(amount, locale);
  const space = text.indexOf(' ');
  // The unit goes under the number when the card is too narrow for both (English units are long).
  return (
    <span
      data-testid={testId}
      title={formatMoney(amount, locale, 'wan')}
      style={{ display: 'inline-flex', flexWrap: 'wrap', alignItems: 'baseline', columnGap: 4, maxWidth: '100%', whiteSpace: 'normal' }}
    >
      <span>{space > 0 ? text.slice(0, space) : text}</span>
      {space > 0 ? <span style={{ fontSize: 14, lineHeight: '20px', fontWeight: 400 }}>{text.slice(space + 1)}</span> : null}
    </span>
  );
}
