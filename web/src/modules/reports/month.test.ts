import { describe, expect, it } from 'vitest';
import { addMonths, currentMonth, isSelectableMonth, monthFromSearch } from './month';

// 2022-12-31 17:00 UTC is already 2023-01-01 in Beijing.
const NEW_YEAR_IN_BEIJING = new Date('2022-12-31T17:00:00Z');

describe(currentMonth.name, () => {
  it('counts in Beijing time', () => {
    expect(currentMonth(NEW_YEAR_IN_BEIJING)).toBe('2023-01');
    expect(currentMonth(new Date('2022-12-31T15:59:00Z'))).toBe('2022-12');
  });
});

describe(addMonths.name, () => {
  it('steps across years both ways', () => {
    expect(addMonths('2022-12', 1)).toBe('2023-01');
    expect(addMonths('2022-01', -1)).toBe('2021-12');
    expect(addMonths('2022-05', -17)).toBe('2020-12');
    expect(addMonths('2022-05', 0)).toBe('2022-05');
  });
});

describe(monthFromSearch.name, () => {
  it('takes a valid past month from the URL, else last month', () => {
    expect(monthFromSearch('2022-06', NEW_YEAR_IN_BEIJING)).toBe('2022-06');
    expect(monthFromSearch('2023-01', NEW_YEAR_IN_BEIJING)).toBe('2023-01');
    expect(monthFromSearch('2023-02', NEW_YEAR_IN_BEIJING)).toBe('2022-12');
    expect(monthFromSearch('2022-13', NEW_YEAR_IN_BEIJING)).toBe('2022-12');
    expect(monthFromSearch('junk', NEW_YEAR_IN_BEIJING)).toBe('2022-12');
    expect(monthFromSearch(null, NEW_YEAR_IN_BEIJING)).toBe('2022-12');
  });
});

describe(isSelectableMonth.name, () => {
  it('allows the current month to report, only finished months to publish', () => {
    expect(isSelectableMonth('2023-01', { allowCurrent: true }, NEW_YEAR_IN_BEIJING)).toBe(true);
    expect(isSelectableMonth('2023-01', { allowCurrent: false }, NEW_YEAR_IN_BEIJING)).toBe(false);
    expect(isSelectableMonth('2022-12', { allowCurrent: false }, NEW_YEAR_IN_BEIJING)).toBe(true);
    expect(isSelectableMonth('2023-02', { allowCurrent: true }, NEW_YEAR_IN_BEIJING)).toBe(false);
  });
});
