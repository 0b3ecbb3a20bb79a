import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Flex, Select, Space, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { type DepartmentInspectionStats, INSPECTION_KINDS, shanghaiDate } from '../../../../src/contracts/index.js';
import { useCan } from '../../app/session';
import { LoadError } from '../../components/LoadError';
import { PageContainer } from '../../components/PageContainer';
import { useT } from '../../i18n';
import { yearOptions } from '../competition/competition';
import { useUnitLabel } from '../projects/shared/hooks';
import { needsAttention, statsTotals } from './inspections';
import { inspectionsApi } from './inspections-api';
import { SettingsCard } from './SettingsCard';
import './inspections.css';

/** A count that should not be there (over the limit, open cases): red when above zero. */
function Alarm({ value, testId }: { value: number; testId?: string }) {
  return (
    <Typography.Text type={value > 0 ? 'danger' : undefined} strong={value > 0} data-testid={testId}>
      {value}
    </Typography.Text>
  );
}

/**
 * 检查监督 (the city and every department): per law-enforcement department in a year, how often it inspected and of
 * what kind, how many enterprises, the routine inspections beyond the limit, the supervision
 * cases (and those still open), the unregistered ones reported and the enterprises' ratings.
 * The operator sets the limit below.
 */
export default function SupervisionPage() {
  const { t } = useT();
  const can = useCan();
  const unitOf = useUnitLabel();
  const thisYear = Number(shanghaiDate(new Date()).slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const stats = useQuery({ queryKey: ['inspections', 'stats', year], queryFn: () => inspectionsApi.stats(year) });
  const settings = useQuery({ queryKey: ['inspections', 'settings'], queryFn: inspectionsApi.settings });

  if (stats.error && !stats.data) return <LoadError error={stats.error} onRetry={() => void stats.refetch()} />;
  const rows = stats.data?.rows ?? [];
  const totals = statsTotals(rows);
  const limit = settings.data?.routineLimitPerYear ?? stats.data?.routineLimitPerYear;

  const columns: TableColumnsType<DepartmentInspectionStats> = [
    {
      title: t('inspections.department'),
      dataIndex: 'departmentId',
      fixed: 'left',
      render: (id: number) => unitOf(id),
    },
    { title: t('inspections.stats.total'), dataIndex: 'total', align: 'right' },
    {
      title: t('inspections.stats.byKind'),
      children: INSPECTION_KINDS.map((kind) => ({
        title: t(`inspections.kind.${kind}`),
        key: kind,
        align: 'right' as const,
        render: (_: unknown, row: DepartmentInspectionStats) => row.byKind[kind],
      })),
    },
    { title: t('inspections.stats.enterprises'), dataIndex: 'enterprises', align: 'right' },
    {
      title: t('inspections.overLimit'),
      dataIndex: 'overLimit',
      align: 'right',
      render: (value: number, row) => <Alarm value={value} testId={`stats-over-limit-${row.departmentId}`} />,
    },
    { title: t('inspections.stats.cases'), dataIndex: 'cases', align: 'right' },
    {
      title: t('inspections.stats.openCases'),
      dataIndex: 'openCases',
      align: 'right',
      render: (value: number, row) => <Alarm value={value} testId={`stats-open-cases-${row.departmentId}`} />,
    },
    { title: t('inspections.stats.unregistered'), dataIndex: 'unregistered', align: 'right' },
    { title: t('inspections.stats.rated'), dataIndex: 'rated', align: 'right' },
    {
      title: t('inspections.stats.averageRating'),
      dataIndex: 'averageRating',
      align: 'right',
      render: (average: string | null) => average ?? '—',
    },
  ];
  // The summary cells follow the leaf columns: department, total, four kinds, enterprises, then the rest.
  const totalCells: (string | number)[] = [
    totals.total,
    ...INSPECTION_KINDS.map((kind) => totals.byKind[kind]),
    '—',
    totals.overLimit,
    totals.cases,
    totals.openCases,
    totals.unregistered,
    totals.rated,
    totals.averageRating ?? '—',
  ];

  return (
    <PageContainer
      title={t('inspections.supervision.title')}
      extra={
        <Select<number>
          style={{ width: 120 }}
          value={year}
          onChange={setYear}
          options={yearOptions(thisYear).map((y) => ({ value: y, label: t('inspections.yearOnly', { year: y }) }))}
          data-testid="supervision-year"
        />
      }
    >
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card size="small">
          <Flex wrap gap={8} justify="space-between" style={{ marginBottom: 12 }}>
            <Typography.Text type="secondary">{t('inspections.supervision.hint')}</Typography.Text>
            {limit !== undefined ? (
              <Typography.Text data-testid="supervision-limit">{t('inspections.supervision.limit', { limit })}</Typography.Text>
            ) : null}
          </Flex>
          <Table<DepartmentInspectionStats>
            data-testid="supervision-table"
            className="inspection-stats-table"
            rowKey="departmentId"
            size="small"
            bordered
            loading={stats.isFetching}
            dataSource={rows}
            columns={columns}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <Empty description={t('inspections.supervision.none', { year })} /> }}
            rowClassName={(row) => (needsAttention(row) ? 'inspection-attention' : '')}
            summary={() =>
              rows.length > 0 ? (
                <Table.Summary fixed>
                  <Table.Summary.Row data-testid="supervision-total">
                    <Table.Summary.Cell index={0}>
                      <Typography.Text strong>{t('inspections.stats.totalRow')}</Typography.Text>
                    </Table.Summary.Cell>
                    {totalCells.map((value, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: the cells are the fixed columns in order
                      <Table.Summary.Cell key={i} index={i + 1} align="right">
                        <Typography.Text strong>{value}</Typography.Text>
                      </Table.Summary.Cell>
                    ))}
                  </Table.Summary.Row>
                </Table.Summary>
              ) : null
            }
          />
        </Card>
        {can('inspection.manage') ? <SettingsCard /> : null}
      </Space>
    </PageContainer>
  );
}
