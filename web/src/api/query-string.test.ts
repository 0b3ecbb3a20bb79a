import { describe, expect, it } from 'vitest';
import { toQueryString } from './query-string';

describe(toQueryString.name, () => {
  it('drops empty values and encodes the rest', () => {
    expect(toQueryString({ q: ' 衡阳 ', kind: undefined, parentId: 3, isActive: false, empty: '', none: null, page: 1 })).toBe(
      `?q=${encodeURIComponent('衡阳')}&parentId=3&isActive=false&page=1`,
    );
  });

  it('is empty without parameters', () => {
    expect(toQueryString(undefined)).toBe('');
    expect(toQueryString({ q: '  ' })).toBe('');
  });

  it('keeps the offset of ISO times intact', () => {
    expect(toQueryString({ from: '2026-01-01T00:00:00+08:00' })).toBe('?from=2026-01-01T00%3A00%3A00%2B08%3A00');
  });
});
