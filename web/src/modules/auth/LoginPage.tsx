import { localName } from '../../lib/names';
import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Input, Layout, QRCode, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import {
  type LoginRequest,
  LoginRequestSchema,
  type LoginResponse,
  type Meta,
  TotpRequestSchema,
} from '../../../../src/contracts/index.js';
import { api } from '../../api/endpoints';
import { type ApplyFeedback, type FeedbackOptions, useFeedback } from '../../api/feedback-provider';
import { SESSION_KEY, useMeta, useSessionQuery } from '../../app/session';
import { DemoBanner } from '../../components/DemoBanner';
import { LangSwitch } from '../../components/LangSwitch';
import { useT } from '../../i18n';
import { clearErrorsOnChange } from '../../lib/form-errors';
import { safeNextPath } from '../../lib/next-path';
import { parseForm } from '../../lib/zod-form';

type Step = { kind: 'password' } | { kind: 'totp' } | { kind: 'enroll'; secret: string; otpauthUrl: string };

/** Runs one sign-in call: busy flag, the server's message under the form, field errors on the form. */
function useSubmit(feedback: ApplyFeedback) {
  const [isBusy, setBusy] = useState(false);
  const [serverMessage, setServerMessage] = useState<string | null>(null);
  const run = async (form: FeedbackOptions['form'], action: () => Promise<void>) => {
    setServerMessage(null);
    setBusy(true);
    try {
      await action();
    } catch (error) {
      feedback(error, { form, onMessage: setServerMessage });
    } finally {
      setBusy(false);
    }
  };
  return { isBusy, serverMessage, run };
}

export default function LoginPage() {
  const { t, locale } = useT();
  const meta = useMeta();
  const existing = useSessionQuery();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [step, setStep] = useState<Step>({ kind: 'password' });
  const [picked, setPicked] = useState<LoginRequest | null>(null);
  const next = safeNextPath(params.get('next'));

  if (existing.data && step.kind === 'password') return <Navigate to={next} replace />;

  const afterReply = (reply: LoginResponse) => {
    if (reply.status === 'ok') {
      queryClient.setQueryData(SESSION_KEY, reply.session);
      navigate(reply.session.mustChangePassword ? '/account' : next, { replace: true });
      return;
    }
    setStep(reply.status === 'totp_required' ? { kind: 'totp' } : { kind: 'enroll', secret: reply.secret, otpauthUrl: reply.otpauthUrl });
  };

  return (
    <Layout style={{ minHeight: '100vh', background: 'linear-gradient(160deg, #f0f5ff 0%, #ffffff 60%)' }}>
      {meta.data?.isDemo ? <DemoBanner /> : null}
      <Flex justify="flex-end" style={{ padding: '12px 24px' }}>
        <LangSwitch />
      </Flex>
      <Flex vertical align="center" gap={24} style={{ padding: '24px 16px 48px' }}>
        <div style={{ textAlign: 'center' }}>
          <Typography.Title level={2} style={{ marginBottom: 4 }}>
            聚力 Juli
          </Typography.Title>
          <Typography.Text type="secondary">
            {meta.data?.cityName ? `${localName(meta.data.cityName, meta.data.cityNameEn, locale)} · ` : ''}
            {t('app.subtitle')}
          </Typography.Text>
        </div>

        <Card style={{ width: 400, maxWidth: '100%' }} title={step.kind === 'password' ? t('login.title') : undefined}>
          {step.kind === 'password' ? (
            <PasswordStep picked={picked} onReply={afterReply} />
          ) : (
            <TotpStep step={step} onReply={afterReply} onBack={() => setStep({ kind: 'password' })} />
          )}
        </Card>

        {meta.data?.isDemo && step.kind === 'password' ? <DemoAccounts meta={meta.data} onPick={setPicked} /> : null}
        {meta.data ? <Typography.Text type="secondary">{t('login.version', { version: meta.data.version })}</Typography.Text> : null}
      </Flex>
    </Layout>
  );
}

