import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Empty, Flex, List, Progress, Statistic, Typography } from 'antd';
import { Link } from 'react-router';
import type { UnitTreeNode } from '../../../../src/contracts/index.js';
import { api } from '../../api/endpoints';
import { useT } from '../../i18n';
import { useUnitNames } from '../projects/shared/hooks';

const TOP = 6;

/** Who has not reported the month the cockpit counts up to, worst first; the full list one click away. */
export function CockpitMissing({ month, units }: { month: string | null; units: readonly UnitTreeNode[] }) {
  const { t } = useT();
  const unitOf = useUnitNames(units);
  const missing = useQuery({
    queryKey: ['reports', 'missing', month],
    queryFn: () => api.reports.missing(month!),
    enabled: month !== null,
  });
  const data = missing.data;
  const totals = (data?.units ?? []).reduce(
    (sum, unit) => ({
      expected: sum.expected + unit.expected,
      submitted: sum.submitted + unit.submitted,
      missing: sum.missing + unit.missing,
      returned: sum.returned + unit.returned,
    }),
    { expected: 0, submitted: 0, missing: 0, returned: 0 },
  );
  const worst = [...(data?.units ?? [])]
    .filter((unit) => unit.missing + unit.returned > 0)
    .sort((a, b) => b.missing + b.returned - (a.missing + a.returned))
    .slice(0, TOP);
  const link = month ? `/reports/missing?month=${month}` : '/reports/missing';
  return (
    <Card
      title={month ? t('cockpit.missingTitle', { month }) : t('cockpit.missingTitleNone')}
      loading={month !== null && missing.isPending}
      data-testid="cockpit-missing"
      extra={month ? <Link to={link}>{t('cockpit.missingAll')}</Link> : null}
      style={{ height: '100%' }}
    >
      {month === null ? (
        <Empty description={t('cockpit.noMonthYet')} />
      ) : missing.error ? (
        <Alert type="error" showIcon title={t('common.loadFailed')} />
      ) : data && totals.expected === 0 ? (
        <Empty description={t('cockpit.missingNone')} />
      ) : data ? (
        <>
          <Flex gap={24} wrap align="center">
            <Statistic
              title={t('cockpit.missingCount')}
              value={totals.missing + totals.returned}
              formatter={() => (
                <Link to={link} data-testid="cockpit-missing-count">
                  <span style={{ color: totals.missing + totals.returned ? '#cf1322' : undefined }}>
                    {totals.missing + totals.returned}
                  </span>
                </Link>
              )}
            />
            <Statistic title={t('cockpit.missingSubmitted')} value={`${totals.submitted} / ${totals.expected}`} />
            <Progress type="circle" size={64} percent={totals.expected ? Math.round((totals.submitted / totals.expected) * 100) : 0} />
          </Flex>
          <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
            {t('cockpit.missingDue', { date: data.dueOn })}
          </Typography.Paragraph>
          {worst.length ? (
            <List
              size="small"
              dataSource={worst}
              renderItem={(unit) => (
                <List.Item
                  extra={
                    <Typography.Text type="danger">
                      {t('cockpit.missingUnit', { missing: unit.missing, returned: unit.returned })}
                    </Typography.Text>
                  }
                >
                  {unitOf(unit.unitId, unit.unitName)}
                </List.Item>
              )}
            />
          ) : (
            <Typography.Paragraph type="success" style={{ marginTop: 8 }}>
              {t('missing.allReported')}
            </Typography.Paragraph>
          )}
        </>
      ) : null}
    </Card>
  );
}
