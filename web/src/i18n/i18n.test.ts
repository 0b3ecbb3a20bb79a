import { describe, expect, it } from 'vitest';
import { ACTIONS, AUDIT_RESULTS, LOCALES, PARK_LEVELS, ROLES, type ScopeKind, UNIT_KINDS } from '../../../src/contracts/index.js';
import { enUS } from './en-US';
import { DICTIONARIES, placeholdersOf, translateOptional, translateUi } from './translate';
import { zhCN } from './zh-CN';

describe('dictionaries', () => {
  it('have the same keys in every language', () => {
    const zhKeys = Object.keys(zhCN).sort();
    for (const locale of LOCALES) expect(Object.keys(DICTIONARIES[locale]).sort()).toEqual(zhKeys);
  });

  it('have no empty strings', () => {
    for (const locale of LOCALES) {
      for (const [key, value] of Object.entries(DICTIONARIES[locale])) expect(value.trim(), `${locale} ${key}`).not.toBe('');
    }
  });

  it('use the same placeholders in every language', () => {
    for (const [key, template] of Object.entries(zhCN)) {
      expect(placeholdersOf(enUS[key as keyof typeof zhCN]), key).toEqual(placeholdersOf(template));
    }
  });

  it('name every role, action, unit kind, park level, scope kind and audit result the contracts define', () => {
    const scopeKinds: ScopeKind[] = ['city', 'subtree', 'enterprise'];
    const keys = [
      ...ROLES.map((v) => `role.${v}`),
      ...ACTIONS.map((v) => `action.${v}`),
      ...UNIT_KINDS.map((v) => `unitKind.${v}`),
      ...PARK_LEVELS.map((v) => `parkLevel.${v}`),
      ...scopeKinds.map((v) => `scopeKind.${v}`),
      ...AUDIT_RESULTS.map((v) => `auditResult.${v}`),
    ];
    for (const key of keys) expect(Object.hasOwn(zhCN, key), key).toBe(true);
  });

  it('really translate: English texts contain no Chinese except the bilingual demo banner', () => {
    for (const [key, value] of Object.entries(enUS)) {
      if (key === 'demo.banner') continue;
      expect(/[\u4e00-\u9fff]/.test(value), key).toBe(false);
    }
  });
});

describe(translateUi.name, () => {
  it('substitutes placeholders and leaves unknown ones visible', () => {
    expect(translateUi('zh-CN', 'common.total', { total: 12 })).toBe('共 12 条');
    expect(translateUi('en-US', 'common.total', { total: 12 })).toBe('12 in total');
    expect(translateUi('en-US', 'common.total')).toBe('{total} in total');
  });
});

describe(translateOptional.name, () => {
  it('translates known keys built from server data and reports unknown ones', () => {
    expect(translateOptional('en-US', 'auditAction.user.create')).toBe('Create user');
    expect(translateOptional('en-US', 'auditAction.something.new')).toBeUndefined();
  });
});

describe('components', () => {
  // Every UI text comes from the dictionaries; the product name 聚力 is the one literal allowed.
  const sources = import.meta.glob(['../**/*.ts', '../**/*.tsx', '!./**', '!../**/*.test.ts'], {
    query: '?raw',
    import: 'default',
    eager: true,
  }) as Record<string, string>;

  it('were found', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(10);
  });

  it('contain no hard-coded Chinese text or full-width punctuation', () => {
    for (const [file, source] of Object.entries(sources)) {
      const withoutComments = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
      // CJK ideographs, CJK punctuation (、。「」) and full-width forms (，；：（）).
      const chinese = withoutComments.replaceAll('聚力', '').match(/[\u4e00-\u9fff\u3001-\u303f\uff01-\uff5e]+/g) ?? [];
      expect(chinese, file).toEqual([]);
    }
  });
});
