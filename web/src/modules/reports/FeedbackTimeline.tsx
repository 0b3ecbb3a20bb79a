import { SendOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Form, Input, Space, Spin, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { CreateFeedbackSchema, LIMITS, shanghaiDate } from '../../../../src/contracts/index.js';
import { api } from '../../api/endpoints';
import { useCan } from '../../app/session';
import { LoadError } from '../../components/LoadError';
import { useT } from '../../i18n';
import { clearErrorsOnChange } from '../../lib/form-errors';
import { formatDateTime } from '../../lib/time';
import { parseForm } from '../../lib/zod-form';
import { IsoDatePicker } from '../projects/shared/inputs';
import { useFormFeedback } from '../projects/shared/use-form-feedback';
import { sortFeedback } from './feedback';

const TEXT_MAX = LIMITS.nameMax * 5;

/** 日反馈: short dated notes on a project's timeline, from its unit or its owner; newest first. */
export function FeedbackTimeline({ projectId }: { projectId: number }) {
  const { t, locale } = useT();
  const can = useCan();
  const { message } = App.useApp();
  const formFeedback = useFormFeedback();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ notedOn?: string | null; text?: string }>();
  const key = ['projects', 'feedback', projectId];
  const notes = useQuery({ queryKey: key, queryFn: () => api.feedback.list(projectId) });
  const today = shanghaiDate(new Date());

  const add = useMutation({
    mutationFn: async (values: { notedOn?: string | null; text?: string }) =>
      await api.feedback.add(
        projectId,
        parseForm(CreateFeedbackSchema, { notedOn: values.notedOn ?? undefined, text: values.text }, locale),
      ),
    onSuccess: () => {
      message.success(t('dailyFeedback.added'));
      form.resetFields();
      form.setFieldValue('notedOn', today);
      void queryClient.invalidateQueries({ queryKey: key });
    },
    onError: (error) => formFeedback(error, form),
  });

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="project-feedback">
      {can('report.feedback') ? (
        <Card size="small" title={t('dailyFeedback.add')}>
          <Form
            form={form}
            layout="vertical"
            initialValues={{ notedOn: today }}
            onFinish={(values) => add.mutate(values)}
            onValuesChange={clearErrorsOnChange(form)}
          >
            <Form.Item name="notedOn" label={t('dailyFeedback.notedOn')} required style={{ maxWidth: 220 }}>
              <IsoDatePicker allowClear={false} disabledDate={(date) => date.isAfter(dayjs(today), 'day')} data-testid="feedback-date" />
            </Form.Item>
            <Form.Item name="text" label={t('dailyFeedback.text')} required>
              <Input.TextArea
                rows={3}
                maxLength={TEXT_MAX}
                showCount
                placeholder={t('dailyFeedback.placeholder')}
                data-testid="feedback-text"
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" icon={<SendOutlined />} loading={add.isPending} data-testid="feedback-submit">
              {t('dailyFeedback.submit')}
            </Button>
          </Form>
        </Card>
      ) : null}
      {notes.error ? (
        <LoadError error={notes.error} onRetry={() => void notes.refetch()} />
      ) : !notes.data ? (
        <Spin />
      ) : notes.data.items.length === 0 ? (
        <Empty description={t('dailyFeedback.empty')} />
      ) : (
        <Timeline
          data-testid="feedback-timeline"
          items={sortFeedback(notes.data.items).map((note) => ({
            key: note.id,
            content: (
              <div>
                <Typography.Text strong>{note.notedOn}</Typography.Text>
                <div style={{ whiteSpace: 'pre-wrap' }}>{note.text}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('reports.by', { name: note.authorName ?? '—', time: formatDateTime(note.createdAt) })}
                </Typography.Text>
              </div>
            ),
          }))}
        />
      )}
    </Space>
  );
}
