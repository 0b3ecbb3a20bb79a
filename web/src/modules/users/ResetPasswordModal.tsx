import { useMutation } from '@tanstack/react-query';
import { App, Form, Input, Modal } from 'antd';
import { ResetPasswordSchema, type User } from '../../../../src/contracts/index.js';
import { api } from '../../api/endpoints';
import { useFeedback } from '../../api/feedback-provider';
import { useMeta } from '../../app/session';
import { useT } from '../../i18n';
import { clearErrorsOnChange } from '../../lib/form-errors';
import { parseForm } from '../../lib/zod-form';

export function ResetPasswordModal({ user, onClose, onSaved }: { user: User; onClose: () => void; onSaved: () => void }) {
  const { t, locale } = useT();
  const { message } = App.useApp();
  const feedback = useFeedback();
  const meta = useMeta();
  const [form] = Form.useForm<{ password?: string }>();
  const policy = meta.data?.passwordPolicy;
  const save = useMutation({
    mutationFn: (values: { password?: string }) =>
      api.users.resetPassword(user.id, parseForm(ResetPasswordSchema, { password: values.password ?? '' }, locale)),
    onSuccess: () => {
      message.success(t('users.passwordReset'));
      onSaved();
    },
    onError: (error) => feedback(error, { form }),
  });
  return (
    <Modal
      open
      title={t('users.resetPasswordTitle', { name: user.displayName })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(values) => save.mutate(values)} onValuesChange={clearErrorsOnChange(form)}>
        <Form.Item
          name="password"
          label={t('users.newPassword')}
          required
          extra={policy ? t('users.passwordHint', { minLength: policy.minLength, minClasses: policy.minClasses }) : undefined}
        >
          <Input.Password autoComplete="new-password" data-testid="reset-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
