import { Alert } from 'antd';
import { useT } from '../i18n';

/** Shown across the top whenever the server runs on demo data, in both languages at once. */
export function DemoBanner() {
  const { t } = useT();
  return (
    <Alert
      banner
      type="warning"
      data-testid="demo-banner"
      title={
        <span>
          <strong>{t('demo.banner')}</strong> — {t('demo.bannerDetail')}
        </span>
      }
    />
  );
}
