import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Space, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { CodeTokenSchema, type Inspection, translate } from '../../../../src/contracts/index.js';
import { isApiError } from '../../api/client';
import { ErrorResult } from '../../components/ErrorResult';
import { FullPageSpin } from '../../components/FullPageSpin';
import { LoadError } from '../../components/LoadError';
import { PageContainer } from '../../components/PageContainer';
import { useT } from '../../i18n';
import { nextRoutineOverLimit } from './inspections';
import { inspectionsApi } from './inspections-api';
import { RegisterForm } from './RegisterForm';
import { RegisteredResult } from './RegisteredResult';

/**
 * 扫码登记: the page an enterprise's QR opens on the inspector's phone. Whose code it is, how
 * often the inspector's department has come this year, and the registration form; a void code
 * (re-issued, or never valid) says so.
 */
export default function ScanPage() {
  const { t, locale } = useT();
  const { token = '' } = useParams();
  const wellFormed = CodeTokenSchema.safeParse(token).success;
  const [registered, setRegistered] = useState<Inspection | null>(null);
  const scanned = useQuery({
    queryKey: ['inspections', 'scan', token],
    queryFn: () => inspectionsApi.scan(token),
    enabled: wellFormed,
  });

  const voidCode = (message: string) => <ErrorResult status={404} subTitle={<span data-testid="inspect-void">{message}</span>} />;
  if (!wellFormed) return voidCode(translate(locale, 'inspection.codeNotFound'));
  if (scanned.error) {
    if (isApiError(scanned.error) && scanned.error.code === 'NOT_FOUND') return voidCode(scanned.error.message);
    return <LoadError error={scanned.error} onRetry={() => void scanned.refetch()} />;
  }
  if (!scanned.data) return <FullPageSpin />;
  const code = scanned.data;
  if (registered) return <RegisteredResult inspection={registered} />;

  return (
    <PageContainer title={t('inspect.title')}>
      <Space orientation="vertical" size={12} style={{ width: '100%', maxWidth: 720 }}>
        <Card size="small">
          <Descriptions
            size="small"
            column={1}
            items={[
              {
                key: 'enterprise',
                label: t('inspections.enterprise'),
                children: (
                  <Typography.Text strong data-testid="inspect-enterprise">
                    {code.enterpriseName}
                  </Typography.Text>
                ),
              },
              { key: 'uscc', label: t('inspections.uscc'), children: <span data-testid="inspect-uscc">{code.uscc}</span> },
              {
                key: 'count',
                label: t('inspect.routineThisYear'),
                children: (
                  <Typography.Text
                    type={nextRoutineOverLimit(code) ? 'danger' : undefined}
                    data-testid="inspect-count"
                    data-count={code.routineThisYear}
                    data-limit={code.routineLimitPerYear}
                  >
                    {t('inspect.routineCount', { count: code.routineThisYear, limit: code.routineLimitPerYear })}
                  </Typography.Text>
                ),
              },
            ]}
          />
        </Card>
        <Alert type="info" showIcon title={t('inspect.hint')} />
        <Card size="small" title={t('inspect.formTitle')}>
          <RegisterForm token={token} scanned={code} onRegistered={setRegistered} />
        </Card>
      </Space>
    </PageContainer>
  );
}
