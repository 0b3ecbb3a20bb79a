import { Breadcrumb, Flex, Typography } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { Link } from 'react-router';
import { useT } from '../i18n';

/** Page frame in the ant-design-pro manner: breadcrumb, title (with actions on the right), content. */
export function PageContainer({ title, extra, children }: { title: string; extra?: ReactNode; children: ReactNode }) {
  const { t } = useT();
  useEffect(() => {
    document.title = `${title} · 聚力 Juli`;
  }, [title]);
  return (
    <div>
      <Breadcrumb items={[{ title: <Link to="/">{t('menu.home')}</Link> }, { title }]} />
      <Flex justify="space-between" align="center" wrap gap={12} style={{ margin: '12px 0 16px' }}>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="page-title">
          {title}
        </Typography.Title>
        {extra}
      </Flex>
      {children}
    </div>
  );
}
