import type { Locale } from '../../../src/contracts/index.js';
import { enUS } from './en-US';
import { type UiKey, zhCN } from './zh-CN';

export type { UiKey };
export type UiParams = Record<string, string | number>;

export const DICTIONARIES: Record<Locale, Record<UiKey, string>> = { 'zh-CN': zhCN, 'en-US': enUS };

/** Names of the languages, each written in itself (never translated). */
export const LANGUAGE_NAMES: Record<Locale, string> = { 'zh-CN': '中文', 'en-US': 'English' };

export function isUiKey(value: string): value is UiKey {
  return Object.hasOwn(zhCN, value);
}

/** Look a key up and substitute `{name}` placeholders; an unknown placeholder stays visible. */
export function translateUi(locale: Locale, key: UiKey, params?: UiParams): string {
  const template = DICTIONARIES[locale][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** For open sets coming from the server (audit actions, target types): the translation, or undefined. */
export function translateOptional(locale: Locale, key: string, params?: UiParams): string | undefined {
  return isUiKey(key) ? translateUi(locale, key, params) : undefined;
}

/** The `{name}` placeholders of a template, sorted, for the completeness test. */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
}
