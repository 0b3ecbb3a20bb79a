import { describe, expect, it } from 'vitest';
import {
  cockpitUrl,
  isPackPeriodStarted,
  lightsParamsFromSearch,
  lightsUrl,
  measuredMonthKey,
  monitoringParamsFromSearch,
  monitoringSearch,
  packQuarter,
  packsUrl,
  ratioPercent,
  shareOf,
  warningsUrl,
  yearOptions,
} from './monitoring-query';

const search = (text: string) => new URLSearchParams(text);

describe(monitoringParamsFromSearch.name, () => {
  it('reads year, as-of date and unit', () => {
    expect(monitoringParamsFromSearch(search('year=2022&asOf=2022-09-30&unitId=7'))).toEqual({ year: 2022, asOf: '2022-09-30', unitId: 7 });
  });

  it('leaves out what the API would refuse', () => {
    expect(monitoringParamsFromSearch(search('year=22&asOf=2022-13-01&unitId=-3'))).toEqual({});
    expect(monitoringParamsFromSearch(search('year=1999&unitId=abc'))).toEqual({});
    expect(monitoringParamsFromSearch(search(''))).toEqual({});
  });

  it('takes the year from a date alone and drops a date of another year', () => {
    expect(monitoringParamsFromSearch(search('asOf=2021-06-30'))).toEqual({ year: 2021, asOf: '2021-06-30' });
    expect(monitoringParamsFromSearch(search('year=2022&asOf=2021-06-30'))).toEqual({ year: 2022 });
  });
});

describe(lightsParamsFromSearch.name, () => {
  it('adds the light and the page, with defaults', () => {
    expect(lightsParamsFromSearch(search('year=2022&light=red&page=3&pageSize=50'))).toEqual({
      year: 2022,
      light: 'red',
      page: 3,
      pageSize: 50,
    });
    expect(lightsParamsFromSearch(search('light=purple&page=0&pageSize=100000'))).toEqual({ page: 1, pageSize: 20 });
  });

  it('reads the 红黄榜 filter and writes it back', () => {
    const params = lightsParamsFromSearch(search('year=2022&honour=yellow'));
    expect(params).toEqual({ year: 2022, honour: 'yellow', page: 1, pageSize: 20 });
    expect(monitoringSearch(params).toString()).toBe('year=2022&honour=yellow');
    expect(lightsParamsFromSearch(search('honour=green'))).toEqual({ page: 1, pageSize: 20 });
  });
});

describe(monitoringSearch.name, () => {
  it('writes only what is set, without the first page or the default size', () => {
    expect(monitoringSearch({ year: 2022, page: 1, pageSize: 20 }).toString()).toBe('year=2022');
    expect(monitoringSearch({ year: 2022, asOf: '2022-06-30', unitId: 5, light: 'yellow', page: 2, pageSize: 50 }).toString()).toBe(
      'year=2022&asOf=2022-06-30&unitId=5&light=yellow&page=2&pageSize=50',
    );
  });

  it('round-trips through the parser', () => {
    const params = { year: 2022, asOf: '2022-06-30', unitId: 5, light: 'green' as const, page: 4, pageSize: 50 };
    expect(lightsParamsFromSearch(monitoringSearch(params))).toEqual(params);
  });
});

describe('drill-down URLs', () => {
  const base = { year: 2022, asOf: '2022-09-30' };

  it('open the lights of a unit, of one light, from the first page', () => {
    expect(lightsUrl({ ...base, unitId: 12 })).toBe('/monitoring/lights?year=2022&asOf=2022-09-30&unitId=12');
    expect(lightsUrl({ year: 2022, light: 'red' })).toBe('/monitoring/lights?year=2022&light=red');
  });

  it('open the cockpit of a unit, the warnings and the packs', () => {
    expect(cockpitUrl({ ...base, unitId: 3 })).toBe('/cockpit?year=2022&asOf=2022-09-30&unitId=3');
    expect(cockpitUrl({})).toBe('/cockpit');
    expect(warningsUrl(base)).toBe('/monitoring/warnings?year=2022&asOf=2022-09-30');
    expect(packsUrl({ year: 2022, unitId: 4 })).toBe('/monitoring/packs?year=2022&unitId=4');
  });
});

describe(yearOptions.name, () => {
  it('offers next year down to a decade back, and the year shown when older', () => {
    const years = yearOptions(2026);
    expect(years[0]).toBe(2027);
    expect(years.at(-1)).toBe(2017);
    expect(yearOptions(2026, 2010).at(-1)).toBe(2010);
    expect(yearOptions(2026, 2022).filter((y) => y === 2022)).toHaveLength(1);
  });
});

describe(measuredMonthKey.name, () => {
  it('is the month counted up to, none before January is over', () => {
    expect(measuredMonthKey(2022, 9)).toBe('2022-09');
    expect(measuredMonthKey(2022, 12)).toBe('2022-12');
    expect(measuredMonthKey(2026, 0)).toBeNull();
  });
});

describe(packQuarter.name, () => {
  it('is the quarter of a review, none for the annual assessment', () => {
    expect(packQuarter('Q3')).toBe(3);
    expect(packQuarter('annual')).toBeUndefined();
  });
});

describe(isPackPeriodStarted.name, () => {
  it('refuses periods that have not begun', () => {
    expect(isPackPeriodStarted(2026, 'Q4', '2026-11-30')).toBe(true);
    expect(isPackPeriodStarted(2026, 'Q4', '2026-09-30')).toBe(false);
    expect(isPackPeriodStarted(2027, 'annual', '2026-11-30')).toBe(false);
    expect(isPackPeriodStarted(2022, 'annual', '2026-11-30')).toBe(true);
  });
});

describe(shareOf.name, () => {
  it('divides exact amounts as a rate, none without a whole', () => {
    expect(shareOf('10311361.6', '11000000')).toBeCloseTo(0.93739, 5);
    expect(shareOf('1', '3')).toBe(0.33333);
    expect(shareOf('5', '0')).toBeNull();
  });
});

describe(ratioPercent.name, () => {
  it('caps the progress between 0 and 100', () => {
    expect(ratioPercent(0.9374)).toBe(93.7);
    expect(ratioPercent(1.4)).toBe(100);
    expect(ratioPercent(null)).toBe(0);
  });
});
