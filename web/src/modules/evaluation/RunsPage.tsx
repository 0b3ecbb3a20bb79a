import { PlayCircleOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Modal,
  Popconfirm,
  Select,
  Space,
  Statistic,
  Tabs,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { type Run, shanghaiDate } from '../../../../src/contracts/index.js';
import { useFeedback } from '../../api/feedback-provider';
import { useCan } from '../../app/session';
import { LoadError } from '../../components/LoadError';
import { PageContainer } from '../../components/PageContainer';
import { useT } from '../../i18n';
import { clearErrorsOnChange } from '../../lib/form-errors';
import { formatDateTime } from '../../lib/time';
import { evaluationApi } from './evaluation-api';
import { addDays, pickRun, runActions, yearOptions } from './evaluation-query';
import { ClassTag, RunStatusTag } from './labels';
import { DistributionTab, MovesTab, ObjectionsTab, PoliciesTab, ResultsTab } from './RunTabs';

/** 评价结果: runs of a year (draft → 公示 → final), their results, objections, distributions, class moves and policy lists. */
export default function RunsPage() {
  const { t } = useT();
  const can = useCan();
  const [search, setSearch] = useSearchParams();
  const wanted = Number(search.get('run')) || undefined;
  const [creating, setCreating] = useState(false);
  const runs = useQuery({ queryKey: ['evaluation', 'runs', 'all'], queryFn: () => evaluationApi.runs() });
  const picked = pickRun(runs.data?.items ?? [], wanted);
  const run = useQuery({
    queryKey: ['evaluation', 'run', picked?.id],
    queryFn: () => evaluationApi.run(picked!.id),
    enabled: picked !== undefined,
  });
  if (runs.error && !runs.data) return <LoadError error={runs.error} onRetry={() => void runs.refetch()} />;

  return (
    <PageContainer
      title={t('evaluation.runs.title')}
      extra={
        <Space wrap>
          {runs.data?.items.length ? (
            <Select<number>
              style={{ width: 300 }}
              value={picked?.id}
              onChange={(id) => setSearch({ run: String(id) })}
              data-testid="run-select"
              options={runs.data.items.map((r) => ({
                value: r.id,
                label: `${t('evaluation.runLabel', { year: r.year, no: r.runNo })} · ${t(`evaluation.runStatus.${r.status}`)}`,
              }))}
            />
          ) : null}
          {can('evaluation.run') ? (
            <Button type="primary" icon={<PlayCircleOutlined />} onClick={() => setCreating(true)} data-testid="run-create">
              {t('evaluation.runs.create')}
            </Button>
          ) : null}
        </Space>
      }
    >
      {!picked ? <Empty description={t('evaluation.runs.none')} /> : null}
      {run.error ? <LoadError error={run.error} onRetry={() => void run.refetch()} /> : null}
      {run.data ? <RunView run={run.data} /> : null}
      {creating ? (
        <CreateRunModal
          defaultYear={picked?.year ?? new Date().getFullYear() - 1}
          onClose={() => setCreating(false)}
          onCreated={(created) => {
            setCreating(false);
            setSearch({ run: String(created.id) });
          }}
        />
      ) : null}
    </PageContainer>
  );
}

function RunView({ run }: { run: Run }) {
  const { t } = useT();
  const can = useCan();
  const feedback = useFeedback();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [publishing, setPublishing] = useState(false);
  const [finalizing, setFinalizing] = useState(false);
  const today = shanghaiDate(new Date());
  const actions = runActions(run, today);
  const operator = can('evaluation.run');
  const finalize = async () => {
    setFinalizing(true);
    try {
      await evaluationApi.finalize(run.id);
      message.success(t('evaluation.runs.finalized'));
      await queryClient.invalidateQueries({ queryKey: ['evaluation'] });
    } catch (error) {
      feedback(error);
    } finally {
      setFinalizing(false);
    }
  };
  const counts = run.counts;
  const classes = Object.keys(run.classCounts).sort();
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        size="small"
        data-testid="run-card"
        data-run-id={run.id}
        title={
          <Space>
            <span>{t('evaluation.runLabel', { year: run.year, no: run.runNo })}</span>
            <RunStatusTag status={run.status} />
          </Space>
        }
        extra={
          operator ? (
            <Space>
              {actions.canPublish ? (
                <Button type="primary" onClick={() => setPublishing(true)} data-testid="run-publish">
                  {t('evaluation.runs.publish')}
                </Button>
              ) : null}
              {run.status === 'published' ? (
                <Popconfirm title={t('evaluation.runs.finalizeConfirm')} onConfirm={() => void finalize()}>
                  <Button loading={finalizing} disabled={!actions.canFinalize} data-testid="run-finalize">
                    {t('evaluation.runs.finalize')}
                  </Button>
                </Popconfirm>
              ) : null}
            </Space>
          ) : null
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: 'method', label: t('evaluation.runs.method'), children: run.methodName },
            { key: 'created', label: t('evaluation.runs.createdAt'), children: formatDateTime(run.createdAt) },
            {
              key: 'deadline',
              label: t('evaluation.runs.deadline'),
              children: run.objectionDeadline ?? '—',
            },
            { key: 'published', label: t('evaluation.runs.publishedAt'), children: formatDateTime(run.publishedAt) },
            { key: 'final', label: t('evaluation.runs.finalizedAt'), children: formatDateTime(run.finalizedAt) },
          ]}
        />
        <Space size={32} wrap style={{ marginTop: 12 }}>
          <Statistic title={t('evaluation.runs.total')} value={counts.total ?? 0} />
          <Statistic title={t('evaluation.resultStatus.classed')} value={counts.classed ?? 0} />
          <Statistic title={t('evaluation.resultStatus.exempt')} value={counts.exempt ?? 0} />
          <Statistic title={t('evaluation.resultStatus.insufficientData')} value={counts.insufficientData ?? 0} />
          <Statistic title={t('evaluation.resultStatus.notCovered')} value={counts.notCovered ?? 0} />
          <Statistic title={t('evaluation.runs.withMissing')} value={counts.withMissingData ?? 0} />
        </Space>
        <Space size={8} wrap style={{ marginTop: 12, display: 'flex' }} data-testid="run-class-counts">
          {classes.map((code) => (
            <span key={code}>
              <ClassTag code={code} /> {run.classCounts[code]}
            </span>
          ))}
        </Space>
        {run.notes.length ? (
          <ul style={{ marginTop: 12, marginBottom: 0, paddingInlineStart: 18 }}>
            {run.notes.map((note) => (
              <li key={note}>
                <Typography.Text type="secondary">{note}</Typography.Text>
              </li>
            ))}
          </ul>
        ) : null}
      </Card>
      <Tabs
        destroyOnHidden
        items={[
          { key: 'results', label: t('evaluation.tabs.results'), children: <ResultsTab run={run} /> },
          {
            key: 'objections',
            label: <span data-testid="tab-objections">{t('evaluation.tabs.objections')}</span>,
            children: <ObjectionsTab run={run} />,
          },
          ...(can('evaluation.analyze')
            ? [
                { key: 'distribution', label: t('evaluation.tabs.distribution'), children: <DistributionTab run={run} /> },
                { key: 'moves', label: t('evaluation.tabs.moves'), children: <MovesTab year={run.year} /> },
                {
                  key: 'policies',
                  label: <span data-testid="tab-policies">{t('evaluation.tabs.policies')}</span>,
                  children: <PoliciesTab run={run} />,
                },
              ]
            : []),
        ]}
      />
      {publishing ? <PublishModal run={run} onClose={() => setPublishing(false)} /> : null}
    </Space>
  );
}

