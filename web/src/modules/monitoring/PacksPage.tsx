import { DownloadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Card, Col, Form, Row, Segmented, Select, TreeSelect, Typography } from 'antd';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { shanghaiDate } from '../../../../src/contracts/index.js';
import { api } from '../../api/endpoints';
import { useFeedback } from '../../api/feedback-provider';
import { PageContainer } from '../../components/PageContainer';
import { useT } from '../../i18n';
import { buildUnitTree, unitName } from '../org/unit-tree';
import { useUnitTree } from '../projects/shared/hooks';
import {
  isPackPeriodStarted,
  monitoringParamsFromSearch,
  PACK_PERIODS,
  type PackPeriod,
  packQuarter,
  yearOptions,
} from './monitoring-query';
import { ResolvingYear } from './shared';
import { currentYear, useDefaultYear } from './use-monitoring';

/**
 * 讲评材料: a unit's quarterly review (季讲评) or annual assessment (年考核) pack as Word —
 * investment against the plan, its red-light projects, its commitments and its ranks.
 */
export default function PacksPage() {
  const { t, locale } = useT();
  const { message } = App.useApp();
  const feedback = useFeedback();
  const [search, setSearch] = useSearchParams();
  const params = useMemo(() => monitoringParamsFromSearch(search), [search]);
  const periodParam = search.get('period');
  const period: PackPeriod = PACK_PERIODS.includes(periodParam as PackPeriod) ? (periodParam as PackPeriod) : 'annual';
  const set = useCallback(
    (next: { year?: number | undefined; unitId?: number | undefined; period?: PackPeriod }) => {
      const merged = { year: params.year, unitId: params.unitId, period, ...next };
      const query = new URLSearchParams();
      if (merged.year !== undefined) query.set('year', String(merged.year));
      if (merged.unitId !== undefined) query.set('unitId', String(merged.unitId));
      if (merged.period !== 'annual') query.set('period', merged.period);
      setSearch(query, { replace: true });
    },
    [params.year, params.unitId, period, setSearch],
  );
  const resolveYear = useCallback((year: number) => set({ year }), [set]);
  const defaultYear = useDefaultYear({ year: params.year }, resolveYear);
  const units = useUnitTree();
  const tree = useMemo(() => buildUnitTree(units.items, { locale }), [units.items, locale]);
  // By default the top of the user's jurisdiction: the city for the city, the unit for a unit.
  const top = units.items.find((unit) => !units.items.some((parent) => parent.id === unit.parentId));
  const unitId = params.unitId ?? top?.id;
  const unit = units.items.find((candidate) => candidate.id === unitId);
  const today = shanghaiDate(new Date());
  const year = params.year;

  const download = useMutation({
    mutationFn: () => {
      const quarter = packQuarter(period);
      const name = unit ? unitName(unit, locale) : String(unitId);
      return api.monitoring.pack(
        { unitId: unitId!, year: year!, ...(quarter ? { quarter } : {}) },
        quarter ? t('packs.fileQuarter', { unit: name, year: year!, quarter }) : t('packs.fileAnnual', { unit: name, year: year! }),
      );
    },
    onSuccess: () => message.success(t('packs.downloaded')),
    onError: (error) => feedback(error),
  });

  const started = year !== undefined && isPackPeriodStarted(year, period, today);

  return (
    <PageContainer title={t('packs.title')}>
      {defaultYear.isResolving ? (
        <ResolvingYear year={defaultYear.probingYear} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={14}>
            <Card title={t('packs.formTitle')}>
              <Form layout="vertical">
                <Form.Item label={t('monitoring.unit')} required>
                  <TreeSelect
                    showSearch={{ treeNodeFilterProp: 'title' }}
                    treeData={tree}
                    value={unitId}
                    loading={units.isLoading}
                    onChange={(value?: number) => set({ unitId: value ?? undefined })}
                    treeDefaultExpandedKeys={top ? [top.id] : []}
                    listHeight={360}
                    data-testid="packs-unit"
                  />
                </Form.Item>
                <Form.Item label={t('monitoring.year')} required>
                  <Select<number>
                    value={year}
                    onChange={(value) => set({ year: value })}
                    options={yearOptions(currentYear(), year).map((y) => ({ value: y, label: t('monitoring.yearOption', { year: y }) }))}
                    style={{ width: 160 }}
                    data-testid="packs-year"
                  />
                </Form.Item>
                <Form.Item label={t('packs.period')} required extra={started ? undefined : t('packs.notStarted')}>
                  <Segmented<PackPeriod>
                    value={period}
                    onChange={(value) => set({ period: value })}
                    options={PACK_PERIODS.map((value) => ({ value, label: t(`packs.period.${value}`) }))}
                    data-testid="packs-period"
                  />
                </Form.Item>
                <Button
                  type="primary"
                  icon={<DownloadOutlined />}
                  disabled={unitId === undefined || year === undefined || !started}
                  loading={download.isPending}
                  onClick={() => download.mutate()}
                  data-testid="packs-download"
                >
                  {period === 'annual' ? t('packs.downloadAnnual') : t('packs.downloadQuarter')}
                </Button>
              </Form>
            </Card>
          </Col>
          <Col xs={24} lg={10}>
            <Card title={t('packs.aboutTitle')}>
              <Typography.Paragraph>{t('packs.about')}</Typography.Paragraph>
              <Typography.Paragraph type="secondary">{t('packs.asOfNote')}</Typography.Paragraph>
            </Card>
          </Col>
        </Row>
      )}
    </PageContainer>
  );
}
