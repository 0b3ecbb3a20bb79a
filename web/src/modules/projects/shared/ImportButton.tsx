import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Flex, Modal, Progress, Result, Row, Spin, Statistic, Table, Typography } from 'antd';
import { useEffect, useReducer, useRef } from 'react';
import type { ImportJob, ImportProblem } from '../../../../../src/contracts/index.js';
import { isApiError } from '../../../api/client';
import { useFeedback } from '../../../api/feedback-provider';
import { useT } from '../../../i18n';
import { IDLE, importReducer, POLL_INTERVAL_MS, pollingJobId, progressPercent } from './import-job';

/**
 * 导入: pick a workbook, upload it, follow the background job every second, then show what it
 * did (created / updated / unchanged) or every problem with its cell and the annotated
 * workbook. The file input carries `data-testid="<prefix>-import"` for the browser tests.
 * One button for every import kind (projects, deals, a department's evaluation data): the
 * endpoints say where the file goes.
 */
export interface ImportEndpoints {
  startImport(file: File): Promise<ImportJob>;
  importJob(id: number): Promise<ImportJob>;
  annotated(id: number, fallbackName: string): Promise<unknown>;
}

const XLSX_TYPES = '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function ImportButton({
  endpoints,
  title,
  label,
  accept = XLSX_TYPES,
  testIdPrefix,
  onImported,
}: {
  /** A stable object (a module constant), so that polling does not restart on each render. */
  endpoints: ImportEndpoints;
  title: string;
  label?: string;
  accept?: string;
  testIdPrefix: string;
  onImported: () => void;
}) {
  const { t } = useT();
  const feedback = useFeedback();
  const [state, dispatch] = useReducer(importReducer, IDLE);
  const input = useRef<HTMLInputElement>(null);
  const polling = pollingJobId(state);

  // biome-ignore lint/correctness/useExhaustiveDependencies: each answer is a new state object, which schedules the next question
  useEffect(() => {
    if (polling === null) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      endpoints.importJob(polling).then(
        (job) => {
          if (!cancelled) dispatch({ type: 'job', job });
        },
        (error: unknown) => {
          if (cancelled) return;
          const retryable = isApiError(error) && error.status === 0;
          if (!retryable) feedback(error);
          dispatch({ type: 'pollFailed', message: error instanceof Error ? error.message : String(error), retryable });
        },
      );
    }, POLL_INTERVAL_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [state, polling, endpoints, feedback]);

  const succeeded = state.phase === 'succeeded';
  const onImportedRef = useRef(onImported);
  onImportedRef.current = onImported;
  useEffect(() => {
    if (succeeded) onImportedRef.current();
  }, [succeeded]);

  const upload = async (file: File) => {
    dispatch({ type: 'upload', filename: file.name });
    try {
      dispatch({ type: 'job', job: await endpoints.startImport(file) });
    } catch (error) {
      feedback(error);
      dispatch({ type: 'uploadFailed' });
    }
  };

  const busy = state.phase === 'uploading' || state.phase === 'running';
  return (
    <>
      <input
        ref={input}
        type="file"
        accept={accept}
        hidden
        data-testid={`${testIdPrefix}-import`}
        onChange={(event) => {
          const file = event.target.files?.[0];
          // Let the same file be picked again after a fix.
          event.target.value = '';
          if (file) void upload(file);
        }}
      />
      <Button icon={<UploadOutlined />} loading={busy} onClick={() => input.current?.click()} data-testid={`${testIdPrefix}-import-button`}>
        {label ?? t('import.button')}
      </Button>
      <Modal
        open={state.phase !== 'idle'}
        title={title}
        onCancel={() => dispatch({ type: 'reset' })}
        footer={<Button onClick={() => dispatch({ type: 'reset' })}>{t('import.close')}</Button>}
        width={state.phase === 'failed' ? 880 : 560}
        destroyOnHidden
      >
        <div data-testid="import-progress" data-phase={state.phase}>
          {state.phase === 'uploading' ? (
            <Flex vertical align="center" gap={12} style={{ padding: 24 }}>
              <Spin />
              <Typography.Text>{t('import.uploading', { name: state.filename })}</Typography.Text>
            </Flex>
          ) : null}
          {state.phase === 'running' || state.phase === 'stalled' ? <Running job={state.job} /> : null}
          {state.phase === 'stalled' ? (
            <Alert
              type="warning"
              showIcon
              style={{ marginTop: 12 }}
              title={t('import.stalled')}
              description={state.message}
              action={<Button onClick={() => dispatch({ type: 'resume' })}>{t('import.resume')}</Button>}
            />
          ) : null}
          {state.phase === 'running' ? <Typography.Text type="secondary">{t('import.closeHint')}</Typography.Text> : null}
          {state.phase === 'succeeded' ? <Succeeded job={state.job} /> : null}
          {state.phase === 'failed' ? <Failed endpoints={endpoints} job={state.job} /> : null}
        </div>
      </Modal>
    </>
  );
}