function PublishModal({ run, onClose }: { run: Run; onClose: () => void }) {
  const { t } = useT();
  const feedback = useFeedback();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ deadline: dayjs.Dayjs }>();
  const [saving, setSaving] = useState(false);
  const today = shanghaiDate(new Date());
  const submit = async (values: { deadline: dayjs.Dayjs }) => {
    setSaving(true);
    try {
      await evaluationApi.publish(run.id, values.deadline.format('YYYY-MM-DD'));
      message.success(t('evaluation.runs.published'));
      await queryClient.invalidateQueries({ queryKey: ['evaluation'] });
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
      title={t('evaluation.runs.publishTitle', { label: t('evaluation.runLabel', { year: run.year, no: run.runNo }) })}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'run-publish-ok' }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('evaluation.runs.publishHint')}</Typography.Paragraph>
      <Form
        form={form}
        onValuesChange={clearErrorsOnChange(form)}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={{ deadline: dayjs(addDays(today, 14)) }}
      >
        <Form.Item name="deadline" label={t('evaluation.runs.deadline')} rules={[{ required: true, message: t('evaluation.required') }]}>
          <DatePicker disabledDate={(d) => d.format('YYYY-MM-DD') < today} data-testid="run-deadline" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function CreateRunModal({ defaultYear, onClose, onCreated }: { defaultYear: number; onClose: () => void; onCreated: (run: Run) => void }) {
  const { t } = useT();
  const feedback = useFeedback();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ year: number; methodId: number }>();
  const [saving, setSaving] = useState(false);
  const methods = useQuery({ queryKey: ['evaluation', 'methods'], queryFn: evaluationApi.methods });
  const thisYear = new Date().getFullYear();
  const firstMethod = methods.data?.items[0]?.id;
  // The newest method once the list is there, unless one was already chosen.
  useEffect(() => {
    if (firstMethod !== undefined && form.getFieldValue('methodId') === undefined) form.setFieldValue('methodId', firstMethod);
  }, [firstMethod, form]);
  const submit = async (values: { year: number; methodId: number }) => {
    setSaving(true);
    try {
      const run = await evaluationApi.createRun(values);
      message.success(t('evaluation.runs.created'));
      await queryClient.invalidateQueries({ queryKey: ['evaluation'] });
      onCreated(run);
    } catch (error) {
      feedback(error, { form });
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('evaluation.runs.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'run-create-ok' }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('evaluation.runs.createHint')}</Typography.Paragraph>
      <Form
        form={form}
        onValuesChange={clearErrorsOnChange(form)}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={{ year: defaultYear, methodId: firstMethod }}
      >
        <Form.Item name="year" label={t('evaluation.year')} rules={[{ required: true, message: t('evaluation.required') }]}>
          <Select
            data-testid="run-year"
            options={yearOptions(thisYear).map((y) => ({ value: y, label: t('evaluation.yearLabel', { year: y }) }))}
          />
        </Form.Item>
        <Form.Item name="methodId" label={t('evaluation.runs.method')} rules={[{ required: true, message: t('evaluation.required') }]}>
          <Select
            data-testid="run-method"
            loading={methods.isPending}
            options={(methods.data?.items ?? []).map((m) => ({
              value: m.id,
              label: m.isFrozen ? `${m.name} (${t('evaluation.methods.frozen')})` : m.name,
            }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
