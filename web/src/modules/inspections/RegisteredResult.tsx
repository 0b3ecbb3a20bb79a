import { Alert, Button, Flex, Result } from 'antd';
import { Link } from 'react-router';
import type { Inspection } from '../../../../src/contracts/index.js';
import { useT } from '../../i18n';
import { formatDateTime } from '../../lib/time';

/** After the registration: when it was recorded, and a way to the list of inspections. */
export function RegisteredResult({ inspection }: { inspection: Inspection }) {
  const { t } = useT();
  return (
    <Result
      status="success"
      title={<span data-testid="page-title">{t('inspect.done')}</span>}
      subTitle={
        <Flex vertical>
          <span data-testid="inspect-done-enterprise">{inspection.enterpriseName}</span>
          <span data-testid="inspect-done-time" data-inspection-id={inspection.id}>
            {t('inspect.doneAt', { at: formatDateTime(inspection.registeredAt) })}
          </span>
        </Flex>
      }
      extra={
        <Flex vertical align="center" gap={16}>
          {inspection.overLimit ? (
            <Alert type="warning" showIcon title={t('inspect.doneOverLimit')} data-testid="inspect-done-over-limit" />
          ) : null}
          <Link to="/inspections">
            <Button type="primary" data-testid="inspect-done-list">
              {t('inspect.toList')}
            </Button>
          </Link>
        </Flex>
      }
      data-testid="inspect-done"
    />
  );
}
