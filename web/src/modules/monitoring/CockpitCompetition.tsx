import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Empty, Table, Typography } from 'antd';
import { Link } from 'react-router';
import type { CompetitionPeriod, CompetitionUnitResult } from '../../../../src/contracts/index.js';
import { useT } from '../../i18n';
import { competitionApi } from '../competition/competition-api';
import { formatPoints } from '../competition/competition';
import { BandTag } from '../competition/labels';
import { resultsKey } from '../competition/use-competition';
import { useUnitLabel } from '../projects/shared/hooks';

/** The latest published period first: the year's result outranks its quarters. */
const LATEST_FIRST: readonly CompetitionPeriod[] = ['Y', 'Q4', 'Q3', 'Q2', 'Q1'];

/** 争先创优: the units commended and warned in the year's latest published period; the scheme's results one click away. */
export function CockpitCompetition({ year }: { year: number }) {
  const { t } = useT();
  const unitOf = useUnitLabel();
  const schemes = useQuery({ queryKey: ['competition', 'schemes', year], queryFn: () => competitionApi.schemes(year) });
  const scheme = schemes.data?.items.find((s) => s.status === 'active');
  const period = LATEST_FIRST.find((p) => scheme?.publishedPeriods.includes(p));
  const results = useQuery({
    queryKey: scheme && period ? resultsKey(scheme, period) : ['competition', 'noResults'],
    queryFn: () => competitionApi.results(scheme!.id, period!),
    enabled: scheme !== undefined && period !== undefined,
  });
  const banded = (results.data?.units ?? []).filter((u) => u.band !== null);
  return (
    <Card
      title={
        scheme && period
          ? t('cockpit.competitionTitle', { title: scheme.title, period: t(`competition.period.${period}`) })
          : t('cockpit.competitionTitleNone')
      }
      loading={schemes.isPending || (period !== undefined && results.isPending)}
      extra={
        scheme ? (
          <Link to={`/competition/${scheme.id}?tab=results${period ? `&period=${period}` : ''}`}>{t('cockpit.competitionAll')}</Link>
        ) : null
      }
      data-testid="cockpit-competition"
    >
      {schemes.error || results.error ? (
        <Alert type="error" showIcon title={t('common.loadFailed')} />
      ) : !scheme || !period ? (
        <Empty description={t('cockpit.competitionNone', { year })} />
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t('cockpit.competitionBands', { asOf: results.data?.asOf ?? '' })}</Typography.Paragraph>
          <Table<CompetitionUnitResult>
            rowKey="unitId"
            size="small"
            pagination={false}
            dataSource={banded}
            columns={[
              { title: t('competition.rank'), dataIndex: 'rank', width: 64 },
              { title: t('competition.unit'), key: 'unit', render: (_, row) => unitOf(row.unitId, row.unitName) },
              {
                title: t('competition.total'),
                dataIndex: 'total',
                align: 'right',
                render: (total: number, row) => <span data-testid={`cockpit-competition-${row.unitId}`}>{formatPoints(total)}</span>,
              },
              { title: t('competition.band'), key: 'band', render: (_, row) => <BandTag band={row.band} unitId={row.unitId} /> },
            ]}
          />
        </>
      )}
    </Card>
  );
}
