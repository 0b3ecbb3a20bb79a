export { I18nProvider, type I18n, useT } from './context';
export { getLocale, setLocale } from './store';
export { LANGUAGE_NAMES, translateUi, translateOptional, type UiKey, type UiParams } from './translate';
