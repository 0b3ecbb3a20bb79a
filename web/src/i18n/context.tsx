import { type ReactNode, useContext, useEffect, useMemo, useSyncExternalStore } from 'react';
import { type I18n, I18nContext } from './i18n-context';
import { getLocale, setLocale, subscribeLocale } from './store';
import { translateOptional, translateUi } from './translate';

export type { I18n };

export function I18nProvider({ children }: { children: ReactNode }) {
  const locale = useSyncExternalStore(subscribeLocale, getLocale, getLocale);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const value = useMemo<I18n>(
    () => ({
      locale,
      setLocale,
      t: (key, params) => translateUi(locale, key, params),
      tOr: (key, fallback, params) => translateOptional(locale, key, params) ?? fallback,
    }),
    [locale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useT(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useT() outside <I18nProvider>');
  return value;
}
