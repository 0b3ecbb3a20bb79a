import { HistoryOutlined, ReloadOutlined, RollbackOutlined, SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Input,
  type InputRef,
  Modal,
  Segmented,
  Space,
  Table,
  type TableProps,
  Tag,
  Tooltip,
  TreeSelect,
  Typography,
} from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useBlocker, useSearchParams } from 'react-router';
import { type ReportGridRow, shanghaiDate } from '../../../../src/contracts/index.js';
import { isApiError } from '../../api/client';
import { api } from '../../api/endpoints';
import { useFeedback } from '../../api/feedback-provider';
import { useCan } from '../../app/session';
import { LoadError } from '../../components/LoadError';
import { PageContainer } from '../../components/PageContainer';
import { useT } from '../../i18n';
import { buildUnitTree } from '../org/unit-tree';
import { useUnitLabel, useUnitTree } from '../projects/shared/hooks';
import { formatAmount } from '../projects/shared/money';
import { ReportStatusTag } from './labels';
import { MonthPicker } from './MonthPicker';
import { monthFromSearch } from './month';
import {
  buildSubmission,
  cellKey,
  checkSubmission,
  clearCellError,
  clearRowErrors,
  discard,
  dirtyRows,
  type Edits,
  editCell,
  errorCount,
  filterRows,
  type GridField,
  type GridFilter,
  isDirty,
  moveFrom,
  NO_ERRORS,
  type PlacedErrors,
  placeErrors,
  rebase,
  type RowEdit,
  rowsWithErrors,
  rowValues,
  staleRows,
  statusCounts,
} from './report-grid';
import { ReportHistoryDrawer } from './ReportVersions';
import { ReturnReportModal, type ReturnTarget } from './ReturnReportModal';
import './report-grid.css';

/** Past this many rows (a city-wide grid) the grid pages; a unit's month fits on one page. */
const ONE_PAGE_LIMIT = 120;
const PAGE_SIZE = 50;

/**
 * 月报填报: a month's reporting projects on one grid. The unit types the month's investment
 * (Enter and the arrow keys move between those cells), the progress and the problems; every
 * other figure comes from the server. A save is all or nothing: errors come back on their
 * cells and nothing typed is lost.
 */
