import { createContext } from 'react';
import type { Locale } from '../../../src/contracts/index.js';
import type { UiKey, UiParams } from './translate';

export interface I18n {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  /** Translate a UI key. */
  t: (key: UiKey, params?: UiParams) => string;
  /** Translate a key built from server data (audit action, target type); falls back to the raw value. */
  tOr: (key: string, fallback: string, params?: UiParams) => string;
}

/**
 * Kept in a module with no runtime imports but React, so that editing the contracts or the
 * dictionaries during development (hot reload) never creates a second context object.
 */
export const I18nContext = createContext<I18n | null>(null);
