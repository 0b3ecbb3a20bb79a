import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../api/client';
import { fitFieldErrors, nearestKnownPath, numericNamePath, remapIndex, withNumericPaths } from './form-paths';

describe(numericNamePath.name, () => {
  it('turns index segments back into numbers', () => {
    expect(numericNamePath(['annualPlans', '0', 'monthly'])).toEqual(['annualPlans', 0, 'monthly']);
    expect(numericNamePath(['name'])).toEqual(['name']);
  });
});

describe(withNumericPaths.name, () => {
  it('sets errors on list rows by numeric index and leaves everything else as it was', () => {
    const calls: unknown[] = [];
    const form = { getFieldsError: () => [], setFields: (fields: unknown) => calls.push(fields), other: 1 };
    // biome-ignore lint/suspicious/noExplicitAny: a stand-in form
    const wrapped = withNumericPaths(form as any);
    wrapped.setFields([{ name: ['milestones', '1', 'actualOn'], errors: ['x'] }]);
    expect(calls).toEqual([[{ name: ['milestones', 1, 'actualOn'], errors: ['x'] }]]);
    expect(wrapped.other).toBe(1);
  });
});

describe(nearestKnownPath.name, () => {
  const known = new Set(['name', 'annualPlans.0.monthly', 'annualPlans.0.year']);
  it('keeps a known path, climbs to the nearest known ancestor, or gives up', () => {
    expect(nearestKnownPath('name', known)).toBe('name');
    expect(nearestKnownPath('annualPlans.0.monthly.3', known)).toBe('annualPlans.0.monthly');
    expect(nearestKnownPath('capitalSchedule.0.amount', known)).toBe('capitalSchedule.0.amount');
  });
});

describe(remapIndex.name, () => {
  it('maps submitted indexes to form rows', () => {
    const remap = remapIndex('milestones', [2, 5]);
    expect(remap('milestones.1.actualOn')).toBe('milestones.5.actualOn');
    expect(remap('milestones.0')).toBe('milestones.2');
    expect(remap('milestones.7.kind')).toBe('milestones.7.kind');
    expect(remap('annualPlans.1.year')).toBe('annualPlans.1.year');
  });
});

describe(fitFieldErrors.name, () => {
  it('rewrites the paths of field errors and keeps the rest of the error', () => {
    const error = new ApiError(400, 'VALIDATION_FAILED', 'bad', [
      { path: 'milestones.0.actualOn', message: 'future' },
      { path: 'annualPlans.0.monthly.11', message: 'money' },
    ]);
    const known = new Set(['milestones.3.actualOn', 'annualPlans.0.monthly']);
    const fitted = fitFieldErrors(error, known, remapIndex('milestones', [3])) as ApiError;
    expect(fitted.fields.map((f) => f.path)).toEqual(['milestones.3.actualOn', 'annualPlans.0.monthly']);
    expect(fitted.code).toBe('VALIDATION_FAILED');
    expect(fitted.message).toBe('bad');
    const other = new Error('x');
    expect(fitFieldErrors(other, known)).toBe(other);
  });
});
