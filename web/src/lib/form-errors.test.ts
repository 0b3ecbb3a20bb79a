import { describe, expect, it } from 'vitest';
import { changedPaths } from './form-errors';

describe(changedPaths.name, () => {
  it('names a top-level field', () => {
    expect(changedPaths({ source: '通知' })).toEqual([['source']]);
  });

  it("names a list row's changed field by its index, skipping the rows reported as holes", () => {
    // What Ant Design reports when the second row's start date changes.
    const changed = { holidays: [undefined, { from: '2040-01-02' }] };
    expect(changedPaths(changed)).toEqual([['holidays'], ['holidays', 1], ['holidays', 1, 'from']]);
  });

  it('names a field of a nested section', () => {
    expect(changedPaths({ escalation: { unitAfter: 2 } })).toEqual([['escalation'], ['escalation', 'unitAfter']]);
  });

  it('takes a non-plain value (a date object) as one field', () => {
    const date = new Date('2026-01-01');
    expect(changedPaths({ year: date })).toEqual([['year']]);
  });
});
