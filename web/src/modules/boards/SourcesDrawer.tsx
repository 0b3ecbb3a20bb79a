import { useQuery } from '@tanstack/react-query';
import { Descriptions, Drawer, Empty, Spin, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { z } from 'zod';
import type { BoardMetric, BoardSourceRowSchema } from '../../../../src/contracts/index.js';
import { api } from '../../api/endpoints';
import { LoadError } from '../../components/LoadError';
import { useT } from '../../i18n';
import { formatDateTime } from '../../lib/time';
import { formatAmount, formatMoneyLong } from '../projects/shared/money';
import { ReportVersions } from '../reports/ReportVersions';

type SourceRow = z.infer<typeof BoardSourceRowSchema>;

export interface SourcesTarget {
  month: string;
  metric: BoardMetric;
  unitId: number;
  unitName: string;
  /** The figure as the board shows it (a published snapshot may differ from the rows now). */
  value: string;
}

const KIND_COLORS: Record<SourceRow['kind'], string> = { report: 'blue', deal: 'purple', fund: 'gold', project: 'cyan' };

/** Where a row of the drill-down leads: its project, deal or the funds list. */
function linkOf(row: SourceRow): string | null {
  switch (row.kind) {
    case 'deal':
      return `/deals/${row.id}`;
    case 'fund':
      return row.projectId ? `/projects/${row.projectId}` : '/funds';
    default:
      return row.projectId ? `/projects/${row.projectId}` : null;
  }
}

/** The rows behind one figure of a board: who entered what and when; a report row opens to its versions. */
export function SourcesDrawer({ target, onClose }: { target: SourcesTarget | null; onClose: () => void }) {
  const { t } = useT();
  return (
    <Drawer
      open={target !== null}
      onClose={onClose}
      size={900}
      destroyOnHidden
      title={
        target ? t('boards.sourcesTitle', { unit: target.unitName, metric: t(`boardMetric.${target.metric}`), month: target.month }) : ''
      }
    >
      {target ? <Sources target={target} /> : null}
    </Drawer>
  );
}

function Sources({ target }: { target: SourcesTarget }) {
  const { t, locale } = useT();
  const sources = useQuery({
    queryKey: ['boards', 'sources', target.month, target.unitId, target.metric],
    queryFn: () => api.boards.sources({ month: target.month, unitId: target.unitId, metric: target.metric }),
  });
  if (sources.error) return <LoadError error={sources.error} onRetry={() => void sources.refetch()} />;
  if (!sources.data) return <Spin />;
  const data = sources.data;
  return (
    <>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 2 }}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'board', label: t('boards.boardFigure'), children: formatMoneyLong(target.value, locale) },
          { key: 'now', label: t('boards.rowsFigure'), children: formatMoneyLong(data.value, locale) },
          { key: 'asOf', label: t('boards.asOf'), children: formatDateTime(data.asOf) },
          { key: 'count', label: t('boards.rowCount'), children: data.rows.length },
        ]}
      />
      {target.value !== data.value ? (
        <Typography.Paragraph type="warning" data-testid="sources-differ">
          {t('boards.sourcesDiffer')}
        </Typography.Paragraph>
      ) : null}
      <Table<SourceRow>
        data-testid="board-sources"
        rowKey={(row) => `${row.kind}-${row.id}-${row.version ?? 0}`}
        size="small"
        dataSource={data.rows}
        scroll={{ x: 'max-content' }}
        pagination={data.rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        locale={{ emptyText: <Empty description={t('boards.noSources')} /> }}
        expandable={{
          rowExpandable: (row) => row.kind === 'report' && row.projectId !== null && row.month !== null,
          expandedRowRender: (row) => <ReportVersions projectId={row.projectId!} month={row.month!.slice(0, 7)} />,
        }}
        columns={[
          {
            title: t('boards.sourceKind'),
            dataIndex: 'kind',
            width: 90,
            render: (kind: SourceRow['kind']) => <Tag color={KIND_COLORS[kind]}>{t(`boards.sourceKind.${kind}`)}</Tag>,
          },
          {
            title: t('boards.sourceLabel'),
            dataIndex: 'label',
            render: (label: string, row) => {
              const to = linkOf(row);
              return to ? <Link to={to}>{label}</Link> : label;
            },
          },
          {
            title: t('boards.sourceWhen'),
            key: 'when',
            width: 110,
            render: (_, row) => row.month?.slice(0, 7) ?? row.date ?? '—',
          },
          { title: t('boards.valueWan'), dataIndex: 'amount', align: 'right', render: (amount: string) => formatAmount(amount) },
          { title: t('boards.sourceVersion'), dataIndex: 'version', width: 70, render: (v: number | null) => (v === null ? '—' : `v${v}`) },
          {
            title: t('boards.enteredBy'),
            key: 'entered',
            render: (_, row) => (
              <span>
                {row.enteredBy ?? '—'}
                {row.enteredAt ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                    {formatDateTime(row.enteredAt)}
                  </Typography.Text>
                ) : null}
              </span>
            ),
          },
          { title: t('boards.sourceNote'), dataIndex: 'note', ellipsis: true, width: 160, render: (note: string | null) => note ?? '' },
        ]}
      />
    </>
  );
}
