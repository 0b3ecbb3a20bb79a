import { Card, Col, Empty, Flex, List, Row, Space, Spin, Typography } from 'antd';
import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router';
import type { MonitoringOverview, UnitTreeNode } from '../../../../src/contracts/index.js';
import { isApiError } from '../../api/client';
import { EChart } from '../../charts/EChart';
import { LIGHT_ORDER } from '../../charts/lights';
import { registerUnitMap } from '../../charts/monitoring-charts';
import { buildUnitMapOption, joinUnitMap, type MapRegion, unitIdOfMapClick } from '../../charts/unit-map-option';
import { useT } from '../../i18n';
import { unitName } from '../org/unit-tree';
import { useUnitNames } from '../projects/shared/hooks';
import { formatMoney, formatRate } from '../projects/shared/money';
import { lightsUrl, type MonitoringParams } from './monitoring-query';
import { LightDot, LightTag, ownRowTest } from './shared';
import { useUnitMap } from './use-monitoring';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/**
 * The units on the city's map coloured by their light; a click opens the unit's project
 * lights. Units without a boundary (parks, platform companies) are listed beside it.
 */
export function CockpitMap({
  overview,
  params,
  units,
}: {
  overview: MonitoringOverview;
  params: MonitoringParams;
  units: readonly UnitTreeNode[];
}) {
  const { t, locale } = useT();
  const navigate = useNavigate();
  const unitOf = useUnitNames(units);
  const isOwnRow = ownRowTest(overview, units);
  const names = useMemo(() => new Map(units.map((unit) => [unit.id, unitName(unit, locale)])), [units, locale]);
  const map = useUnitMap();
  const base = { year: params.year, asOf: params.asOf };

  const mapName = useMemo(() => (map.data ? registerUnitMap(map.data) : null), [map.data]);
  const join = useMemo(
    () =>
      joinUnitMap(map.data?.features ?? [], overview.units, {
        unitId: overview.scope.unitId,
        light: overview.total.light,
      }),
    [map.data, overview],
  );
  const option = useMemo(() => {
    if (!mapName) return null;
    const nameOf = (region: MapRegion) => (region.unitId === null ? region.featureName : (names.get(region.unitId) ?? region.featureName));
    return buildUnitMapOption(mapName, join, {
      name: nameOf,
      tooltip: (region) => {
        const lines = [`<b>${escapeHtml(nameOf(region))}</b>`];
        const row = region.row;
        if (row) {
          lines.push(
            `${escapeHtml(t(`monitoring.light.${row.light}`))} · ${escapeHtml(t('monitoring.mapProjects', { count: row.projects }))}`,
            escapeHtml(t('monitoring.mapYtd', { ytd: formatMoney(row.ytd, locale), due: formatMoney(row.dueByNow, locale) })),
            escapeHtml(t('monitoring.mapRatio', { ratio: formatRate(row.ratio) })),
          );
        } else if (region.isScope) lines.push(escapeHtml(t(`monitoring.light.${overview.total.light}`)));
        else lines.push(escapeHtml(t('monitoring.mapNoData')));
        return lines.join('<br/>');
      },
    });
  }, [mapName, join, t, locale, names, overview.total.light]);

  const noMap = map.error !== null && isApiError(map.error) && map.error.code === 'NOT_FOUND';
  const unplaced = noMap ? overview.units : join.unplaced;

  const legend = (
    <Space size={16} wrap>
      {LIGHT_ORDER.map((light) => (
        <Space key={light} size={4}>
          <LightDot light={light} />
          <Typography.Text type="secondary">{t(`monitoring.light.${light}`)}</Typography.Text>
        </Space>
      ))}
      <Space size={4}>
        <LightDot light={null} />
        <Typography.Text type="secondary">{t('monitoring.mapNoData')}</Typography.Text>
      </Space>
    </Space>
  );

  const mapPane = noMap ? (
    <Empty description={t('cockpit.noMap')} data-testid="cockpit-no-map" style={{ padding: 48 }} />
  ) : map.error ? (
    <Empty description={t('common.loadFailed')} style={{ padding: 48 }} />
  ) : !option ? (
    <Flex justify="center" align="center" style={{ height: 420 }}>
      <Spin />
    </Flex>
  ) : (
    <>
      <EChart
        option={option}
        height={420}
        testId="cockpit-map"
        onClick={(params) => {
          const unitId = unitIdOfMapClick(params);
          if (unitId !== null && overview.units.some((row) => row.unitId === unitId)) navigate(lightsUrl({ ...base, unitId }));
        }}
      />
      <Flex justify="center">{legend}</Flex>
    </>
  );

  return (
    <Card title={t('cockpit.mapTitle')} extra={<Typography.Text type="secondary">{t('cockpit.mapHint')}</Typography.Text>}>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={unplaced.length ? 16 : 24}>
          {mapPane}
        </Col>
        {unplaced.length ? (
          <Col xs={24} xl={8}>
            <Typography.Text type="secondary">{noMap ? t('cockpit.allUnits') : t('cockpit.unplaced')}</Typography.Text>
            <List
              size="small"
              data-testid="cockpit-unplaced"
              dataSource={unplaced}
              style={{ maxHeight: 440, overflowY: 'auto' }}
              renderItem={(row) => (
                <List.Item
                  extra={
                    <Space size={8} style={{ whiteSpace: 'nowrap' }}>
                      <Typography.Text type="secondary">{formatRate(row.ratio)}</Typography.Text>
                      <LightTag light={row.light} />
                    </Space>
                  }
                >
                  {isOwnRow(row) ? (
                    t('monitoring.ownRow', { name: unitOf(row.unitId, row.unitName) })
                  ) : (
                    <Link to={lightsUrl({ ...base, unitId: row.unitId })} data-testid="unplaced-unit" data-unit-id={row.unitId}>
                      {unitOf(row.unitId, row.unitName)}
                    </Link>
                  )}
                </List.Item>
              )}
            />
          </Col>
        ) : null}
      </Row>
    </Card>
  );
}
