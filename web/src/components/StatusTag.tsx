import { Badge } from 'antd';
import { useT } from '../i18n';

export function StatusTag({ isActive }: { isActive: boolean }) {
  const { t } = useT();
  return <Badge status={isActive ? 'success' : 'default'} text={isActive ? t('common.active') : t('common.inactive')} />;
}
