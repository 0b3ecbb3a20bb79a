import { describe, expect, it } from 'vitest';
import { CreateEnterpriseSchema, CreateUnitSchema, UsccSchema, usccCheckCharacter } from '../../../src/contracts/index.js';
import { ApiError } from '../api/client';
import { blankToNull, blankToUndefined, parseForm, schemaRule } from './zod-form';

function fieldsOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return { code: error.code, fields: error.fields };
    throw error;
  }
  throw new Error('expected a validation error');
}

describe(parseForm.name, () => {
  it('returns the parsed payload (the schema normalises the credit code)', () => {
    const prefix = '91430400MA4L2B3C0';
    const code = `${prefix}${usccCheckCharacter(prefix)}`;
    const parsed = parseForm(CreateEnterpriseSchema, { uscc: ` ${code.toLowerCase()} `, name: 'A', unitId: 3 }, 'zh-CN');
    expect(parsed).toEqual({ uscc: code, name: 'A', unitId: 3 });
  });

  it('throws the same ApiError a server refusal would, with translated field messages', () => {
    const result = fieldsOf(() => parseForm(CreateUnitSchema, { parentId: 1, kind: 'district', code: '12', nameZh: 'x' }, 'en-US'));
    expect(result.code).toBe('VALIDATION_FAILED');
    expect(result.fields).toEqual([{ path: 'code', message: 'A division code has 6 digits' }]);
  });

  it('reports an empty field as required, whatever the schema says about its type', () => {
    const result = fieldsOf(() => parseForm(CreateUnitSchema, { parentId: undefined, kind: 'district', nameZh: '' }, 'zh-CN'));
    expect(result.fields).toEqual([
      { path: 'parentId', message: '必填' },
      { path: 'nameZh', message: '必填' },
    ]);
  });

  it('uses the contract message for a bad credit code', () => {
    const result = fieldsOf(() => parseForm(CreateEnterpriseSchema, { uscc: '914304000000000000', name: 'A', unitId: 1 }, 'zh-CN'));
    expect(result.fields[0]?.path).toBe('uscc');
    expect(result.fields[0]?.message).toContain('统一社会信用代码无效');
  });
});

describe(schemaRule.name, () => {
  it('passes empty and valid values and rejects invalid ones with the translated message', async () => {
    const rule = schemaRule(UsccSchema, 'en-US');
    await expect(rule.validator(null, '')).resolves.toBeUndefined();
    await expect(rule.validator(null, 'nonsense')).rejects.toThrow('Invalid Unified Social Credit Code');
  });
});

describe('blank helpers', () => {
  it('turn empty input into null or undefined', () => {
    expect(blankToNull('  ')).toBeNull();
    expect(blankToNull('a')).toBe('a');
    expect(blankToUndefined('')).toBeUndefined();
    expect(blankToUndefined(0)).toBe(0);
  });
});
