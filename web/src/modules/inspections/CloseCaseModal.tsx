import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, type ButtonProps, Descriptions, Form, Input, Modal, Radio } from 'antd';
import { INSPECTION_CASE_FINDINGS, INSPECTION_LIMITS, type InspectionCase } from '../../../../src/contracts/index.js';
import { useT } from '../../i18n';
import { clearErrorsOnChange } from '../../lib/form-errors';
import { useUnitLabel } from '../projects/shared/hooks';
import { useFormFeedback } from '../projects/shared/use-form-feedback';
import { type CloseFormValues, parseClose } from './inspections';
import { inspectionsApi } from './inspections-api';
import { CaseKindTag } from './labels';

/** 办结 (the city's office): the finding after looking into it, and the conclusion. */
export function CloseCaseModal({ item, onClose }: { item: InspectionCase; onClose: () => void }) {
  const { t, locale } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const formFeedback = useFormFeedback();
  const unitOf = useUnitLabel();
  const [form] = Form.useForm<CloseFormValues>();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['inspections', 'cases'] });
    void queryClient.invalidateQueries({ queryKey: ['inspections', 'stats'] });
  };

  const close = useMutation({
    mutationFn: (values: CloseFormValues) => inspectionsApi.closeCase(item.id, parseClose(item.version, values, locale)),
    onSuccess: () => {
      message.success(t('inspections.close.done'));
      refresh();
      onClose();
    },
    // Closed or changed meanwhile: the list shows what it is now.
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
      title={t('inspections.close.title')}
      okText={t('inspections.close.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': 'case-close-submit' } as ButtonProps}
      confirmLoading={close.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      data-testid="case-close-modal"
    >
      <Descriptions
        size="small"
        column={1}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'kind', label: t('inspections.caseKind'), children: <CaseKindTag kind={item.kind} /> },
          { key: 'enterprise', label: t('inspections.enterprise'), children: item.enterpriseName },
          { key: 'department', label: t('inspections.department'), children: unitOf(item.departmentId) },
          { key: 'occurredOn', label: t('inspections.occurredOn'), children: item.occurredOn },
          ...(item.description ? [{ key: 'description', label: t('inspections.description'), children: item.description }] : []),
        ]}
      />
      <Form<CloseFormValues>
        form={form}
        layout="vertical"
        onFinish={(values) => close.mutate(values)}
        onValuesChange={clearErrorsOnChange(form)}
      >
        <Form.Item name="finding" label={t('inspections.finding')} required>
          <Radio.Group data-testid="case-finding">
            {INSPECTION_CASE_FINDINGS.map((finding) => (
              <Radio key={finding} value={finding} data-testid={`case-finding-${finding}`}>
                {t(`inspections.finding.${finding}`)}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="conclusion" label={t('inspections.conclusion')} required>
          <Input.TextArea
            autoSize={{ minRows: 3, maxRows: 8 }}
            maxLength={INSPECTION_LIMITS.conclusionMax}
            showCount
            placeholder={t('inspections.close.conclusionPlaceholder')}
            data-testid="case-conclusion"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
