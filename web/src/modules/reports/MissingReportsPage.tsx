import { EditOutlined, HistoryOutlined, LockOutlined, RollbackOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Empty, Progress, Row, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { ReportGridRow, ReportStatus } from '../../../../src/contracts/index.js';
import { api } from '../../api/endpoints';
import { useFeedback } from '../../api/feedback-provider';
import { useCan, useSession } from '../../app/session';
import { LoadError } from '../../components/LoadError';
import { PageContainer } from '../../components/PageContainer';
import { useT } from '../../i18n';
import { formatDateTime } from '../../lib/time';
import { useUnitLabel } from '../projects/shared/hooks';
import { formatAmount } from '../projects/shared/money';
import { ReportStatusTag } from './labels';
import { MonthPicker } from './MonthPicker';
import { monthFromSearch } from './month';
import { ReportHistoryDrawer } from './ReportVersions';
import { ReturnReportModal, type ReturnTarget } from './ReturnReportModal';
import { missingTotals, type UnitCounts } from './missing';

type HistoryTarget = { projectId: number; projectName: string; month: string };

/**
 * 缺报情况: who has reported a month and who has not, per unit (the direct units under the
 * user's jurisdiction); the city returns a report with a reason and locks the month.
 */
export default function MissingReportsPage() {
  const { t } = useT();
  const unitOf = useUnitLabel();
  const can = useCan();
  const canReview = can('report.review');
  const { modal, message } = App.useApp();
  const feedback = useFeedback();
  const queryClient = useQueryClient();
  const [search, setSearch] = useSearchParams();
  const month = monthFromSearch(search.get('month'));
  const [historyOf, setHistoryOf] = useState<HistoryTarget | null>(null);
  const [returnOf, setReturnOf] = useState<ReturnTarget | null>(null);

  const missing = useQuery({ queryKey: ['reports', 'missing', month], queryFn: () => api.reports.missing(month) });
  const state = useQuery({ queryKey: ['reports', 'month', month], queryFn: () => api.reports.monthState(month) });

  const lock = useMutation({
    mutationFn: () => api.reports.lock(month),
    onSuccess: (next) => {
      queryClient.setQueryData(['reports', 'month', month], next);
      void queryClient.invalidateQueries({ queryKey: ['reports'] });
      message.success(t('missing.lockedDone', { month }));
    },
    onError: (error) => feedback(error),
  });

  if (missing.error && !missing.data) return <LoadError error={missing.error} onRetry={() => void missing.refetch()} />;
  const data = missing.data;
  const totals = data ? missingTotals(data.units) : null;
  const isLocked = state.data?.isLocked ?? data?.isLocked ?? false;

  const confirmLock = () =>
    modal.confirm({
      title: t('missing.lockTitle', { month }),
      content: t('missing.lockBody', { missing: (totals?.missing ?? 0) + (totals?.returned ?? 0) }),
      okText: t('missing.lock'),
      okButtonProps: { danger: true },
      onOk: () => lock.mutateAsync(),
    });

  return (
    <PageContainer
      title={t('missing.title')}
      extra={
        <Space wrap>
          <MonthPicker value={month} onChange={(next) => setSearch({ month: next })} testId="missing-month" />
          <Link to={`/reports?month=${month}`}>
            <Button icon={<EditOutlined />}>{t('missing.openGrid')}</Button>
          </Link>
          {canReview && !isLocked ? (
            <Button danger icon={<LockOutlined />} loading={lock.isPending} onClick={confirmLock} data-testid="missing-lock">
              {t('missing.lock')}
            </Button>
          ) : null}
        </Space>
      }
    >
      <Card size="small" style={{ marginBottom: 16 }} loading={missing.isPending}>
        {data && totals ? (
          <Row gutter={[24, 12]} data-testid="missing-summary">
            <Col xs={12} md={4}>
              <Statistic title={t('missing.expected')} value={totals.expected} />
            </Col>
            <Col xs={12} md={4}>
              <Statistic title={t('missing.submitted')} value={totals.submitted} styles={{ content: { color: '#389e0d' } }} />
            </Col>
            <Col xs={12} md={4}>
              <Statistic
                title={t('missing.missing')}
                value={totals.missing}
                styles={{ content: { color: totals.missing ? '#d46b08' : undefined } }}
                data-testid="missing-total"
              />
            </Col>
            <Col xs={12} md={4}>
              <Statistic
                title={t('missing.returned')}
                value={totals.returned}
                styles={{ content: { color: totals.returned ? '#cf1322' : undefined } }}
              />
            </Col>
            <Col xs={24} md={8}>
              <Space orientation="vertical" size={4}>
                <Typography.Text>
                  {t('reports.dueOn')} <Typography.Text strong>{data.dueOn}</Typography.Text>
                </Typography.Text>
                {isLocked ? (
                  <Space>
                    <Tag color="red" icon={<LockOutlined />} data-testid="missing-locked">
                      {t('reports.locked')}
                    </Tag>
                    {state.data?.lockedAt ? (
                      <Typography.Text type="secondary">
                        {t('missing.lockedAt', { time: formatDateTime(state.data.lockedAt) })}
                      </Typography.Text>
                    ) : null}
                  </Space>
                ) : (
                  <Tag color="green">{t('reports.open')}</Tag>
                )}
              </Space>
            </Col>
          </Row>
        ) : null}
      </Card>
      {isLocked ? <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('missing.lockedHint')} /> : null}
      <Card size="small" title={t('missing.byUnit')} style={{ marginBottom: 16 }}>
        <Table<UnitCounts>
          data-testid="missing-units"
          rowKey="unitId"
          size="middle"
          loading={missing.isFetching}
          dataSource={data?.units ?? []}
          pagination={false}
          locale={{ emptyText: <Empty description={t('missing.noUnits')} /> }}
          expandable={{
            expandedRowRender: (unit) => (
              <UnitReports
                unit={unit}
                month={month}
                canReview={canReview}
                unitOf={unitOf}
                onHistory={setHistoryOf}
                onReturn={setReturnOf}
              />
            ),
          }}
          columns={[
            { title: t('missing.unit'), dataIndex: 'unitName', render: (name: string, unit) => unitOf(unit.unitId, name) },
            { title: t('missing.expected'), dataIndex: 'expected', align: 'right', width: 90 },
            { title: t('missing.submitted'), dataIndex: 'submitted', align: 'right', width: 90 },
            {
              title: t('missing.missing'),
              dataIndex: 'missing',
              align: 'right',
              width: 90,
              render: (n: number) =>
                n ? (
                  <Typography.Text type="warning" strong>
                    {n}
                  </Typography.Text>
                ) : (
                  0
                ),
            },
            {
              title: t('missing.returned'),
              dataIndex: 'returned',
              align: 'right',
              width: 90,
              render: (n: number) =>
                n ? (
                  <Typography.Text type="danger" strong>
                    {n}
                  </Typography.Text>
                ) : (
                  0
                ),
            },
            {
              title: t('missing.progress'),
              key: 'progress',
              width: 200,
              render: (_, unit) => (
                <Tooltip title={t('missing.progressHelp', { submitted: unit.submitted, expected: unit.expected })}>
                  <Progress
                    percent={unit.expected ? Math.floor((unit.submitted * 100) / unit.expected) : 100}
                    size="small"
                    status={unit.missing + unit.returned > 0 ? 'active' : 'success'}
                  />
                </Tooltip>
              ),
            },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 110,
              render: (_, unit) => <Link to={`/reports?month=${month}&unitId=${unit.unitId}`}>{t('missing.openUnitGrid')}</Link>,
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('missing.projectsTitle', { count: data?.missingProjects.length ?? 0 })}>
        <Table
          data-testid="missing-projects"
          rowKey="projectId"
          size="small"
          dataSource={data?.missingProjects ?? []}
          loading={missing.isFetching}
          pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
          locale={{ emptyText: <Empty description={t('missing.allReported')} /> }}
          columns={[
            {
              title: t('reports.project'),
              dataIndex: 'projectName',
              render: (name: string, row) => <Link to={`/projects/${row.projectId}`}>{name}</Link>,
            },
            { title: t('missing.unit'), dataIndex: 'unitName', render: (name: string, row) => unitOf(row.unitId, name) },
            {
              title: t('common.status'),
              dataIndex: 'status',
              width: 100,
              render: (status: ReportStatus) => <ReportStatusTag status={status} />,
            },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 90,
              render: (_, row) =>
                row.status === 'returned' ? (
                  <Button
                    type="link"
                    size="small"
                    icon={<HistoryOutlined />}
                    onClick={() => setHistoryOf({ projectId: row.projectId, projectName: row.projectName, month })}
                  >
                    {t('reports.history')}
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
      <ReportHistoryDrawer target={historyOf} onClose={() => setHistoryOf(null)} />
      <ReturnReportModal target={returnOf} onClose={() => setReturnOf(null)} />
    </PageContainer>
  );
}

/** One unit's projects of the month (opened under its row): status, figure, history and 退回. */
function UnitReports({
  unit,
  month,
  canReview,
  unitOf,
  onHistory,
  onReturn,
}: {
  unit: UnitCounts;
  month: string;
  canReview: boolean;
  /** Unit names in the UI language (the page's one lookup). */
  unitOf: (id: number, fallback: string) => string;
  onHistory: (target: HistoryTarget) => void;
  onReturn: (target: ReturnTarget) => void;
}) {
  const { t } = useT();
  const session = useSession();
  const grid = useQuery({ queryKey: ['reports', 'grid', month, unit.unitId], queryFn: () => api.reports.grid(month, unit.unitId) });
  if (grid.error) return <LoadError error={grid.error} onRetry={() => void grid.refetch()} />;
  // The row of the jurisdiction itself counts only its own projects; the others, their whole subtree.
  const isRoot = unit.unitId === session.user.scopeUnitId;
  const rows = (grid.data?.rows ?? []).filter((row) => !isRoot || row.unitId === unit.unitId);
  return (
    <Table<ReportGridRow>
      data-testid={`missing-unit-${unit.unitId}`}
      rowKey="projectId"
      size="small"
      loading={grid.isPending}
      dataSource={rows}
      pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      columns={[
        {
          title: t('reports.project'),
          dataIndex: 'projectName',
          render: (name: string, row) => <Link to={`/projects/${row.projectId}`}>{name}</Link>,
        },
        { title: t('missing.unit'), dataIndex: 'unitName', width: 160, render: (name: string, row) => unitOf(row.unitId, name) },
        {
          title: t('common.status'),
          key: 'status',
          width: 240,
          render: (_, row) => (
            <Space orientation="vertical" size={0}>
              <ReportStatusTag status={row.status} />
              {row.returnReason ? (
                <Typography.Text type="danger" style={{ fontSize: 12 }}>
                  {t('reports.returnReasonIs', { reason: row.returnReason })}
                </Typography.Text>
              ) : null}
            </Space>
          ),
        },
        {
          title: t('reports.investment'),
          dataIndex: 'investment',
          align: 'right',
          width: 130,
          render: (v: string | null) => formatAmount(v),
        },
        {
          title: t('common.actions'),
          key: 'actions',
          width: 160,
          render: (_, row) => (
            <Space size={0}>
              <Button
                type="link"
                size="small"
                icon={<HistoryOutlined />}
                onClick={() => onHistory({ projectId: row.projectId, projectName: row.projectName, month })}
              >
                {t('reports.history')}
              </Button>
              {canReview && row.status === 'submitted' ? (
                <Button
                  type="link"
                  size="small"
                  danger
                  icon={<RollbackOutlined />}
                  onClick={() => onReturn({ projectId: row.projectId, projectName: row.projectName, month })}
                  data-testid={`return-${row.projectId}`}
                >
                  {t('reports.return')}
                </Button>
              ) : null}
            </Space>
          ),
        },
      ]}
    />
  );
}
