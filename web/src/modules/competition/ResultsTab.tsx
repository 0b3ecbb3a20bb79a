import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, type ButtonProps, Empty, Flex, Popconfirm, Space, Table, type TableColumnsType, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import {
  type CompetitionIndicator,
  type CompetitionIndicatorScore,
  type CompetitionPeriod,
  type CompetitionResults,
  type CompetitionScheme,
  type CompetitionUnitResult,
  ROLE_SCOPE_UNIT_KINDS,
  shanghaiDate,
} from '../../../../src/contracts/index.js';
import { useFeedback } from '../../api/feedback-provider';
import { useCan, useSession } from '../../app/session';
import { ExportButton } from '../../components/ExportButton';
import { LoadError } from '../../components/LoadError';
import { useT } from '../../i18n';
import { formatDateTime } from '../../lib/time';
import { useUnitLabel } from '../projects/shared/hooks';
import { competitionApi } from './competition-api';
import {
  describeRule,
  describeSource,
  formatNumber,
  formatPoints,
  formatShare,
  formatSigned,
  formatValue,
  hasEnded,
  indicatorsOf,
  nameOf,
  rankedCount,
  sourceLink,
} from './competition';
import { BandTag, PeriodPicker } from './labels';
import { resultsKey, schemeKey, useRefreshAfterRefusal, useResults } from './use-competition';

/** Text that wraps within a width, so long names (in English above all) keep the table narrow. */
function Wrap({ width, testId, children }: { width: number; testId?: string; children: ReactNode }) {
  return (
    <span style={{ display: 'inline-block', maxWidth: width, whiteSpace: 'normal' }} data-testid={testId}>
      {children}
    </span>
  );
}

/** Bonus points green, penalty points red. */
export function SignedPoints({ points, testId }: { points: number; testId?: string }) {
  return (
    <Typography.Text type={points > 0 ? 'success' : points < 0 ? 'danger' : undefined} data-testid={testId}>
      {points === 0 ? formatPoints(0) : formatSigned(points)}
    </Typography.Text>
  );
}

/**
 * 考评结果: the units ranked for a period, their points per group, the bonus and penalty items
 * and the total; the first places commended, the last warned. A unit's row opens to every
 * indicator: its value, the rule as a formula, the share and points won, and a link to the rows
 * the value comes from.
 */
export function ResultsTab({
  scheme,
  period,
  onPeriod,
  onOpenEntries,
  canManage,
}: {
  scheme: CompetitionScheme;
  period: CompetitionPeriod;
  onPeriod: (period: CompetitionPeriod) => void;
  onOpenEntries: () => void;
  canManage: boolean;
}) {
  const { t, locale } = useT();
  const unitOf = useUnitLabel();
  const results = useResults(scheme, period);
  const data = results.data?.period === period ? results.data : undefined;
  const periodName = t(`competition.period.${period}`);

  const columns: TableColumnsType<CompetitionUnitResult> = [
    { title: t('competition.rank'), dataIndex: 'rank', width: 64, fixed: 'left' },
    {
      title: t('competition.unit'),
      key: 'unit',
      fixed: 'left',
      render: (_, row) => (
        <Wrap width={220} testId={`result-unit-${row.unitId}`}>
          {unitOf(row.unitId, row.unitName)}
        </Wrap>
      ),
    },
    ...scheme.groups.map((group) => ({
      title: (
        <Flex vertical>
          <Wrap width={110}>{nameOf(group, locale)}</Wrap>
          <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
            {t('competition.ofPoints', {
              points: formatNumber(
                group.indicators.reduce((sum, i) => sum + i.points, 0),
                2,
              ),
            })}
          </Typography.Text>
        </Flex>
      ),
      key: `group-${group.key}`,
      align: 'right' as const,
      render: (_: unknown, row: CompetitionUnitResult) => {
        const points = row.groups.find((g) => g.key === group.key)?.points;
        return points === undefined ? '—' : formatPoints(points);
      },
    })),
    {
      title: t('competition.base'),
      dataIndex: 'base',
      align: 'right',
      render: (base: number) => formatPoints(base),
    },
    {
      title: t('competition.adjustment'),
      dataIndex: 'adjustment',
      align: 'right',
      render: (points: number, row) => <SignedPoints points={points} testId={`result-adjustment-${row.unitId}`} />,
    },
    {
      title: t('competition.total'),
      dataIndex: 'total',
      align: 'right',
      render: (total: number, row) => <strong data-testid={`result-total-${row.unitId}`}>{formatPoints(total)}</strong>,
    },
    {
      title: t('competition.band'),
      dataIndex: 'band',
      render: (band: CompetitionUnitResult['band'], row) => <BandTag band={band} unitId={row.unitId} />,
    },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Flex gap={12} wrap align="center" justify="space-between">
        <Flex gap={12} wrap align="center">
          <PeriodPicker year={scheme.year} value={period} onChange={onPeriod} testId="results-period" />
          {data ? (
            <Typography.Text type="secondary" data-testid="results-as-of">
              {t('competition.asOf', { asOf: data.asOf, month: data.boardMonth })}
            </Typography.Text>
          ) : null}
        </Flex>
        <Space wrap>
          {data?.published ? (
            <ExportButton
              word={t('competition.notice')}
              run={() => competitionApi.notice(scheme.id, period, t('competition.noticeName', { title: scheme.title, period: periodName }))}
              testId="results-notice"
            />
          ) : null}
          <ExportButton
            run={() =>
              competitionApi.exportResults(scheme.id, period, t('competition.exportName', { title: scheme.title, period: periodName }))
            }
            disabled={!data}
            testId="results-export"
          />
        </Space>
      </Flex>
      {scheme.status === 'draft' ? (
        <Alert type="warning" showIcon title={t('competition.draftResults')} data-testid="results-draft" />
      ) : null}
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('competition.resultsHint', { reward: scheme.rewardCount, warning: scheme.warningCount })}
      </Typography.Paragraph>
      {data ? <Publication scheme={scheme} period={period} results={data} canManage={canManage} /> : null}
      {results.error && !data ? (
        <LoadError error={results.error} onRetry={() => void results.refetch()} />
      ) : (
        <Table<CompetitionUnitResult>
          data-testid="results-table"
          rowKey="unitId"
          size="small"
          loading={results.isFetching}
          dataSource={data?.units ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description={t('competition.noResults')} /> }}
          columns={columns}
          expandable={{
            expandedRowRender: (row) =>
              data ? <IndicatorBreakdown scheme={scheme} results={data} unit={row} onOpenEntries={onOpenEntries} /> : null,
          }}
        />
      )}
    </Space>
  );
}

