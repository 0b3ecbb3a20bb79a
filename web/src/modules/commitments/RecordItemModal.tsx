import { useMutation } from '@tanstack/react-query';
import { App, Form, Input, Modal, Radio, Typography } from 'antd';
import dayjs from 'dayjs';
import { type CommitmentItem, type Letter, RecordItemSchema, shanghaiDate } from '../../../../src/contracts/index.js';
import { api } from '../../api/endpoints';
import { useT } from '../../i18n';
import { clearErrorsOnChange } from '../../lib/form-errors';
import { blankToUndefined, parseForm } from '../../lib/zod-form';
import { IsoDatePicker } from '../projects/shared/inputs';
import { useFormFeedback } from '../projects/shared/use-form-feedback';

interface Values {
  status?: 'fulfilled' | 'missed';
  on?: string | null;
  evidence?: string;
}

/** 登记: the outcome of an item the platform cannot measure (a safety responsibility), with its evidence. */
export function RecordItemModal({
  letterId,
  item,
  onClose,
  onRecorded,
}: {
  letterId: number;
  item: CommitmentItem;
  onClose: () => void;
  onRecorded: (letter: Letter) => void;
}) {
  const { t, locale } = useT();
  const { message } = App.useApp();
  const formFeedback = useFormFeedback();
  const [form] = Form.useForm<Values>();
  const today = shanghaiDate(new Date());
  const record = useMutation({
    mutationFn: async (values: Values) =>
      await api.commitments.recordItem(
        letterId,
        item.id,
        parseForm(
          RecordItemSchema,
          { status: values.status, on: blankToUndefined(values.on), evidence: blankToUndefined(values.evidence?.trim()) },
          locale,
        ),
      ),
    onSuccess: (next) => {
      message.success(t('commitments.recordedDone'));
      onRecorded(next);
    },
    onError: (error) => formFeedback(error, form),
  });
  return (
    <Modal
      open
      title={t('commitments.recordTitle')}
      okText={t('common.save')}
      confirmLoading={record.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph>{item.description ?? t(`itemKind.${item.kind}`)}</Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ status: 'fulfilled', on: today, evidence: item.evidence ?? '' }}
        onFinish={(values) => record.mutate(values)}
        onValuesChange={clearErrorsOnChange(form)}
      >
        <Form.Item name="status" label={t('commitments.outcome')} required>
          <Radio.Group
            options={[
              { value: 'fulfilled', label: t('commitments.recorded.fulfilled') },
              { value: 'missed', label: t('commitments.recorded.missed') },
            ]}
          />
        </Form.Item>
        <Form.Item name="on" label={t('commitments.outcomeOn')} required>
          <IsoDatePicker allowClear={false} disabledDate={(date) => date.isAfter(dayjs(today), 'day')} />
        </Form.Item>
        <Form.Item name="evidence" label={t('commitments.evidence')} required extra={t('commitments.evidenceHint')}>
          <Input.TextArea rows={3} maxLength={1000} showCount data-testid="record-evidence" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
