import { describe, expect, it } from 'vitest';
import { localName, scopeName } from './names';

describe(localName.name, () => {
  it('uses the English name only in English and only when there is one', () => {
    expect(localName('衡阳市', 'Hengyang City', 'en-US')).toBe('Hengyang City');
    expect(localName('衡阳市', 'Hengyang City', 'zh-CN')).toBe('衡阳市');
    expect(localName('示例园区', null, 'en-US')).toBe('示例园区');
  });
});

describe(scopeName.name, () => {
  const user = { scopeEnterpriseName: null, scopeUnitName: '珠晖区', scopeUnitNameEn: 'Zhuhui District' };
  it('names the enterprise, else the unit in the UI language', () => {
    expect(scopeName(user as never, 'en-US')).toBe('Zhuhui District');
    expect(scopeName({ ...user, scopeEnterpriseName: '甲企业' } as never, 'en-US')).toBe('甲企业');
    expect(scopeName({ ...user, scopeUnitName: null } as never, 'zh-CN')).toBeNull();
  });
});
