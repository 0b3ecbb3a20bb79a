import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Empty, Flex, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { Link } from 'react-router';
import type { SiteResult, Tour, UnitResult } from '../../../../src/contracts/index.js';
import { api } from '../../api/endpoints';
import { LoadError } from '../../components/LoadError';
import { useT } from '../../i18n';
import { useUnitLabel } from '../projects/shared/hooks';

type JudgeTotal = SiteResult['judges'][number];

/** Best first; the sites nobody scored (no rank) last, in the order of the route. */
function sitesByRank(sites: readonly SiteResult[]): SiteResult[] {
  return [...sites].sort((a, b) => (a.rank ?? Number.POSITIVE_INFINITY) - (b.rank ?? Number.POSITIVE_INFINITY));
}

/**
 * 结果: the units ranked by the mean of their sites' scores, and each site with every judge's
 * total, those dropped (the highest and the lowest, from `trimFrom` judges on) struck through.
 */
export function ResultsTab({ tour }: { tour: Tour }) {
  const { t } = useT();
  const unitOf = useUnitLabel();
  const results = useQuery({
    queryKey: ['observation', 'results', tour.id, tour.version, tour.updatedAt],
    queryFn: () => api.observation.results(tour.id),
  });
  if (results.error && !results.data) return <LoadError error={results.error} onRetry={() => void results.refetch()} />;
  const data = results.data;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {tour.status !== 'closed' ? (
        <Alert type="warning" showIcon title={t('observation.provisional')} data-testid="results-provisional" />
      ) : null}
      <Typography.Paragraph type="secondary" style={{ margin: 0 }} data-testid="results-rule">
        {t('observation.trimRule', { n: data?.trimFrom ?? 5 })}
      </Typography.Paragraph>
      <Card size="small" title={t('observation.unitRanking')}>
        <Table<UnitResult>
          data-testid="results-units"
          rowKey="unitId"
          size="small"
          loading={results.isFetching}
          dataSource={data?.units ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description={t('observation.noResults')} /> }}
          columns={[
            { title: t('observation.rank'), dataIndex: 'rank', width: 64 },
            {
              title: t('observation.unit'),
              key: 'unit',
              render: (_, row) => <span data-testid={`results-unit-${row.unitId}`}>{unitOf(row.unitId, row.unitName)}</span>,
            },
            { title: t('observation.score'), dataIndex: 'score', align: 'right', render: (score: string) => <strong>{score}</strong> },
            { title: t('observation.siteCount'), dataIndex: 'siteCount', align: 'right' },
          ]}
        />
      </Card>
      <Card size="small" title={t('observation.siteRanking')}>
        <Table<SiteResult>
          data-testid="results-sites"
          rowKey="projectId"
          size="small"
          loading={results.isFetching}
          dataSource={sitesByRank(data?.sites ?? [])}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description={t('observation.noResults')} /> }}
          columns={[
            { title: t('observation.rank'), dataIndex: 'rank', width: 64, render: (rank: number | null) => rank ?? '—' },
            {
              title: t('observation.project'),
              dataIndex: 'projectName',
              render: (name: string, row) => <Link to={`/projects/${row.projectId}`}>{name}</Link>,
            },
            { title: t('observation.unit'), key: 'unit', render: (_, row) => unitOf(row.unitId, row.unitName) },
            {
              title: t('observation.score'),
              dataIndex: 'score',
              align: 'right',
              render: (score: string | null, row) => <strong data-testid={`results-site-score-${row.projectId}`}>{score ?? '—'}</strong>,
            },
            {
              title: t('observation.judgeTotals'),
              key: 'judges',
              render: (_, row) =>
                row.judges.length ? (
                  <Flex wrap gap={4} style={{ maxWidth: 520 }}>
                    {row.judges.map((judge) => (
                      <JudgeTotalTag key={judge.userId} judge={judge} />
                    ))}
                  </Flex>
                ) : (
                  <Typography.Text type="secondary">{t('observation.notScored')}</Typography.Text>
                ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}

function JudgeTotalTag({ judge }: { judge: JudgeTotal }) {
  const { t } = useT();
  const text = t('observation.judgeTotal', { name: judge.displayName, total: judge.total });
  const tag = (
    <Tag color={judge.dropped ? 'default' : 'blue'} data-testid={`judge-total-${judge.userId}`} data-dropped={judge.dropped ?? ''}>
      {judge.dropped ? <Typography.Text delete>{text}</Typography.Text> : text}
      {judge.dropped ? <Typography.Text type="secondary"> {t(`observation.dropped.${judge.dropped}`)}</Typography.Text> : null}
    </Tag>
  );
  return judge.note ? <Tooltip title={judge.note}>{tag}</Tooltip> : tag;
}
