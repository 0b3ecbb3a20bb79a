import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Form, Input, Modal, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { Conflict, DataImport } from '../../../../src/contracts/index.js';
import { useFeedback } from '../../api/feedback-provider';
import { useCan } from '../../app/session';
import { LoadError } from '../../components/LoadError';
import { PageContainer } from '../../components/PageContainer';
import { useT } from '../../i18n';
import { clearErrorsOnChange } from '../../lib/form-errors';
import { formatDateTime } from '../../lib/time';
import { useListState } from '../../lib/use-list-state';
import { ImportButton } from '../projects/shared/ImportButton';
import { useUnitLabel } from '../projects/shared/hooks';
import { AdjustmentsCard } from './AdjustmentsCard';
import { evaluationApi } from './evaluation-api';
import { yearOptions } from './evaluation-query';
import { fieldName, fieldWithUnit } from './explain';

const IMPORT_STATUS_COLORS: Record<DataImport['status'], string> = { running: 'processing', succeeded: 'success', failed: 'error' };

/**
 * 评价数据: a department's uploads (template, import, annotated workbook) and, for the city,
 * the conflicts between sources and the bonus and penalty entries (加减分) with their evidence.
 */
export default function DataPage() {
  const { t } = useT();
  const unitOf = useUnitLabel();
  const can = useCan();
  const feedback = useFeedback();
  const queryClient = useQueryClient();
  const list = useListState<{ year?: number }>({});
  const thisYear = new Date().getFullYear();

  const imports = useQuery({
    queryKey: ['evaluation', 'imports', list.filter, list.page, list.pageSize],
    queryFn: () => evaluationApi.data.imports({ ...list.filter, page: list.page, pageSize: list.pageSize }),
    placeholderData: keepPreviousData,
  });
  if (imports.error && !imports.data) return <LoadError error={imports.error} onRetry={() => void imports.refetch()} />;

  return (
    <PageContainer
      title={t('evaluation.data.title')}
      extra={
        <Space>
          <Button
            icon={<DownloadOutlined />}
            data-testid="evaluation-template"
            onClick={() => void evaluationApi.data.template(t('evaluation.data.templateName')).catch((error: unknown) => feedback(error))}
          >
            {t('evaluation.data.template')}
          </Button>
          <ImportButton
            endpoints={evaluationApi.data}
            title={t('evaluation.data.importTitle')}
            label={t('evaluation.data.upload')}
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            testIdPrefix="evaluation-data"
            onImported={() => void queryClient.invalidateQueries({ queryKey: ['evaluation'] })}
          />
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('evaluation.data.hint')}</Typography.Paragraph>
      <Card
        size="small"
        title={t('evaluation.data.uploads')}
        style={{ marginBottom: 16 }}
        extra={
          <Select<number>
            allowClear
            placeholder={t('evaluation.allYears')}
            style={{ width: 140 }}
            value={list.filter.year}
            onChange={(year) => list.setFilter(year ? { year } : {})}
            options={yearOptions(thisYear).map((y) => ({ value: y, label: t('evaluation.yearLabel', { year: y }) }))}
          />
        }
      >
        <Table<DataImport>
          data-testid="evaluation-uploads"
          rowKey="id"
          size="small"
          loading={imports.isFetching}
          dataSource={imports.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description={t('evaluation.data.noUploads')} /> }}
          pagination={{
            current: list.page,
            pageSize: list.pageSize,
            total: imports.data?.total ?? 0,
            showTotal: (total) => t('common.total', { total }),
            onChange: list.setPage,
          }}
          columns={[
            { title: t('evaluation.data.file'), dataIndex: 'filename' },
            { title: t('evaluation.data.source'), key: 'source', render: (_, job) => unitOf(job.sourceUnitId, job.sourceUnitName) },
            { title: t('evaluation.data.uploader'), dataIndex: 'importedBy', render: (name: string | null) => name ?? '—' },
            { title: t('evaluation.data.time'), dataIndex: 'createdAt', render: (iso: string) => formatDateTime(iso) },
            {
              title: t('evaluation.data.outcome'),
              key: 'outcome',
              render: (_, row) => (
                <Space size={4} wrap>
                  <Tag color={IMPORT_STATUS_COLORS[row.status]}>{t(`evaluation.importStatus.${row.status}`)}</Tag>
                  {row.status === 'succeeded' ? (
                    <Typography.Text type="secondary">
                      {t('evaluation.data.counts', {
                        rows: row.totalRows,
                        created: row.createdCount,
                        updated: row.updatedCount,
                        unchanged: row.unchangedCount,
                      })}
                    </Typography.Text>
                  ) : null}
                  {row.status === 'failed' ? (
                    <Typography.Text type="danger">{t('evaluation.data.errors', { count: row.errorCount })}</Typography.Text>
                  ) : null}
                </Space>
              ),
            },
            {
              title: t('evaluation.data.years'),
              dataIndex: 'years',
              render: (years: number[]) => (years.length ? years.join(t('common.listSeparator')) : '—'),
            },
            { title: t('evaluation.data.values'), dataIndex: 'values', align: 'right' },
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_, row) =>
                row.hasAnnotatedWorkbook ? (
                  <Button
                    size="small"
                    icon={<DownloadOutlined />}
                    onClick={() =>
                      void evaluationApi.data
                        .annotated(row.id, t('import.annotatedName', { id: row.id }))
                        .catch((error: unknown) => feedback(error))
                    }
                  >
                    {t('import.annotated')}
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
      {can('evaluation.configure') ? (
        <>
          <Conflicts defaultYear={imports.data?.items[0]?.years.at(-1) ?? thisYear - 1} />
          <AdjustmentsCard defaultYear={imports.data?.items[0]?.years.at(-1) ?? thisYear - 1} />
        </>
      ) : null}
    </PageContainer>
  );
}

function Conflicts({ defaultYear }: { defaultYear: number }) {
  const { t, locale } = useT();
  const unitOf = useUnitLabel();
  const [year, setYear] = useState<number | undefined>(undefined);
  const [onlyOpen, setOnlyOpen] = useState(true);
  const [resolving, setResolving] = useState<Conflict | null>(null);
  const shown = year ?? defaultYear;
  const conflicts = useQuery({
    queryKey: ['evaluation', 'conflicts', shown, onlyOpen],
    queryFn: () => evaluationApi.conflicts(shown, onlyOpen ? false : undefined),
  });
  const items = conflicts.data?.items ?? [];
  return (
    <Card
      size="small"
      title={t('evaluation.conflicts.title')}
      extra={
        <Space>
          <Select<number>
            style={{ width: 120 }}
            value={shown}
            onChange={setYear}
            data-testid="conflict-year"
            options={yearOptions(new Date().getFullYear()).map((y) => ({ value: y, label: t('evaluation.yearLabel', { year: y }) }))}
          />
          <Radio.Group
            optionType="button"
            size="small"
            value={onlyOpen}
            onChange={(e) => setOnlyOpen(e.target.value as boolean)}
            options={[
              { value: true, label: t('evaluation.conflicts.open') },
              { value: false, label: t('common.all') },
            ]}
          />
        </Space>
      }
    >
      {conflicts.error ? <LoadError error={conflicts.error} onRetry={() => void conflicts.refetch()} /> : null}
      <Table<Conflict>
        data-testid="conflict-table"
        rowKey={(c) => `${c.enterpriseId}-${c.year}-${c.field}`}
        size="small"
        loading={conflicts.isFetching}
        dataSource={items}
        scroll={{ x: 'max-content' }}
        pagination={items.length > 20 ? { pageSize: 20 } : false}
        locale={{ emptyText: <Empty description={t('evaluation.conflicts.none')} /> }}
        columns={[
          { title: t('evaluation.enterprise'), dataIndex: 'enterpriseName' },
          {
            title: t('evaluation.field'),
            dataIndex: 'field',
            render: (field: string) => fieldWithUnit(field, locale),
          },
          {
            title: t('evaluation.conflicts.values'),
            dataIndex: 'values',
            render: (values: Conflict['values'], row) => (
              <Space direction="vertical" size={0}>
                {values.map((v) => (
                  <span key={v.sourceUnitId}>
                    {unitOf(v.sourceUnitId, v.sourceUnitName)}: <b>{v.value}</b>
                    {row.chosenSourceUnitId === v.sourceUnitId ? (
                      <Tag color="success" style={{ marginInlineStart: 6 }}>
                        {t('evaluation.conflicts.chosen')}
                      </Tag>
                    ) : null}
                  </span>
                ))}
              </Space>
            ),
          },
          { title: t('evaluation.conflicts.reason'), dataIndex: 'reason', render: (reason: string | null) => reason ?? '—' },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, row) => (
              <Button
                size="small"
                type={row.chosenSourceUnitId ? 'default' : 'primary'}
                onClick={() => setResolving(row)}
                data-testid="conflict-resolve"
              >
                {row.chosenSourceUnitId ? t('evaluation.conflicts.change') : t('evaluation.conflicts.resolve')}
              </Button>
            ),
          },
        ]}
      />
      {resolving ? <ResolveConflictModal conflict={resolving} onClose={() => setResolving(null)} /> : null}
    </Card>
  );
}

