import { QuestionCircleOutlined } from '@ant-design/icons';
import { Card, Divider, Flex, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';

/**
 * A figure card in the ant-design-pro dashboard manner: a quiet title (with its definition on
 * hover), the figure large, what it means below it, a footer line under a rule.
 */
export function KpiCard({
  title,
  help,
  value,
  children,
  footer,
  testId,
  loading,
}: {
  title: string;
  help?: string;
  value: ReactNode;
  children?: ReactNode;
  footer?: ReactNode;
  testId?: string;
  loading?: boolean;
}) {
  return (
    <Card size="small" loading={loading} style={{ height: '100%' }} styles={{ body: { padding: '16px 20px 12px' } }} data-testid={testId}>
      <Flex justify="space-between" align="center">
        <Typography.Text type="secondary">{title}</Typography.Text>
        {help ? (
          <Tooltip title={help}>
            <QuestionCircleOutlined style={{ color: 'rgba(0,0,0,0.45)' }} />
          </Tooltip>
        ) : null}
      </Flex>
      <div
        style={{
          fontSize: 26,
          lineHeight: '38px',
          marginTop: 4,
          fontWeight: 500,
          whiteSpace: 'nowrap',
          overflow: 'hidden',
          textOverflow: 'ellipsis',
        }}
      >
        {value}
      </div>
      <div style={{ minHeight: 22 }}>{children}</div>
      {footer ? (
        <>
          <Divider style={{ margin: '8px 0' }} />
          <div style={{ minHeight: 22 }}>{footer}</div>
        </>
      ) : null}
    </Card>
  );
}
