import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Typography } from 'antd';
import { ReturnReportSchema } from '../../../../src/contracts/index.js';
import { api } from '../../api/endpoints';
import { useFeedback } from '../../api/feedback-provider';
import { useT } from '../../i18n';
import { clearErrorsOnChange } from '../../lib/form-errors';
import { parseForm } from '../../lib/zod-form';

export interface ReturnTarget {
  projectId: number;
  projectName: string;
  month: string;
}

/** 退回: the city sends a project-month back to its unit with the reason, which the unit sees on its row. */
export function ReturnReportModal({ target, onClose }: { target: ReturnTarget | null; onClose: () => void }) {
  const { t, locale } = useT();
  const { message } = App.useApp();
  const feedback = useFeedback();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reason?: string }>();
  const send = useMutation({
    mutationFn: async (values: { reason?: string }) =>
      await api.reports.returnReport(
        parseForm(ReturnReportSchema, { projectId: target!.projectId, month: target!.month, reason: values.reason }, locale),
      ),
    onSuccess: () => {
      message.success(t('reports.returnDone', { name: target!.projectName }));
      void queryClient.invalidateQueries({ queryKey: ['reports'] });
      form.resetFields();
      onClose();
    },
    onError: (error) => feedback(error, { form }),
  });
  return (
    <Modal
      open={target !== null}
      title={t('reports.returnTitle')}
      okText={t('reports.returnConfirm')}
      okButtonProps={{ danger: true, loading: send.isPending, 'data-testid': 'return-confirm' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {target ? (
        <Typography.Paragraph>{t('reports.returnHint', { name: target.projectName, month: target.month })}</Typography.Paragraph>
      ) : null}
      <Form form={form} layout="vertical" onFinish={(values) => send.mutate(values)} onValuesChange={clearErrorsOnChange(form)}>
        <Form.Item name="reason" label={t('reports.returnReason')} required>
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="return-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