/**
 * Whether the period's results are the official record: published (when, by whom; the units were
 * told) or a live computation. The operator publishes an active scheme's period once it is over.
 */
function Publication({
  scheme,
  period,
  results,
  canManage,
}: {
  scheme: CompetitionScheme;
  period: CompetitionPeriod;
  results: CompetitionResults;
  canManage: boolean;
}) {
  const { t } = useT();
  const feedback = useFeedback();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const refreshAfterRefusal = useRefreshAfterRefusal(scheme, period);
  const publish = useMutation({
    mutationFn: () => competitionApi.publish(scheme.id, period),
    onSuccess: (published) => {
      queryClient.setQueryData(resultsKey(scheme, period), published);
      void queryClient.invalidateQueries({ queryKey: [...schemeKey(scheme.id), 'entries'] });
      void queryClient.invalidateQueries({ queryKey: [...schemeKey(scheme.id), 'adjustments'] });
      message.success(t('competition.publishedDone'));
    },
    onError: (error) => {
      feedback(error);
      refreshAfterRefusal(error);
    },
  });

  if (results.published) {
    const at = formatDateTime(results.published.at);
    return (
      <Alert
        type="success"
        showIcon
        title={
          results.published.by === null
            ? t('competition.publishedAt', { at })
            : t('competition.publishedAtBy', { at, by: results.published.by })
        }
        data-testid="results-published"
      />
    );
  }
  const canPublish = canManage && scheme.status === 'active' && hasEnded(scheme.year, period, shanghaiDate(new Date()));
  return (
    <Flex gap={12} wrap align="center" justify="space-between">
      <Typography.Text type="secondary" data-testid="results-live">
        {t('competition.liveResults')}
      </Typography.Text>
      {canPublish ? (
        <Popconfirm
          title={t('competition.publishConfirm', { period: t(`competition.period.${period}`) })}
          description={<div style={{ maxWidth: 360 }}>{t('competition.publishConfirmHint')}</div>}
          okText={t('competition.publish')}
          okButtonProps={{ 'data-testid': 'results-publish-ok' } as ButtonProps}
          cancelText={t('common.cancel')}
          onConfirm={() => publish.mutateAsync().catch(() => undefined)}
        >
          <Button type="primary" loading={publish.isPending} data-testid="results-publish">
            {t('competition.publish')}
          </Button>
        </Popconfirm>
      ) : null}
    </Flex>
  );
}

interface BreakdownRow {
  groupName: string;
  /** Rows the group's cell spans: its indicator count on the group's first row, 0 on the others. */
  groupSpan: number;
  indicator: CompetitionIndicator;
  score: CompetitionIndicatorScore | undefined;
}

