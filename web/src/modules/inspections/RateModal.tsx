import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, type ButtonProps, Descriptions, Form, Input, Modal, Rate } from 'antd';
import { INSPECTION_LIMITS, type Inspection } from '../../../../src/contracts/index.js';
import { useT } from '../../i18n';
import { clearErrorsOnChange } from '../../lib/form-errors';
import { formatDateTime } from '../../lib/time';
import { useUnitLabel } from '../projects/shared/hooks';
import { useFormFeedback } from '../projects/shared/use-form-feedback';
import { parseRating, type RateFormValues } from './inspections';
import { inspectionsApi } from './inspections-api';

/** 评价 (the enterprise, once per inspection): one to five stars and a comment. */
export function RateModal({ inspection, onClose }: { inspection: Inspection; onClose: () => void }) {
  const { t, locale } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const formFeedback = useFormFeedback();
  const unitOf = useUnitLabel();
  const [form] = Form.useForm<RateFormValues>();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['inspections', 'list'] });

  const rate = useMutation({
    mutationFn: (values: RateFormValues) => inspectionsApi.rate(inspection.id, parseRating(values, locale)),
    onSuccess: () => {
      message.success(t('inspections.rate.done'));
      refresh();
      onClose();
    },
    // Rated meanwhile (another account of the enterprise): the list shows the rating given.
    onError: (error) =>
      formFeedback(error, form, {
        onConflict: () => {
          refresh();
          onClose();
        },
      }),
  });

  return (
    <Modal
      open
      title={t('inspections.rate.title')}
      okText={t('inspections.rate.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': 'rate-submit' } as ButtonProps}
      confirmLoading={rate.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      data-testid="rate-modal"
    >
      <Descriptions
        size="small"
        column={1}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'department', label: t('inspections.department'), children: unitOf(inspection.departmentId) },
          { key: 'at', label: t('inspections.registeredAt'), children: formatDateTime(inspection.registeredAt) },
          { key: 'purpose', label: t('inspections.purpose'), children: inspection.purpose },
        ]}
      />
      <Form<RateFormValues>
        form={form}
        layout="vertical"
        onFinish={(values) => rate.mutate(values)}
        onValuesChange={clearErrorsOnChange(form)}
      >
        <Form.Item name="rating" label={t('inspections.rating')} required extra={t('inspections.rate.hint')}>
          <Rate data-testid="rate-stars" />
        </Form.Item>
        <Form.Item name="comment" label={t('inspections.ratingComment')}>
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 6 }}
            maxLength={INSPECTION_LIMITS.commentMax}
            showCount
            placeholder={t('inspections.rate.commentPlaceholder')}
            data-testid="rate-comment"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
