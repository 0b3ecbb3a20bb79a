import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, type ButtonProps, Form, Input, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { INSPECTION_LIMITS, shanghaiDate } from '../../../../src/contracts/index.js';
import { useT } from '../../i18n';
import { clearErrorsOnChange } from '../../lib/form-errors';
import { IsoDatePicker } from '../projects/shared/inputs';
import { useFormFeedback } from '../projects/shared/use-form-feedback';
import { isAfterToday, parseReport, type ReportFormValues } from './inspections';
import { inspectionsApi } from './inspections-api';
import { DepartmentSelect } from './labels';

/**
 * 反映未扫码检查 (the enterprise): a department inspected without scanning the code. The
 * report becomes a supervision case for the city's office.
 */
export function ReportModal({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const { t, locale } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const formFeedback = useFormFeedback();
  const [form] = Form.useForm<ReportFormValues>();
  const today = shanghaiDate(new Date());

  const report = useMutation({
    mutationFn: (values: ReportFormValues) => inspectionsApi.report(parseReport(values, locale)),
    onSuccess: () => {
      message.success(t('inspections.report.done'));
      void queryClient.invalidateQueries({ queryKey: ['inspections', 'cases'] });
      onDone();
    },
    onError: (error) => formFeedback(error, form),
  });

  return (
    <Modal
      open
      title={t('inspections.report.title')}
      okText={t('inspections.report.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': 'report-submit' } as ButtonProps}
      confirmLoading={report.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      data-testid="report-modal"
    >
      <Alert type="info" showIcon title={t('inspections.report.hint')} style={{ marginBottom: 16 }} />
      <Form<ReportFormValues>
        form={form}
        layout="vertical"
        initialValues={{ occurredOn: today }}
        onFinish={(values) => report.mutate(values)}
        onValuesChange={clearErrorsOnChange(form)}
      >
        <Form.Item name="departmentId" label={t('inspections.department')} required>
          <DepartmentSelect placeholder={t('inspections.report.departmentPlaceholder')} data-testid="report-department" />
        </Form.Item>
        <Form.Item name="occurredOn" label={t('inspections.report.occurredOn')} required>
          <IsoDatePicker
            allowClear={false}
            disabledDate={(date: Dayjs) => isAfterToday(date.format('YYYY-MM-DD'), today)}
            data-testid="report-occurred-on"
          />
        </Form.Item>
        <Form.Item name="description" label={t('inspections.report.description')} required>
          <Input.TextArea
            autoSize={{ minRows: 3, maxRows: 8 }}
            maxLength={INSPECTION_LIMITS.descriptionMax}
            showCount
            placeholder={t('inspections.report.descriptionPlaceholder')}
            data-testid="report-description"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