/** One unit's indicators: where each value comes from, the rule applied, what it earned. */
function IndicatorBreakdown({
  scheme,
  results,
  unit,
  onOpenEntries,
}: {
  scheme: CompetitionScheme;
  results: CompetitionResults;
  unit: CompetitionUnitResult;
  onOpenEntries: () => void;
}) {
  const { t, locale } = useT();
  const can = useCan();
  // A unit's own pages hold only its own rows: another competing unit's source would open empty.
  const { role, scopeUnitId } = useSession().user;
  const reachable = ROLE_SCOPE_UNIT_KINDS[role] === 'city' || scopeUnitId === unit.unitId;
  const rows: BreakdownRow[] = indicatorsOf(scheme.groups).map(({ group, indicator }) => ({
    groupName: nameOf(group, locale),
    groupSpan: group.indicators[0]?.key === indicator.key ? group.indicators.length : 0,
    indicator,
    score: unit.indicators.find((score) => score.key === indicator.key),
  }));

  return (
    <Table<BreakdownRow>
      data-testid={`result-breakdown-${unit.unitId}`}
      rowKey={(row) => row.indicator.key}
      size="small"
      pagination={false}
      dataSource={rows}
      scroll={{ x: 'max-content' }}
      columns={[
        {
          title: t('competition.group'),
          dataIndex: 'groupName',
          onCell: (row) => ({ rowSpan: row.groupSpan }),
          render: (name: string) => <Wrap width={110}>{name}</Wrap>,
        },
        {
          title: t('competition.indicator'),
          key: 'indicator',
          render: (_, row) => <Wrap width={150}>{nameOf(row.indicator, locale)}</Wrap>,
        },
        {
          title: t('competition.source'),
          key: 'source',
          render: (_, row) => <Wrap width={150}>{describeSource(row.indicator.source, locale)}</Wrap>,
        },
        {
          title: t('competition.value'),
          key: 'value',
          align: 'right',
          render: (_, row) =>
            row.score?.value === null || row.score === undefined ? (
              <Typography.Text type="secondary" data-testid={`value-${unit.unitId}-${row.indicator.key}`}>
                {row.score?.imputed ? t(`competition.noValueImputed.${row.score.imputed}`) : t('competition.noValue')}
              </Typography.Text>
            ) : (
              <span data-testid={`value-${unit.unitId}-${row.indicator.key}`}>
                {formatValue(row.indicator.source, row.score.value, locale)}
              </span>
            ),
        },
        {
          title: t('competition.rule'),
          key: 'rule',
          render: (_, row) => (
            <span style={{ display: 'inline-block', minWidth: 180, maxWidth: 240, whiteSpace: 'normal' }}>
              {row.indicator.rule.kind === 'rank' && row.score?.rank ? (
                <Typography.Text strong>
                  {t('competition.rankOf', { rank: row.score.rank, n: rankedCount(results.units, row.indicator.key) })}
                  {t('competition.ruleSeparator')}
                </Typography.Text>
              ) : null}
              {describeRule(row.indicator, locale)}
            </span>
          ),
        },
        {
          title: t('competition.share'),
          key: 'share',
          align: 'right',
          render: (_, row) => (row.score ? formatShare(row.score.share) : '—'),
        },
        {
          title: t('competition.points'),
          key: 'points',
          align: 'right',
          render: (_, row) => (
            <span data-testid={`points-${unit.unitId}-${row.indicator.key}`}>
              {t('competition.pointsOf', {
                points: row.score ? formatPoints(row.score.points) : '—',
                full: formatNumber(row.indicator.points, 2),
              })}
            </span>
          ),
        },
        {
          title: t('competition.sourceRows'),
          key: 'link',
          render: (_, row) => {
            const link = sourceLink(row.indicator.source, {
              year: scheme.year,
              unitId: unit.unitId,
              asOf: results.asOf,
              boardMonth: results.boardMonth,
            });
            if (link === 'entries') {
              return (
                <Button
                  type="link"
                  size="small"
                  style={{ paddingInline: 0 }}
                  onClick={onOpenEntries}
                  data-testid={`source-${unit.unitId}-${row.indicator.key}`}
                >
                  {t('competition.sourceLink')}
                </Button>
              );
            }
            return can(link.action) && reachable ? (
              <Link to={link.to} data-testid={`source-${unit.unitId}-${row.indicator.key}`}>
                {t('competition.sourceLink')}
              </Link>
            ) : null;
          },
        },
      ]}
    />
  );
}
