import { DashboardOutlined, FileTextOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Card, Flex, Select, Table, type TableProps, Tag, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { type EarlyWarning, WARNING_KINDS } from '../../../../src/contracts/index.js';
import { api } from '../../api/endpoints';
import { useCan } from '../../app/session';
import { LoadError } from '../../components/LoadError';
import { PageContainer } from '../../components/PageContainer';
import { useT } from '../../i18n';
import { useUnitLabel, useUnitTree } from '../projects/shared/hooks';
import { cockpitUrl, type MonitoringParams, monitoringParamsFromSearch, monitoringSearch, warningsUrl } from './monitoring-query';
import { MonitoringToolbar, ResolvingYear, ScopeTrail } from './shared';
import { useDefaultYear } from './use-monitoring';

type WarningKind = (typeof WARNING_KINDS)[number];

const KIND_COLORS: Record<WarningKind, string> = {
  forecastShort: 'volcano',
  startsShort: 'volcano',
  plannedAfterDeadline: 'orange',
  noPlannedDate: 'gold',
  deadlineSoon: 'blue',
};

/**
 * 预警: commitments likely to be missed while there is still time to act — per item of a unit's
 * letter, why (forecast short, planned after the deadline …), with the project and the letter.
 */
export default function WarningsPage() {
  const { t } = useT();
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
  const unitOf = useUnitLabel();
  const [kind, setKind] = useState<WarningKind | undefined>();

  const query =
    params.year === undefined
      ? null
      : { year: params.year, ...(params.asOf ? { asOf: params.asOf } : {}), ...(params.unitId ? { unitId: params.unitId } : {}) };
  const warnings = useQuery({
    queryKey: ['monitoring', 'warnings', query],
    queryFn: () => api.monitoring.warnings(query!),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });

  const error = defaultYear.error ?? (warnings.error && !warnings.data ? warnings.error : null);
  if (error) return <LoadError error={error} onRetry={() => (defaultYear.error ? defaultYear.retry() : void warnings.refetch())} />;

  const items = warnings.data?.items ?? [];
  const shown = kind ? items.filter((item) => item.kind === kind) : items;
  const canOpenLetters = can('commitment.read');
  const asOf = warnings.data?.asOf;

  const columns: TableProps<EarlyWarning>['columns'] = [
    {
      title: t('monitoring.col.unit'),
      key: 'unit',
      render: (_, row) => (
        <Link to={warningsUrl({ year: params.year, asOf: params.asOf, unitId: row.unitId })}>{unitOf(row.unitId, row.unitName)}</Link>
      ),
    },
    {
      title: t('warnings.col.item'),
      dataIndex: 'itemKind',
      render: (itemKind: string) => t(`warnings.itemKind.${itemKind}` as 'warnings.itemKind.manual'),
    },
    {
      title: t('warnings.col.project'),
      key: 'project',
      render: (_, row) =>
        row.projectId !== null ? (
          <Link to={`/projects/${row.projectId}`} data-testid="warning-project">
            {row.projectName ?? `#${row.projectId}`}
          </Link>
        ) : (
          <Typography.Text type="secondary">{t('warnings.unitTotal')}</Typography.Text>
        ),
    },
    { title: t('warnings.col.deadline'), dataIndex: 'deadline', width: 110 },
    {
      title: t('warnings.col.kind'),
      dataIndex: 'kind',
      render: (value: WarningKind) => <Tag color={KIND_COLORS[value]}>{t(`warnings.kind.${value}`)}</Tag>,
    },
    { title: t('warnings.col.message'), dataIndex: 'message', width: 360 },
    {
      title: t('warnings.col.letter'),
      key: 'letter',
      render: (_, row) =>
        canOpenLetters ? (
          <Link to={`/commitments/${row.letterId}${asOf ? `?asOf=${asOf}` : ''}`} data-testid="warning-letter">
            <FileTextOutlined /> {t('warnings.openLetter')}
          </Link>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <PageContainer
      title={t('warnings.title')}
      extra={<MonitoringToolbar params={params} shownAsOf={asOf} units={units} onChange={setParams} />}
    >
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        <ScopeTrail
          units={units.items}
          unitId={params.unitId}
          linkTo={(unitId) => warningsUrl({ year: params.year, asOf: params.asOf, unitId })}
        />
        <Link to={cockpitUrl(params)}>
          <DashboardOutlined /> {t('lights.toCockpit')}
        </Link>
      </Flex>
      {defaultYear.isResolving ? (
        <ResolvingYear year={defaultYear.probingYear} />
      ) : (
        <Card
          size="small"
          title={asOf ? t('warnings.listTitle', { asOf, count: items.length }) : t('warnings.title')}
          extra={
            <Select<WarningKind>
              allowClear
              placeholder={t('warnings.allKinds')}
              value={kind}
              onChange={(value) => setKind(value ?? undefined)}
              options={WARNING_KINDS.map((value) => ({
                value,
                label: `${t(`warnings.kind.${value}`)} ${items.filter((item) => item.kind === value).length}`,
              }))}
              style={{ width: 200 }}
              data-testid="warnings-kind"
            />
          }
        >
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('warnings.help')} />
          <Table<EarlyWarning>
            data-testid="warnings-table"
            rowKey={(row) => `${row.letterId}-${row.itemId}-${row.kind}`}
            size="small"
            loading={warnings.isFetching}
            dataSource={shown}
            columns={columns}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('warnings.none') }}
            pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: (total) => t('common.total', { total }) }}
          />
        </Card>
      )}
    </PageContainer>
  );
}
