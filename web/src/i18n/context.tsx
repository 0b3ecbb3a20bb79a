import { createContext, type ReactNode, useContext, useEffect, useMemo, useSyncExternalStore } from 'react';
import type { Locale } from '../../../src/contracts/index.js';
import { getLocale, setLocale, subscribeLocale } from './store';
import { translateOptional, translateUi, type UiKey, type UiParams } from './translate';

export interface I18n {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  /** Translate a UI key. */
  t: (key: UiKey, params?: UiParams) => string;
  /** Translate a key built from server data (audit action, target type); falls back to the raw value. */
  tOr: (key: string, fallback: string, params?: UiParams) => string;
}

const I18nContext = createContext<I18n | null>(null);

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