function PasswordStep({ picked, onReply }: { picked: LoginRequest | null; onReply: (reply: LoginResponse) => void }) {
  const { t, locale } = useT();
  const [form] = Form.useForm<LoginRequest>();
  const { isBusy, serverMessage, run } = useSubmit(useFeedback());
  useEffect(() => {
    // A demo account was clicked: fill the form with it.
    if (picked) form.setFieldsValue(picked);
  }, [form, picked]);
  const submit = (values: LoginRequest) =>
    run(form, async () => onReply(await api.auth.login(parseForm(LoginRequestSchema, { ...values }, locale))));
  return (
    <Form form={form} layout="vertical" onFinish={submit} onValuesChange={clearErrorsOnChange(form)} requiredMark={false} autoComplete="on">
      <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('login.usernameRequired') }]}>
        <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
      </Form.Item>
      <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
        <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
      </Form.Item>
      <ServerMessage text={serverMessage} />
      <Button type="primary" htmlType="submit" block loading={isBusy} data-testid="login-submit">
        {t('login.submit')}
      </Button>
    </Form>
  );
}

function TotpStep({
  step,
  onReply,
  onBack,
}: {
  step: Exclude<Step, { kind: 'password' }>;
  onReply: (reply: LoginResponse) => void;
  onBack: () => void;
}) {
  const { t, locale } = useT();
  const [form] = Form.useForm<{ code: string }>();
  const { isBusy, serverMessage, run } = useSubmit(useFeedback());
  const submit = (values: { code: string }) =>
    run(form, async () => onReply(await api.auth.loginTotp(parseForm(TotpRequestSchema, { ...values }, locale))));
  return (
    <Form form={form} layout="vertical" onFinish={submit} onValuesChange={clearErrorsOnChange(form)} requiredMark={false}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        <SafetyOutlined /> {step.kind === 'totp' ? t('login.totpTitle') : t('login.enrollTitle')}
      </Typography.Title>
      {step.kind === 'enroll' ? (
        <Space orientation="vertical" align="center" style={{ width: '100%', marginBottom: 16 }}>
          <Typography.Paragraph type="secondary">{t('login.enrollHint')}</Typography.Paragraph>
          <QRCode value={step.otpauthUrl} data-testid="login-totp-qr" />
          <Typography.Text>
            {t('login.secret')}:{' '}
            <Typography.Text code copyable data-testid="login-totp-secret">
              {step.secret}
            </Typography.Text>
          </Typography.Text>
        </Space>
      ) : (
        <Typography.Paragraph type="secondary">{t('login.totpHint')}</Typography.Paragraph>
      )}
      <Form.Item name="code" label={t('login.totpCode')} rules={[{ required: true, message: t('login.totpHint') }]}>
        <Input
          autoFocus
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          style={{ letterSpacing: 6, fontSize: 18 }}
          data-testid="login-totp"
        />
      </Form.Item>
      <ServerMessage text={serverMessage} />
      <Button type="primary" htmlType="submit" block loading={isBusy} data-testid="login-totp-submit">
        {t('login.totpSubmit')}
      </Button>
      <Button type="link" block onClick={onBack} style={{ marginTop: 8 }} data-testid="login-back">
        {t('login.back')}
      </Button>
    </Form>
  );
}

function ServerMessage({ text }: { text: string | null }) {
  if (!text) return null;
  return <Alert type="error" showIcon title={text} style={{ marginBottom: 16 }} data-testid="login-error" />;
}

function DemoAccounts({ meta, onPick }: { meta: Meta; onPick: (account: LoginRequest) => void }) {
  const { t } = useT();
  return (
    <Card size="small" title={t('login.demoTitle')} style={{ width: 640, maxWidth: '100%' }} data-testid="demo-accounts">
      <Table
        size="small"
        rowKey="username"
        pagination={false}
        dataSource={meta.demoAccounts}
        onRow={(account) => ({
          onClick: () => onPick({ username: account.username, password: account.password }),
          style: { cursor: 'pointer' },
          'data-testid': `demo-account-${account.username}`,
        })}
        columns={[
          { title: t('login.demoUsername'), dataIndex: 'username' },
          { title: t('login.demoRole'), dataIndex: 'role', render: (role: Meta['demoAccounts'][number]['role']) => t(`role.${role}`) },
          {
            title: t('login.demoPassword'),
            dataIndex: 'password',
            render: (password: string) => <Typography.Text code>{password}</Typography.Text>,
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {t('login.demoTotpNote')}
      </Typography.Paragraph>
    </Card>
  );
}
