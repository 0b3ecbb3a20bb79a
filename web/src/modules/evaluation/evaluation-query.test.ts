import { describe, expect, it } from 'vitest';
import { addDays, classColor, pickRun, registerFilterFromForm, resultFilterFromForm, runActions, yearOptions } from './evaluation-query';

describe(registerFilterFromForm.name, () => {
  it('keeps what was chosen and drops blanks and nonsense', () => {
    expect(registerFilterFromForm({})).toEqual({});
    expect(registerFilterFromForm({ q: '  示例 ', unitId: 4, parkId: '9', industryCode: '32', scale: 'above', flag: 'utility' })).toEqual({
      q: '示例',
      unitId: 4,
      parkId: 9,
      industryCode: '32',
      scale: 'above',
      flag: 'utility',
    });
    expect(registerFilterFromForm({ q: '  ', unitId: -1, parkId: 'x', scale: 'huge', flag: 'Bad flag', industryCode: '' })).toEqual({});
  });
});

describe(resultFilterFromForm.name, () => {
  it('reads the class, status and the missing-data choice', () => {
    expect(resultFilterFromForm({ class: 'A', status: 'classed', hasMissingData: 'true', q: 'x' })).toEqual({
      class: 'A',
      status: 'classed',
      hasMissingData: true,
      q: 'x',
    });
    expect(resultFilterFromForm({ hasMissingData: 'false' })).toEqual({ hasMissingData: false });
    expect(resultFilterFromForm({ class: 'a', status: 'other', hasMissingData: undefined })).toEqual({});
  });
});

describe(pickRun.name, () => {
  const runs = [
    { id: 3, year: 2021, runNo: 2 },
    { id: 7, year: 2022, runNo: 1 },
    { id: 9, year: 2022, runNo: 2 },
    { id: 2, year: 2021, runNo: 1 },
  ];
  it('takes the run asked for, else the newest version of the latest year', () => {
    expect(pickRun(runs, 3)?.id).toBe(3);
    expect(pickRun(runs, undefined)?.id).toBe(9);
    expect(pickRun(runs, 999)?.id).toBe(9);
    expect(pickRun([], 1)).toBeUndefined();
  });
});

describe(addDays.name, () => {
  it('adds calendar days across months and years', () => {
    expect(addDays('2023-03-31', 14)).toBe('2023-04-14');
    expect(addDays('2022-12-25', 10)).toBe('2023-01-04');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
  });
});

describe(runActions.name, () => {
  it('publishes drafts, takes objections until the deadline, finalises after it', () => {
    expect(runActions({ status: 'draft', objectionDeadline: null }, '2023-04-01')).toEqual({
      canPublish: true,
      canFinalize: false,
      canObject: false,
    });
    const published = { status: 'published' as const, objectionDeadline: '2023-04-14' };
    expect(runActions(published, '2023-04-14')).toEqual({ canPublish: false, canFinalize: false, canObject: true });
    expect(runActions(published, '2023-04-15')).toEqual({ canPublish: false, canFinalize: true, canObject: false });
    expect(runActions({ status: 'final', objectionDeadline: '2023-04-14' }, '2023-05-01').canObject).toBe(false);
  });
});

describe('labels', () => {
  it('offers years newest first and colours the usual classes', () => {
    expect(yearOptions(2023, 2020)).toEqual([2023, 2022, 2021, 2020]);
    expect(classColor('A')).toBe('green');
    expect(classColor('D')).toBe('red');
    expect(classColor('T')).toBe('default');
    expect(classColor(null)).toBe('default');
  });
});