function Running({ job }: { job: ImportJob }) {
  const { t } = useT();
  return (
    <div style={{ padding: '12px 0' }}>
      <Typography.Paragraph>{t('import.running', { name: job.filename })}</Typography.Paragraph>
      <Progress percent={progressPercent(job)} status="active" />
      <Typography.Text type="secondary">{t('import.rows', { processed: job.processedRows, total: job.totalRows })}</Typography.Text>
    </div>
  );
}

function Succeeded({ job }: { job: ImportJob }) {
  const { t } = useT();
  return (
    <Result
      status="success"
      title={t('import.succeeded')}
      subTitle={job.filename}
      extra={
        <Row gutter={24} justify="center">
          <Col data-testid="import-created">
            <Statistic title={t('import.created')} value={job.createdCount} />
          </Col>
          <Col data-testid="import-updated">
            <Statistic title={t('import.updated')} value={job.updatedCount} />
          </Col>
          <Col data-testid="import-unchanged">
            <Statistic title={t('import.unchanged')} value={job.unchangedCount} />
          </Col>
        </Row>
      }
    />
  );
}

function Failed({ endpoints, job }: { endpoints: ImportEndpoints; job: ImportJob }) {
  const { t } = useT();
  const feedback = useFeedback();
  return (
    <Flex vertical gap={12}>
      <Alert
        type="error"
        showIcon
        title={t('import.failed')}
        description={
          <>
            {job.message ? <div>{job.message}</div> : null}
            <div>
              {job.errorCount > job.errors.length
                ? t('import.someErrors', { count: job.errorCount, shown: job.errors.length })
                : t('import.allErrors', { count: job.errorCount })}
            </div>
            <div>{t('import.nothingWritten')}</div>
          </>
        }
        action={
          job.hasAnnotatedWorkbook ? (
            <Button
              icon={<DownloadOutlined />}
              data-testid="import-annotated-download"
              onClick={() =>
                void endpoints.annotated(job.id, t('import.annotatedName', { id: job.id })).catch((error: unknown) => feedback(error))
              }
            >
              {t('import.annotated')}
            </Button>
          ) : undefined
        }
      />
      {job.errors.length > 0 ? (
        <Table<ImportProblem & { key: number }>
          data-testid="import-errors"
          size="small"
          rowKey="key"
          dataSource={job.errors.map((problem, index) => ({ ...problem, key: index }))}
          pagination={job.errors.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('import.row'), dataIndex: 'row', width: 70 },
            { title: t('import.cell'), dataIndex: 'cell', width: 80, render: (cell: string) => cell || '—' },
            { title: t('import.header'), dataIndex: 'header', width: 180, render: (header: string) => header || '—' },
            { title: t('import.message'), dataIndex: 'message' },
          ]}
        />
      ) : null}
    </Flex>
  );
}
