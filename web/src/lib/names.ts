import type { Locale, SessionUser } from '../../../src/contracts/index.js';

/** A name in the UI language: the English one when there is one and English is chosen. */
export function localName(nameZh: string, nameEn: string | null | undefined, locale: Locale): string {
  return locale === 'en-US' && nameEn ? nameEn : nameZh;
}

/** The user's jurisdiction as a name: enterprise, unit, or null for the whole city. */
export function scopeName(user: SessionUser, locale: Locale): string | null {
  if (user.scopeEnterpriseName) return user.scopeEnterpriseName;
  return user.scopeUnitName ? localName(user.scopeUnitName, user.scopeUnitNameEn, locale) : null;
}
