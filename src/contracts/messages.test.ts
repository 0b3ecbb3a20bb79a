import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LoginRequestSchema } from './auth.js';
import { CreateUnitSchema } from './org.js';
import { negotiateLocale, translate } from './messages.js';
import { formatIssues } from './validation.js';

describe(negotiateLocale.name, () => {
  it.each([
    [undefined, 'zh-CN'],
    ['', 'zh-CN'],
    ['en-US,en;q=0.9', 'en-US'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['fr-FR, en;q=0.5', 'en-US'],
    ['en;q=0.2, zh-TW;q=0.8', 'zh-CN'],
    ['de', 'zh-CN'],
  ] as const)('%s → %s', (header, locale) => {
    expect(negotiateLocale(header)).toBe(locale);
  });
});

describe(translate.name, () => {
  it('substitutes parameters in both languages', () => {
    expect(translate('zh-CN', 'password.tooShort', { min: 8 })).toBe('密码至少 8 位');
    expect(translate('en-US', 'password.tooShort', { min: 8 })).toBe('Password needs at least 8 characters');
  });
});

describe(formatIssues.name, () => {
  it('gives one field error per problem, in the chosen language, unknown keys by name', () => {
    const result = CreateUnitSchema.safeParse({ parentId: 'x', kind: 'city', code: '12', nameZh: '', extra: 1 });
    expect(result.success).toBe(false);
    const zh = formatIssues(result.error!.issues, 'zh-CN');
    const byPath = Object.fromEntries(zh.map((f) => [f.path, f.message]));
    expect(byPath).toMatchObject({
      parentId: '格式不正确',
      kind: '取值不在允许范围内',
      code: '行政区划代码应为 6 位数字',
      nameZh: '必填',
      extra: '不允许的字段：extra',
    });
    const en = formatIssues(result.error!.issues, 'en-US');
    expect(en.find((f) => f.path === 'code')?.message).toBe('A division code has 6 digits');
  });

  it('reports a missing field as required', () => {
    const result = LoginRequestSchema.safeParse({ username: 'a' });
    expect(formatIssues(result.error!.issues, 'en-US')).toEqual([{ path: 'password', message: 'Required' }]);
  });

  it('reports string length limits with the number', () => {
    const result = z.object({ name: z.string().max(3) }).safeParse({ name: 'abcdef' });
    expect(formatIssues(result.error!.issues, 'zh-CN')[0]?.message).toBe('最多 3 个字符');
  });
});
