import { Button, Result } from 'antd';
import { decideFeedback } from '../api/feedback';
import { useT } from '../i18n';
import { ErrorResult } from './ErrorResult';

/**
 * What a page shows when its data did not load. The toast or redirect has already happened
 * in the query cache's error handler; this only picks the page content.
 */
export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useT();
  const feedback = decideFeedback(error, { phase: 'load' }, t('common.loadFailed'));
  if (feedback.kind === 'result') return <ErrorResult status={feedback.status} />;
  if (feedback.kind === 'login' || feedback.kind === 'change-password') return null;
  return (
    <Result
      status="error"
      title={t('common.loadFailed')}
      subTitle={'message' in feedback ? feedback.message : undefined}
      extra={onRetry ? <Button onClick={onRetry}>{t('common.retry')}</Button> : undefined}
    />
  );
}