export default function ReportGridPage() {
  const { t, locale } = useT();
  const can = useCan();
  const canSubmit = can('report.submit');
  const canReview = can('report.review');
  const { message, modal } = App.useApp();
  const feedback = useFeedback();
  const queryClient = useQueryClient();
  const [search, setSearch] = useSearchParams();
  const month = monthFromSearch(search.get('month'));
  const unitParam = Number(search.get('unitId'));
  const unitId = Number.isInteger(unitParam) && unitParam > 0 ? unitParam : undefined;
  const units = useUnitTree();
  const unitOf = useUnitLabel();
  const unitTree = useMemo(() => buildUnitTree(units.items, { locale }), [units.items, locale]);

  const gridKey = useMemo(() => ['reports', 'grid', month, unitId ?? null] as const, [month, unitId]);
  const grid = useQuery({ queryKey: gridKey, queryFn: () => api.reports.grid(month, unitId) });
  const rows = grid.data?.rows ?? [];

  const [edits, setEdits] = useState<Edits>(new Map());
  const [errors, setErrors] = useState<PlacedErrors>(NO_ERRORS);
  const [filter, setFilter] = useState<GridFilter>('all');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [historyOf, setHistoryOf] = useState<{ projectId: number; projectName: string; month: string } | null>(null);
  const [returnOf, setReturnOf] = useState<ReturnTarget | null>(null);
  const [askReason, setAskReason] = useState(false);
  const [reasonForm] = Form.useForm<{ correctionReason?: string }>();
  const inputs = useRef(new Map<number, InputRef>());

  const dirty = useMemo(() => dirtyRows(rows, edits), [rows, edits]);
  const stale = useMemo(() => new Set(staleRows(rows, edits).map((row) => row.projectId)), [rows, edits]);
  const visible = useMemo(() => filterRows(rows, { filter, q, edits, errors }), [rows, filter, q, edits, errors]);
  const paged = visible.length > ONE_PAGE_LIMIT;
  const shown = paged ? visible.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE) : visible;
  const order = useMemo(() => shown.map((row) => row.projectId), [shown]);
  const counts = statusCounts(rows);
  const hasUnsaved = dirty.length > 0;

  // Leaving with unsaved figures asks first (another page in the app, or closing the tab).
  const blocker = useBlocker(({ currentLocation, nextLocation }) => hasUnsaved && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    modal.confirm({
      title: t('reports.leaveTitle'),
      content: t('reports.leaveBody', { count: dirty.length }),
      okText: t('reports.leave'),
      okButtonProps: { danger: true },
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
    });
  }, [blocker, modal, t, dirty.length]);
  useEffect(() => {
    if (!hasUnsaved) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [hasUnsaved]);

  /** Another month or unit: a new grid, after confirming that unsaved figures may go. */
  const go = (next: { month?: string; unitId?: number | undefined }) => {
    const apply = () => {
      const params: Record<string, string> = { month: next.month ?? month };
      const u = 'unitId' in next ? next.unitId : unitId;
      if (u) params.unitId = String(u);
      setEdits(new Map());
      setErrors(NO_ERRORS);
      setPage(1);
      setSearch(params);
    };
    if (!hasUnsaved) return apply();
    modal.confirm({
      title: t('reports.leaveTitle'),
      content: t('reports.leaveBody', { count: dirty.length }),
      okText: t('reports.leave'),
      okButtonProps: { danger: true },
      onOk: apply,
    });
  };

  const change = (row: ReportGridRow, field: GridField, value: string) => {
    setEdits((current) => editCell(current, row, field, value));
    setErrors((current) => clearCellError(current, row.projectId, field));
  };

  const focusCell = useCallback((projectId: number | undefined) => {
    if (projectId === undefined) return;
    const input = inputs.current.get(projectId);
    input?.focus({ cursor: 'all' });
  }, []);

  /** Show errors on their cells and bring the first one into view. */
  const showErrors = (placed: PlacedErrors) => {
    setErrors(placed);
    const first = rowsWithErrors(visible, placed)[0] ?? rowsWithErrors(rows, placed)[0];
    if (first === undefined) return;
    if (!visible.some((row) => row.projectId === first)) setFilter('all');
    if (paged) {
      const index = (visible.some((row) => row.projectId === first) ? visible : rows).findIndex((row) => row.projectId === first);
      setPage(Math.floor(index / PAGE_SIZE) + 1);
    }
    setTimeout(() => {
      document.querySelector(`[data-row-key="${first}"]`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    }, 50);
  };

  const submit = useMutation({
    mutationFn: async (input: { body: ReturnType<typeof buildSubmission>['body']; order: number[] }) =>
      await api.reports.submit(input.body as Parameters<typeof api.reports.submit>[0]),
    onSuccess: async (result, input) => {
      // The fresh grid and the cleared edits land together, so no row flashes its old figure.
      const fresh = await api.reports.grid(month, unitId).catch(() => undefined);
      if (fresh) queryClient.setQueryData(gridKey, fresh);
      setEdits((current) => discard(current, input.order));
      setErrors(NO_ERRORS);
      setAskReason(false);
      reasonForm.resetFields();
      message.success(
        result.corrections > 0
          ? t('reports.savedCorrections', { saved: result.saved, unchanged: result.unchanged })
          : t('reports.saved', { saved: result.saved, unchanged: result.unchanged }),
      );
      void queryClient.invalidateQueries({ queryKey: ['reports'], predicate: (query) => query.queryKey[1] !== 'grid' });
      void queryClient.invalidateQueries({ queryKey: ['boards'] });
      if (!fresh) void grid.refetch();
    },
    onError: async (error, input) => {
      if (!isApiError(error)) return void feedback(error);
      if (error.code === 'CONFLICT' || error.fields.length > 0) {
        const placed = placeErrors(error.fields, input.order);
        const reason = placed.general.filter((field) => field.path === 'correctionReason');
        if (reason.length) reasonForm.setFields([{ name: 'correctionReason', errors: reason.map((field) => field.message) }]);
        else setAskReason(false);
        const other = placed.general.filter((field) => field.path !== 'correctionReason');
        if (other.length) message.error(other.map((field) => field.message).join(t('common.clauseSeparator')));
        showErrors(placed);
        // Someone else saved some of these rows: load their figures; the rows explain what happened.
        if (error.code === 'CONFLICT' || error.fields.some((field) => /^rows\.\d+\.investment$/.test(field.path))) void grid.refetch();
        return;
      }
      feedback(error);
    },
  });

  const save = (correctionReason?: string) => {
    if (!grid.data) return;
    const { body, order: sent } = buildSubmission(month, rows, edits, grid.data.isLocked ? correctionReason : undefined);
    if (sent.length === 0) {
      message.info(t('reports.nothingToSave'));
      return;
    }
    if (stale.size > 0 && sent.some((id) => stale.has(id))) {
      message.warning(t('reports.resolveStale'));
      setFilter('all');
      return;
    }
    const local = checkSubmission(body, locale).filter((field) => field.path !== 'correctionReason');
    if (local.length) {
      showErrors(placeErrors(local, sent));
      message.error(t('reports.fixErrors', { count: local.length }));
      return;
    }
    if (grid.data.isLocked && correctionReason === undefined) {
      setAskReason(true);
      return;
    }
    submit.mutate({ body, order: sent });
  };

  if (grid.error && !grid.data) return <LoadError error={grid.error} onRetry={() => void grid.refetch()} />;
  const data = grid.data;
  const today = shanghaiDate(new Date());
  const overdue = data ? today > data.dueOn : false;

  const cellError = (projectId: number, field: GridField) => errors.cells.get(cellKey(projectId, field));
  const errorText = (messages: string[] | undefined) =>
    messages ? (
      <div className="report-cell-error" role="alert">
        {messages.join(t('common.clauseSeparator'))}
      </div>
    ) : null;

  const textCell = (row: ReportGridRow, field: Exclude<GridField, 'investment'>, values: Omit<RowEdit, 'baseVersion'>) => {
    const messages = cellError(row.projectId, field);
    return (
      <>
        <Input.TextArea
          value={values[field]}
          autoSize={{ minRows: 1, maxRows: 4 }}
          maxLength={field === 'explanation' ? 500 : 1000}
          status={messages ? 'error' : undefined}
          disabled={!canSubmit}
          placeholder={field === 'explanation' ? t('reports.explanationPlaceholder') : undefined}
          onChange={(event) => change(row, field, event.target.value)}
          data-testid={`cell-${field}-${row.projectId}`}
        />
        {errorText(messages)}
      </>
    );
  };

  const columns: TableProps<ReportGridRow>['columns'] = [
    {
      title: t('reports.project'),
      key: 'project',
      fixed: 'left',
      width: 280,
      render: (_, row) => {
        const rowMessages = errors.rows.get(row.projectId);
        return (
          <Space orientation="vertical" size={2} style={{ width: '100%' }}>
            <Link to={`/projects/${row.projectId}`}>{row.projectName}</Link>
            <Space size={4} wrap>
              <ReportStatusTag status={row.status} />
              {row.version > 0 ? <Typography.Text type="secondary">v{row.version}</Typography.Text> : null}
              {!row.isStarted ? <Tag color="warning">{t('reports.notStarted')}</Tag> : null}
              {isDirty(row, edits.get(row.projectId)) ? <Tag color="processing">{t('reports.edited')}</Tag> : null}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {unitOf(row.unitId, row.unitName)}
              </Typography.Text>
            </Space>
            {row.status === 'returned' ? (
              <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid={`return-reason-${row.projectId}`}>
                {t('reports.returnReasonIs', { reason: row.returnReason ?? '—' })}
              </Typography.Text>
            ) : null}
            {stale.has(row.projectId) ? (
              <Alert
                type="warning"
                showIcon
                data-testid={`stale-${row.projectId}`}
                title={t('reports.staleTitle', { version: row.version, investment: formatAmount(row.investment) })}
                description={t('reports.staleBody')}
                action={
                  <Space orientation="vertical" size={4}>
                    <Button
                      size="small"
                      onClick={() => {
                        setEdits((current) => rebase(current, row));
                        setErrors((current) => clearRowErrors(current, row.projectId));
                      }}
                      data-testid={`keep-mine-${row.projectId}`}
                    >
                      {t('reports.keepMine')}
                    </Button>
                    <Button
                      size="small"
                      onClick={() => {
                        setEdits((current) => discard(current, [row.projectId]));
                        setErrors((current) => clearRowErrors(current, row.projectId));
                      }}
                    >
                      {t('reports.takeTheirs')}
                    </Button>
                  </Space>
                }
              />
            ) : null}
            {rowMessages ? errorText(rowMessages) : null}
          </Space>
        );
      },
    },
    {
      title: t('reports.totalInvestment'),
      dataIndex: 'totalInvestment',
      align: 'right',
      width: 110,
      render: (v: string) => formatAmount(v),
    },
    {
      title: t('reports.plannedThisMonth'),
      dataIndex: 'plannedThisMonth',
      align: 'right',
      width: 100,
      render: (v: string | null) => formatAmount(v),
    },
    { title: t('reports.lastMonth'), dataIndex: 'lastMonth', align: 'right', width: 100, render: (v: string | null) => formatAmount(v) },
    { title: t('reports.ytdBefore'), dataIndex: 'ytdBefore', align: 'right', width: 110, render: (v: string) => formatAmount(v) },
    {
      title: t('reports.cumulativeBefore'),
      dataIndex: 'cumulativeBefore',
      align: 'right',
      width: 120,
      render: (v: string) => formatAmount(v),
    },
    {
      title: (
        <Tooltip title={t('reports.investmentHelp')}>
          <span>{t('reports.investment')}</span>
        </Tooltip>
      ),
      key: 'investment',
      width: 150,
      render: (_, row) => {
        const values = rowValues(row, edits.get(row.projectId));
        const messages = cellError(row.projectId, 'investment');
        return (
          <>
            <Input
              ref={(element) => {
                if (element) inputs.current.set(row.projectId, element);
                else inputs.current.delete(row.projectId);
              }}
              value={values.investment}
              inputMode="decimal"
              autoComplete="off"
              status={messages ? 'error' : undefined}
              disabled={!canSubmit}
              style={{ textAlign: 'right' }}
              onChange={(event) => change(row, 'investment', event.target.value)}
              onFocus={(event) => event.target.select()}
              onKeyDown={(event) => {
                if (!['Enter', 'ArrowDown', 'ArrowUp'].includes(event.key)) return;
                event.preventDefault();
                focusCell(moveFrom(order, row.projectId, event.key, event.shiftKey));
              }}
              aria-label={t('reports.investmentOf', { name: row.projectName })}
              data-testid={`cell-investment-${row.projectId}`}
            />
            {errorText(messages)}
          </>
        );
      },
    },
    {
      title: t('reports.progressText'),
      key: 'progressText',
      width: 220,
      render: (_, row) => textCell(row, 'progressText', rowValues(row, edits.get(row.projectId))),
    },
    {
      title: t('reports.problemsText'),
      key: 'problemsText',
      width: 200,
      render: (_, row) => textCell(row, 'problemsText', rowValues(row, edits.get(row.projectId))),
    },
    {
      title: (
        <Tooltip title={t('reports.explanationHelp')}>
          <span>{t('reports.explanation')}</span>
        </Tooltip>
      ),
      key: 'explanation',
      width: 200,
      render: (_, row) => textCell(row, 'explanation', rowValues(row, edits.get(row.projectId))),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      width: 100,
      render: (_, row) => (
        <Space orientation="vertical" size={0}>
          <Button
            type="link"
            size="small"
            icon={<HistoryOutlined />}
            onClick={() => setHistoryOf({ projectId: row.projectId, projectName: row.projectName, month })}
            data-testid={`history-${row.projectId}`}
          >
            {t('reports.history')}
          </Button>
          {canReview && row.status === 'submitted' ? (
            <Button
              type="link"
              size="small"
              danger
              icon={<RollbackOutlined />}
              onClick={() => setReturnOf({ projectId: row.projectId, projectName: row.projectName, month })}
              data-testid={`return-${row.projectId}`}
            >
              {t('reports.return')}
            </Button>
          ) : null}
          {isDirty(row, edits.get(row.projectId)) || stale.has(row.projectId) ? (
            <Button
              type="link"
              size="small"
              icon={<UndoOutlined />}
              onClick={() => {
                setEdits((current) => discard(current, [row.projectId]));
                setErrors((current) => clearRowErrors(current, row.projectId));
              }}
            >
              {t('reports.undo')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  const errorTotal = errorCount(errors);
  return (
    <PageContainer
      title={t('reports.title')}
      extra={
        <Space wrap>
          <MonthPicker value={month} onChange={(next) => go({ month: next })} testId="report-month" />
          {units.enabled ? (
            <TreeSelect
              allowClear
              showSearch={{ treeNodeFilterProp: 'title' }}
              placeholder={t('reports.allUnits')}
              treeData={unitTree}
              value={unitId}
              onChange={(next?: number) => go({ unitId: next })}
              style={{ width: 220 }}
              listHeight={360}
              data-testid="report-unit"
            />
          ) : null}
          <Button icon={<ReloadOutlined />} onClick={() => void grid.refetch()} loading={grid.isFetching && !submit.isPending}>
            {t('reports.reload')}
          </Button>
          {canSubmit ? (
            <Button
              type="primary"
              icon={<SaveOutlined />}
              disabled={!hasUnsaved}
              loading={submit.isPending}
              onClick={() => save()}
              data-testid="report-save"
            >
              {hasUnsaved ? t('reports.saveCount', { count: dirty.length }) : t('common.save')}
            </Button>
          ) : null}
        </Space>
      }
    >
      {data ? (
        <Card size="small" style={{ marginBottom: 12 }}>
          <Flex wrap gap={16} align="center" data-testid="report-summary">
            <Typography.Text>
              {t('reports.dueOn')}{' '}
              <Typography.Text type={overdue && counts.missing > 0 ? 'danger' : undefined} strong>
                {data.dueOn}
              </Typography.Text>
            </Typography.Text>
            {data.isLocked ? (
              <Tag color="red" data-testid="report-locked">
                {t('reports.locked')}
              </Tag>
            ) : (
              <Tag color="green">{t('reports.open')}</Tag>
            )}
            <Typography.Text>{t('reports.countExpected', { count: rows.length })}</Typography.Text>
            <Typography.Text type="success">{t('reports.countSubmitted', { count: counts.submitted })}</Typography.Text>
            <Typography.Text type={counts.missing ? 'warning' : 'secondary'} data-testid="report-missing-count">
              {t('reports.countMissing', { count: counts.missing })}
            </Typography.Text>
            <Typography.Text type={counts.returned ? 'danger' : 'secondary'}>
              {t('reports.countReturned', { count: counts.returned })}
            </Typography.Text>
            <Typography.Text type="secondary">{t('reports.requiredFields', { count: data.requiredFieldsPerRow })}</Typography.Text>
          </Flex>
        </Card>
      ) : null}
      {data?.isLocked ? (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('reports.lockedHint')} data-testid="report-locked-hint" />
      ) : null}
      {errorTotal > 0 ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="report-errors"
          title={t('reports.errorsTitle', { count: errorTotal })}
          description={t('reports.errorsBody')}
          action={
            filter === 'errors' ? null : (
              <Button size="small" onClick={() => setFilter('errors')}>
                {t('reports.showErrors')}
              </Button>
            )
          }
        />
      ) : null}
      {!canSubmit ? <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('reports.readOnly')} /> : null}
      <Flex wrap gap={12} align="center" style={{ marginBottom: 12 }}>
        <Segmented<GridFilter>
          value={filter}
          onChange={(value) => {
            setFilter(value);
            setPage(1);
          }}
          options={[
            { value: 'all', label: t('reports.filter.all') },
            { value: 'missing', label: t('reports.filter.missing', { count: counts.missing }) },
            { value: 'returned', label: t('reports.filter.returned', { count: counts.returned }) },
            { value: 'submitted', label: t('reports.filter.submitted', { count: counts.submitted }) },
            { value: 'edited', label: t('reports.filter.edited', { count: dirty.length }) },
            ...(errorTotal > 0 ? [{ value: 'errors' as const, label: t('reports.filter.errors') }] : []),
          ]}
          data-testid="report-filter"
        />
        <Input.Search
          allowClear
          placeholder={t('reports.searchPlaceholder')}
          style={{ width: 260 }}
          onSearch={(value) => {
            setQ(value);
            setPage(1);
          }}
          onChange={(event) => {
            if (event.target.value === '') setQ('');
          }}
        />
        <Typography.Text type="secondary">{t('reports.keyboardHint')}</Typography.Text>
      </Flex>
      <Table<ReportGridRow>
        data-testid="report-grid"
        className="report-grid-table"
        rowKey="projectId"
        size="small"
        bordered
        sticky
        loading={grid.isPending}
        dataSource={shown}
        columns={columns}
        scroll={{ x: 'max-content' }}
        rowClassName={(row) =>
          [
            row.status === 'returned' ? 'report-row-returned' : '',
            errors.rows.has(row.projectId) || rowsWithErrors([row], errors).length ? 'report-row-error' : '',
            stale.has(row.projectId) ? 'report-row-stale' : '',
          ]
            .filter(Boolean)
            .join(' ')
        }
        pagination={
          paged
            ? {
                current: page,
                pageSize: PAGE_SIZE,
                total: visible.length,
                showSizeChanger: false,
                showTotal: (total) => t('common.total', { total }),
                onChange: setPage,
              }
            : false
        }
        locale={{
          emptyText: <Empty description={rows.length === 0 ? t('reports.noProjects') : t('reports.noneMatch')} />,
        }}
      />
      <ReportHistoryDrawer target={historyOf} onClose={() => setHistoryOf(null)} />
      <ReturnReportModal target={returnOf} onClose={() => setReturnOf(null)} />
      <Modal
        open={askReason}
        title={t('reports.correctionTitle')}
        okText={t('reports.correctionSubmit')}
        confirmLoading={submit.isPending}
        onOk={() => reasonForm.submit()}
        onCancel={() => setAskReason(false)}
        destroyOnHidden
      >
        <Typography.Paragraph>{t('reports.correctionHint', { count: dirty.length, month })}</Typography.Paragraph>
        <Form
          form={reasonForm}
          layout="vertical"
          onFinish={(values) => {
            const reason = (values.correctionReason ?? '').trim();
            if (!reason) {
              reasonForm.setFields([{ name: 'correctionReason', errors: [t('reports.correctionRequired')] }]);
              return;
            }
            save(reason);
          }}
        >
          <Form.Item name="correctionReason" label={t('reports.correctionReason')} required>
            <Input.TextArea rows={3} maxLength={500} showCount data-testid="correction-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </PageContainer>
  );
}
