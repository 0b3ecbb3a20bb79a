import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { CreateObjectionSchema, type Objection, shanghaiDate } from '../../../../src/contracts/index.js';
import { useFeedback } from '../../api/feedback-provider';
import { useSession } from '../../app/session';
import { LoadError } from '../../components/LoadError';
import { PageContainer } from '../../components/PageContainer';
import { useT } from '../../i18n';
import { clearErrorsOnChange } from '../../lib/form-errors';
import { formatDateTime } from '../../lib/time';
import { parseForm } from '../../lib/zod-form';
import { evaluationApi } from './evaluation-api';
import { pickRun, runActions } from './evaluation-query';
import { ExplanationView } from './ExplanationView';
import { RunStatusTag } from './labels';

export const OBJECTION_STATUS_COLORS: Record<Objection['status'], string> = {
  pending: 'processing',
  accepted: 'success',
  rejected: 'error',
};

/** 我的评价: the enterprise's own class, score and what would move it up; an objection while the results are published for comment. */
export default function MyEvaluationPage() {
  const { t } = useT();
  const session = useSession();
  const enterpriseId = session.user.scopeEnterpriseId;
  const [wanted, setWanted] = useState<number | undefined>(undefined);
  const runs = useQuery({ queryKey: ['evaluation', 'runs', 'all'], queryFn: () => evaluationApi.runs() });
  const run = pickRun(runs.data?.items ?? [], wanted);
  const explanation = useQuery({
    queryKey: ['evaluation', 'explain', run?.id, enterpriseId],
    queryFn: () => evaluationApi.explain(run!.id, enterpriseId!),
    enabled: run !== undefined && enterpriseId !== null,
    retry: false,
  });
  // The method as run (group names); the list leaves it out.
  const detail = useQuery({
    queryKey: ['evaluation', 'run', run?.id],
    queryFn: () => evaluationApi.run(run!.id),
    enabled: run !== undefined,
  });
  if (runs.error && !runs.data) return <LoadError error={runs.error} onRetry={() => void runs.refetch()} />;
  const today = shanghaiDate(new Date());

  return (
    <PageContainer
      title={t('evaluation.mine.title')}
      extra={
        runs.data?.items.length ? (
          <Select<number>
            style={{ width: 260 }}
            value={run?.id}
            onChange={setWanted}
            data-testid="my-run"
            options={runs.data.items.map((r) => ({
              value: r.id,
              label: `${t('evaluation.runLabel', { year: r.year, no: r.runNo })} · ${t(`evaluation.runStatus.${r.status}`)}`,
            }))}
          />
        ) : null
      }
    >
      {!run ? (
        <Empty description={t('evaluation.mine.none')} />
      ) : (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Card size="small">
            <Space wrap>
              <b>{t('evaluation.runLabel', { year: run.year, no: run.runNo })}</b>
              <RunStatusTag status={run.status} />
              <span>{run.methodName}</span>
              {run.objectionDeadline ? <span>{t('evaluation.deadlineOn', { date: run.objectionDeadline })}</span> : null}
            </Space>
          </Card>
          {explanation.error ? (
            <Alert type="warning" showIcon title={t('evaluation.mine.notEvaluated')} />
          ) : explanation.data ? (
            <ExplanationView explanation={explanation.data} config={detail.data?.config} />
          ) : null}
          {explanation.data ? <MyObjections runId={run.id} canObject={runActions(run, today).canObject} /> : null}
        </Space>
      )}
    </PageContainer>
  );
}

function MyObjections({ runId, canObject }: { runId: number; canObject: boolean }) {
  const { t, locale } = useT();
  const feedback = useFeedback();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ text: string; evidence: string }>();
  const [saving, setSaving] = useState(false);
  const objections = useQuery({ queryKey: ['evaluation', 'objections', runId], queryFn: () => evaluationApi.objections({ runId }) });
  const submit = async (values: Record<string, unknown>) => {
    setSaving(true);
    try {
      const body = parseForm(CreateObjectionSchema, values, locale);
      await evaluationApi.object(runId, body);
      message.success(t('evaluation.objection.filed'));
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: ['evaluation', 'objections'] });
    } catch (error) {
      feedback(error, { form });
    } finally {
      setSaving(false);
    }
  };
  const items = objections.data?.items ?? [];
  return (
    <Card size="small" title={t('evaluation.objection.title')}>
      {items.length ? (
        <Table<Objection>
          data-testid="my-objections"
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={items}
          style={{ marginBottom: 16 }}
          columns={[
            { title: t('evaluation.objection.filedAt'), dataIndex: 'createdAt', render: (iso: string) => formatDateTime(iso) },
            { title: t('evaluation.objection.text'), dataIndex: 'text' },
            { title: t('evaluation.objection.evidence'), dataIndex: 'evidence' },
            {
              title: t('common.status'),
              dataIndex: 'status',
              render: (status: Objection['status']) => (
                <Tag color={OBJECTION_STATUS_COLORS[status]} data-testid="objection-status" data-status={status}>
                  {t(`evaluation.objectionStatus.${status}`)}
                </Tag>
              ),
            },
            { title: t('evaluation.objection.resolution'), dataIndex: 'resolution', render: (r: string | null) => r ?? '—' },
          ]}
        />
      ) : null}
      {canObject ? (
        <Form
          form={form}
          onValuesChange={clearErrorsOnChange(form)}
          layout="vertical"
          onFinish={(values) => void submit(values)}
          style={{ maxWidth: 720 }}
        >
          <Typography.Paragraph type="secondary">{t('evaluation.objection.hint')}</Typography.Paragraph>
          <Form.Item name="text" label={t('evaluation.objection.text')} required>
            <Input.TextArea rows={3} maxLength={2000} showCount data-testid="objection-text" />
          </Form.Item>
          <Form.Item name="evidence" label={t('evaluation.objection.evidence')} required extra={t('evaluation.objection.evidenceHint')}>
            <Input.TextArea rows={3} maxLength={4000} showCount data-testid="objection-evidence" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="objection-submit">
            {t('evaluation.objection.submit')}
          </Button>
        </Form>
      ) : (
        <Typography.Text type="secondary">{t('evaluation.objection.closed')}</Typography.Text>
      )}
    </Card>
  );
}
