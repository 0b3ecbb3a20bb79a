import { useMutation } from '@tanstack/react-query';
import { Alert, App, Form, Modal } from 'antd';
import dayjs from 'dayjs';
import { type Letter, shanghaiDate, SignLetterSchema } from '../../../../src/contracts/index.js';
import { api } from '../../api/endpoints';
import { useT } from '../../i18n';
import { clearErrorsOnChange } from '../../lib/form-errors';
import { blankToUndefined, parseForm } from '../../lib/zod-form';
import { IsoDatePicker } from '../projects/shared/inputs';
import { useFormFeedback } from '../projects/shared/use-form-feedback';

/** 签署: the date the letter was signed; from then on it changes only by a recorded amendment. */
export function SignLetterModal({
  letter,
  onClose,
  onSigned,
}: {
  letter: Letter;
  onClose: () => void;
  onSigned: (letter: Letter) => void;
}) {
  const { t, locale } = useT();
  const { message } = App.useApp();
  const formFeedback = useFormFeedback();
  const [form] = Form.useForm<{ signedOn?: string | null }>();
  const today = shanghaiDate(new Date());
  const sign = useMutation({
    mutationFn: async (values: { signedOn?: string | null }) =>
      await api.commitments.sign(
        letter.id,
        parseForm(SignLetterSchema, { version: letter.version, signedOn: blankToUndefined(values.signedOn) }, locale),
      ),
    onSuccess: (next) => {
      message.success(t('commitments.signed'));
      onSigned(next);
    },
    onError: (error) => formFeedback(error, form, { onConflict: onClose }),
  });
  return (
    <Modal
      open
      title={t('commitments.signTitle')}
      okText={t('commitments.sign')}
      confirmLoading={sign.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('commitments.signHint')} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ signedOn: today }}
        onFinish={(values) => sign.mutate(values)}
        onValuesChange={clearErrorsOnChange(form)}
      >
        <Form.Item name="signedOn" label={t('commitments.signedOn')} required>
          <IsoDatePicker allowClear={false} disabledDate={(date) => date.isAfter(dayjs(today), 'day')} data-testid="sign-date" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