function ResolveConflictModal({ conflict, onClose }: { conflict: Conflict; onClose: () => void }) {
  const { t, locale } = useT();
  const unitOf = useUnitLabel();
  const feedback = useFeedback();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ sourceUnitId: number; reason: string }>();
  const [saving, setSaving] = useState(false);
  const submit = async (values: { sourceUnitId: number; reason: string }) => {
    setSaving(true);
    try {
      await evaluationApi.resolveConflict({
        enterpriseId: conflict.enterpriseId,
        year: conflict.year,
        field: conflict.field,
        sourceUnitId: values.sourceUnitId,
        reason: values.reason,
      });
      message.success(t('common.done'));
      await queryClient.invalidateQueries({ queryKey: ['evaluation', 'conflicts'] });
      onClose();
    } catch (error) {
      feedback(error, { form });
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('evaluation.conflicts.resolveTitle', { name: conflict.enterpriseName, field: fieldName(conflict.field, locale) })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: saving, 'data-testid': 'conflict-resolve-ok' }}
      destroyOnHidden
    >
      <Form
        form={form}
        onValuesChange={clearErrorsOnChange(form)}
        layout="vertical"
        onFinish={(values) => void submit(values)}
        initialValues={{ sourceUnitId: conflict.chosenSourceUnitId ?? undefined, reason: conflict.reason ?? '' }}
      >
        <Form.Item
          name="sourceUnitId"
          label={t('evaluation.conflicts.source')}
          rules={[{ required: true, message: t('evaluation.required') }]}
        >
          <Radio.Group>
            <Space direction="vertical">
              {conflict.values.map((v) => (
                <Radio key={v.sourceUnitId} value={v.sourceUnitId}>
                  {unitOf(v.sourceUnitId, v.sourceUnitName)}: {v.value} ({formatDateTime(v.importedAt)})
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('evaluation.conflicts.reason')}
          rules={[{ required: true, whitespace: true, message: t('evaluation.required') }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="conflict-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
