import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Empty, Table, Typography } from 'antd';
import { Link } from 'react-router';
import type { UnitResult } from '../../../../src/contracts/index.js';
import { api } from '../../api/endpoints';
import { useT } from '../../i18n';
import { useUnitLabel } from '../projects/shared/hooks';

const TOP = 6;

/** 现场观摩: the units as the year's latest closed observation tour ranked them; the tour's results one click away. */
export function CockpitObservation({ year }: { year: number }) {
  const { t } = useT();
  const unitOf = useUnitLabel();
  const query = { year, status: 'closed' as const, page: 1, pageSize: 1 };
  const tours = useQuery({ queryKey: ['observation', 'list', query], queryFn: () => api.observation.list(query) });
  const latest = tours.data?.items[0];
  const results = useQuery({
    queryKey: ['observation', 'results', latest?.id],
    queryFn: () => api.observation.results(latest!.id),
    enabled: latest !== undefined,
  });
  return (
    <Card
      title={latest ? t('cockpit.observationTitle', { title: latest.title }) : t('cockpit.observationTitleNone')}
      loading={tours.isPending || (latest !== undefined && results.isPending)}
      extra={latest ? <Link to={`/observation/${latest.id}`}>{t('cockpit.observationAll')}</Link> : null}
      data-testid="cockpit-observation"
    >
      {tours.error || results.error ? (
        <Alert type="error" showIcon title={t('common.loadFailed')} />
      ) : !latest ? (
        <Empty description={t('cockpit.observationNone', { year })} />
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t('cockpit.observationHeld', { date: latest.heldOn })}</Typography.Paragraph>
          <Table<UnitResult>
            rowKey="unitId"
            size="small"
            pagination={false}
            dataSource={(results.data?.units ?? []).slice(0, TOP)}
            columns={[
              { title: t('observation.rank'), dataIndex: 'rank', width: 64 },
              { title: t('observation.unit'), key: 'unit', render: (_, row) => unitOf(row.unitId, row.unitName) },
              {
                title: t('observation.score'),
                dataIndex: 'score',
                align: 'right',
                render: (score: string, row) => <span data-testid={`cockpit-observation-${row.unitId}`}>{score}</span>,
              },
            ]}
          />
        </>
      )}
    </Card>
  );
}
