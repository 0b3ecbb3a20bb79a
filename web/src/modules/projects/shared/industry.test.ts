import { describe, expect, it } from 'vitest';
import type { Industries } from '../../../../../src/contracts/index.js';
import { industryLabel, industryOptions } from './industry';

const INDUSTRIES: Industries = {
  sections: [
    { code: 'C', nameZh: '制造业', nameEn: 'Manufacturing', from: 13, to: 14 },
    { code: 'E', nameZh: '建筑业', nameEn: 'Construction', from: 47, to: 47 },
  ],
  divisions: [
    { code: '13', section: 'C', nameZh: '农副食品加工业', nameEn: 'Agri-food processing' },
    { code: '14', section: 'C', nameZh: '食品制造业', nameEn: 'Food manufacturing' },
    { code: '47', section: 'E', nameZh: null, nameEn: null },
  ],
};

describe(industryLabel.name, () => {
  it('names sections and divisions code first, in the UI language', () => {
    expect(industryLabel('C', INDUSTRIES, 'zh-CN')).toBe('C 制造业');
    expect(industryLabel('13', INDUSTRIES, 'zh-CN')).toBe('13 农副食品加工业');
    expect(industryLabel('13', INDUSTRIES, 'en-US')).toBe('13 Agri-food processing');
    expect(industryLabel('47', INDUSTRIES, 'zh-CN')).toBe('47 (E 建筑业)');
  });

  it('falls back to the code', () => {
    expect(industryLabel('26', undefined, 'zh-CN')).toBe('26');
    expect(industryLabel('99', INDUSTRIES, 'zh-CN')).toBe('99');
  });
});

describe(industryOptions.name, () => {
  it('groups divisions under their section, the section itself first', () => {
    const groups = industryOptions(INDUSTRIES, 'zh-CN', '(all)');
    expect(groups.map((g) => g.label)).toEqual(['C 制造业', 'E 建筑业']);
    expect(groups[0]?.options.map((o) => o.value)).toEqual(['C', '13', '14']);
    expect(groups[0]?.options[0]?.label).toBe('C 制造业 (all)');
  });
});
