import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useT } from '../i18n';

/**
 * The 403 and 404 pages (also shown in place of a page whose data the user may not see);
 * `subTitle` says more than the usual line when the server explained why (a void code).
 */
export function ErrorResult({ status, subTitle }: { status: 403 | 404; subTitle?: ReactNode }) {
  const { t } = useT();
  return (
    <Result
      status={status}
      title={<span data-testid="page-title">{t(status === 403 ? 'result.403.title' : 'result.404.title')}</span>}
      subTitle={subTitle ?? t(status === 403 ? 'result.403.subtitle' : 'result.404.subtitle')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}

export function ForbiddenPage() {
  return <ErrorResult status={403} />;
}

export function NotFoundPage() {
  return <ErrorResult status={404} />;
}
