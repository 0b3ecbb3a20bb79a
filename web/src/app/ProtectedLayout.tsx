import { Button, Result } from 'antd';
import { Navigate, useLocation } from 'react-router';
import { FullPageSpin } from '../components/FullPageSpin';
import { useT } from '../i18n';
import { loginPathFor } from '../lib/next-path';
import { AppLayout } from './AppLayout';
import { SessionProvider, useSessionQuery } from './session';

/** The signed-in part of the app: no session means the sign-in page, keeping where the user wanted to go. */
export function ProtectedLayout() {
  const { t } = useT();
  const location = useLocation();
  const session = useSessionQuery();
  if (session.isPending) return <FullPageSpin />;
  if (session.isError) {
    return (
      <Result
        status="error"
        title={t('common.loadFailed')}
        subTitle={session.error.message}
        extra={<Button onClick={() => void session.refetch()}>{t('common.retry')}</Button>}
      />
    );
  }
  if (!session.data) return <Navigate to={loginPathFor(`${location.pathname}${location.search}`)} replace />;
  return (
    <SessionProvider value={session.data}>
      <AppLayout />
    </SessionProvider>
  );
}
