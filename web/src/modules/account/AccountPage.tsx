import { scopeName } from '../../lib/names';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, QRCode, Row, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ChangePasswordSchema, type TotpSetup, TotpRequestSchema } from '../../../../src/contracts/index.js';
import { api } from '../../api/endpoints';
import { useFeedback } from '../../api/feedback-provider';
import { SESSION_KEY, useMeta, useSession } from '../../app/session';
import { PageContainer } from '../../components/PageContainer';
import { useT } from '../../i18n';
import { clearErrorsOnChange } from '../../lib/form-errors';
import { parseForm } from '../../lib/zod-form';

interface PasswordValues {
  currentPassword?: string;
  newPassword?: string;
  confirmPassword?: string;
}

/** UI refinement of the contract schema: the repeated password must match (checked before the server sees it). */
const ChangePasswordFormSchema = ChangePasswordSchema.extend({ confirmPassword: ChangePasswordSchema.shape.newPassword })
  .strict()
  .refine((value) => value.newPassword === value.confirmPassword, { message: 'password.mismatch', path: ['confirmPassword'] });

export default function AccountPage() {
  const { t, locale } = useT();
  const session = useSession();
  const { user } = session;

  return (
    <PageContainer title={t('account.title')}>
      {session.mustChangePassword ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('account.mustChangeTitle')}
          description={t('account.mustChangeReason')}
          data-testid="must-change-password"
        />
      ) : null}
      <Row gutter={[24, 24]}>
        <Col xs={24} lg={12}>
          <ChangePasswordCard />
        </Col>
        <Col xs={24} lg={12}>
          <Space orientation="vertical" size="large" style={{ width: '100%' }}>
            <Card title={t('account.profile')}>
              <Descriptions
                column={1}
                items={[
                  { key: 'username', label: t('users.username'), children: user.username },
                  { key: 'name', label: t('users.displayName'), children: user.displayName },
                  { key: 'role', label: t('users.role'), children: <Tag color="blue">{t(`role.${user.role}`)}</Tag> },
                  {
                    key: 'scope',
                    label: t('users.scope'),
                    children: scopeName(user, locale) ?? t('header.cityWide'),
                  },
                ]}
              />
            </Card>
            {session.mustChangePassword ? null : <TotpCard />}
          </Space>
        </Col>
      </Row>
    </PageContainer>
  );
}

function ChangePasswordCard() {
  const { t, locale } = useT();
  const { message } = App.useApp();
  const session = useSession();
  const meta = useMeta();
  const feedback = useFeedback();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<PasswordValues>();
  const policy = meta.data?.passwordPolicy;
  const wasForced = session.mustChangePassword;

  const change = useMutation({
    mutationFn: async (values: PasswordValues) => {
      const { currentPassword, newPassword } = parseForm(
        ChangePasswordFormSchema,
        {
          currentPassword: values.currentPassword ?? '',
          newPassword: values.newPassword ?? '',
          confirmPassword: values.confirmPassword ?? '',
        },
        locale,
      );
      await api.auth.changePassword({ currentPassword, newPassword });
    },
    onSuccess: async () => {
      message.success(t('account.passwordChanged'));
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: SESSION_KEY });
      if (wasForced) navigate('/', { replace: true });
    },
    onError: (error) => feedback(error, { form }),
  });

  return (
    <Card title={t('account.changePassword')}>
      <Form<PasswordValues>
        form={form}
        layout="vertical"
        onFinish={(values) => change.mutate(values)}
        onValuesChange={clearErrorsOnChange(form)}
        data-testid="change-password-form"
      >
        <Form.Item name="currentPassword" label={t('account.currentPassword')} required>
          <Input.Password autoComplete="current-password" data-testid="account-current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('account.newPassword')}
          required
          extra={policy ? t('account.passwordPolicy', { minLength: policy.minLength, minClasses: policy.minClasses }) : undefined}
        >
          <Input.Password autoComplete="new-password" data-testid="account-new-password" />
        </Form.Item>
        <Form.Item name="confirmPassword" label={t('account.confirmPassword')} required>
          <Input.Password autoComplete="new-password" data-testid="account-confirm-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={change.isPending} data-testid="account-change-password">
          {t('account.changePassword')}
        </Button>
      </Form>
    </Card>
  );
}

function TotpCard() {
  const { t, locale } = useT();
  const { message } = App.useApp();
  const session = useSession();
  const feedback = useFeedback();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ code?: string }>();
  const [setup, setSetup] = useState<TotpSetup | null>(null);

  const start = useMutation({ mutationFn: api.auth.totpSetup, onSuccess: setSetup, onError: (error) => feedback(error) });
  const confirm = useMutation({
    mutationFn: (values: { code?: string }) => api.auth.totpConfirm(parseForm(TotpRequestSchema, { code: values.code ?? '' }, locale)),
    onSuccess: async () => {
      message.success(t('account.totpDone'));
      setSetup(null);
      await queryClient.invalidateQueries({ queryKey: SESSION_KEY });
    },
    onError: (error) => feedback(error, { form }),
  });

  if (session.user.totpEnabled) {
    return (
      <Card title={t('account.totp')}>
        <Alert type="success" showIcon title={t('account.totpEnabled')} />
      </Card>
    );
  }
  return (
    <Card title={t('account.totp')}>
      {setup ? (
        <Form form={form} layout="vertical" onFinish={(values) => confirm.mutate(values)} onValuesChange={clearErrorsOnChange(form)}>
          <Typography.Paragraph type="secondary">{t('account.totpScan')}</Typography.Paragraph>
          <Space orientation="vertical" align="center" style={{ width: '100%', marginBottom: 16 }}>
            <QRCode value={setup.otpauthUrl} />
            <Typography.Text>
              {t('login.secret')}:{' '}
              <Typography.Text code copyable data-testid="account-totp-secret">
                {setup.secret}
              </Typography.Text>
            </Typography.Text>
          </Space>
          <Form.Item name="code" label={t('login.totpCode')} required>
            <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} data-testid="account-totp-code" />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={confirm.isPending} data-testid="account-totp-confirm">
              {t('account.totpConfirm')}
            </Button>
            <Button onClick={() => setSetup(null)}>{t('common.cancel')}</Button>
          </Space>
        </Form>
      ) : (
        <Space orientation="vertical">
          <Typography.Text>{t('account.totpDisabled')}</Typography.Text>
          <Button onClick={() => start.mutate()} loading={start.isPending} data-testid="account-totp-start">
            {t('account.totpStart')}
          </Button>
        </Space>
      )}
    </Card>
  );
}
