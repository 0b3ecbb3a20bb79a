import { Segmented } from 'antd';
import { LOCALES, type Locale } from '../../../src/contracts/index.js';
import { LANGUAGE_NAMES, useT } from '../i18n';

export function LangSwitch() {
  const { locale, setLocale, t } = useT();
  return (
    <Segmented<Locale>
      data-testid="lang-switch"
      aria-label={t('lang.label')}
      size="small"
      value={locale}
      onChange={setLocale}
      options={LOCALES.map((value) => ({ value, label: <span data-testid={`lang-${value}`}>{LANGUAGE_NAMES[value]}</span> }))}
    />
  );
}
