import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Flex, Skeleton, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { isApiError } from '../../api/client';
import { LoadError } from '../../components/LoadError';
import { useT } from '../../i18n';
import { formatDateTime } from '../../lib/time';
import { inspectionsApi } from './inspections-api';
import { PrintButton, QrSheet } from './QrSheet';

/**
 * 本企业的企业码 (an enterprise account): its QR to print and post at the door, or word that
 * the city has not issued it one yet.
 */
export function MyCodeCard() {
  const { t } = useT();
  const code = useQuery({ queryKey: ['inspections', 'codes', 'mine'], queryFn: inspectionsApi.myCode, staleTime: 60_000 });
  const notIssued = (isApiError(code.error) && code.error.code === 'NOT_FOUND') || (code.data && !code.data.token);

  let body: ReactNode;
  if (code.isPending) body = <Skeleton active />;
  else if (notIssued) body = <Empty description={t('inspections.myCode.none')} data-testid="my-code-empty" />;
  else if (code.error || !code.data?.token) body = <LoadError error={code.error} onRetry={() => void code.refetch()} />;
  else {
    body = (
      <Flex wrap gap={24} align="center">
        <QrSheet token={code.data.token} enterpriseName={code.data.enterpriseName} uscc={code.data.uscc} testIdPrefix="my-code" />
        <Space orientation="vertical" size={8} style={{ flex: '1 1 240px' }}>
          <Typography.Paragraph style={{ margin: 0 }}>{t('inspections.myCode.hint')}</Typography.Paragraph>
          <Typography.Text type="secondary" data-testid="my-code-issued-at">
            {t('inspections.myCode.issuedAt', { at: formatDateTime(code.data.issuedAt) })}
          </Typography.Text>
          <PrintButton testId="my-code-print" />
        </Space>
      </Flex>
    );
  }
  return (
    <Card title={t('inspections.myCode.title')} size="small" data-testid="my-code">
      {body}
    </Card>
  );
}
