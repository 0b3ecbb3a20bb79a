import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Flex, Form, Input, Radio, Tooltip, Typography } from 'antd';
import { INSPECTION_KINDS, INSPECTION_LIMITS, type Inspection, type ScannedCode } from '../../../../src/contracts/index.js';
import { useT } from '../../i18n';
import { clearErrorsOnChange } from '../../lib/form-errors';
import { useFormFeedback } from '../projects/shared/use-form-feedback';
import { emptyInspectors, parseRegistration, type RegisterFormValues, showsLimitWarning } from './inspections';
import { inspectionsApi } from './inspections-api';

/**
 * The registration on the inspector's phone: kind, purpose, legal basis and the officers (at
 * least two, each with the number of the law-enforcement certificate). Checked with the
 * contract's schema first; the server's field errors land on the same fields and rows.
 */
export function RegisterForm({
  token,
  scanned,
  onRegistered,
}: {
  token: string;
  scanned: ScannedCode;
  onRegistered: (inspection: Inspection) => void;
}) {
  const { t, locale } = useT();
  const queryClient = useQueryClient();
  const formFeedback = useFormFeedback();
  const [form] = Form.useForm<RegisterFormValues>();
  const kind = Form.useWatch('kind', form);

  const register = useMutation({
    mutationFn: (values: RegisterFormValues) => inspectionsApi.register(parseRegistration(token, values, locale)),
    onSuccess: (inspection) => {
      void queryClient.invalidateQueries({ queryKey: ['inspections'] });
      onRegistered(inspection);
    },
    onError: (error) => formFeedback(error, form),
  });

  return (
    <Form<RegisterFormValues>
      form={form}
      layout="vertical"
      initialValues={{ inspectors: emptyInspectors() }}
      onFinish={(values) => register.mutate(values)}
      onValuesChange={clearErrorsOnChange(form)}
      data-testid="inspect-form"
    >
      <Form.Item name="kind" label={t('inspections.kindLabel')} required>
        <Radio.Group data-testid="inspect-kind">
          <Flex wrap gap={8}>
            {INSPECTION_KINDS.map((value) => (
              <Radio key={value} value={value} data-testid={`inspect-kind-${value}`}>
                {t(`inspections.kind.${value}`)}
              </Radio>
            ))}
          </Flex>
        </Radio.Group>
      </Form.Item>
      {showsLimitWarning(scanned, kind) ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('inspect.limitWarning', { limit: scanned.routineLimitPerYear })}
          description={t('inspect.limitWarningDetail')}
          data-testid="inspect-limit-warning"
        />
      ) : null}
      <Form.Item name="purpose" label={t('inspections.purpose')} required>
        <Input.TextArea
          autoSize={{ minRows: 2, maxRows: 5 }}
          maxLength={INSPECTION_LIMITS.purposeMax}
          placeholder={t('inspect.purposePlaceholder')}
          data-testid="inspect-purpose"
        />
      </Form.Item>
      <Form.Item name="legalBasis" label={t('inspections.legalBasis')} required>
        <Input.TextArea
          autoSize={{ minRows: 2, maxRows: 5 }}
          maxLength={INSPECTION_LIMITS.legalBasisMax}
          placeholder={t('inspect.legalBasisPlaceholder')}
          data-testid="inspect-legal-basis"
        />
      </Form.Item>
      <Form.Item label={t('inspections.inspectors')} required extra={t('inspect.inspectorsHint')}>
        <Form.List name="inspectors">
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field, index) => (
                <Flex key={field.key} gap={8} wrap align="start" data-testid={`inspect-inspector-${index}`}>
                  <Typography.Text type="secondary" style={{ width: '100%' }}>
                    {t('inspect.inspectorN', { n: index + 1 })}
                  </Typography.Text>
                  <Form.Item name={[field.name, 'name']} style={{ flex: '1 1 120px', marginBottom: 8 }}>
                    <Input maxLength={20} placeholder={t('inspect.inspectorName')} data-testid={`inspect-inspector-name-${index}`} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'certificateNo']} style={{ flex: '1 1 150px', marginBottom: 8 }}>
                    <Input
                      maxLength={30}
                      autoCapitalize="characters"
                      autoComplete="off"
                      placeholder={t('inspect.certificateNo')}
                      data-testid={`inspect-inspector-cert-${index}`}
                    />
                  </Form.Item>
                  <Tooltip title={t('inspect.removeInspector')}>
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      disabled={fields.length <= INSPECTION_LIMITS.inspectorsMin}
                      onClick={() => remove(field.name)}
                      aria-label={t('inspect.removeInspector')}
                      data-testid={`inspect-inspector-remove-${index}`}
                    />
                  </Tooltip>
                </Flex>
              ))}
              <Form.ErrorList errors={errors} />
              <Button
                type="dashed"
                block
                icon={<PlusOutlined />}
                disabled={fields.length >= INSPECTION_LIMITS.inspectorsMax}
                onClick={() => add({ name: '', certificateNo: '' })}
                data-testid="inspect-inspector-add"
              >
                {t('inspect.addInspector')}
              </Button>
            </>
          )}
        </Form.List>
      </Form.Item>
      <Button type="primary" htmlType="submit" block size="large" loading={register.isPending} data-testid="inspect-submit">
        {t('inspect.submit')}
      </Button>
    </Form>
  );
}
