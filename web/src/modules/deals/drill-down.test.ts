import { describe, expect, it } from 'vitest';
import { dealParamsFromSearch } from './deal-query';
import { funnelDrillFilter, funnelDrillUrl, funnelParamsFromSearch, funnelSearch } from './drill-down';

const QUERY = { cohortFrom: '2022-01-01', cohortTo: '2022-12-31', asOf: '2022-06-30', unitId: 7 };

describe(funnelDrillFilter.name, () => {
  it('drills a stage figure down to the cohort members that had reached it by the as-of date', () => {
    expect(funnelDrillFilter(QUERY, 'landed')).toEqual({
      unitId: 7,
      signedFrom: '2022-01-01',
      signedTo: '2022-06-30',
      reached: 'landed',
      asOf: '2022-06-30',
    });
  });

  it('drills the cohort, late filings and duplicates to new deals signed in the period up to the as-of date', () => {
    expect(funnelDrillFilter(QUERY, 'cohort')).toEqual({ unitId: 7, signedFrom: '2022-01-01', signedTo: '2022-06-30', kind: 'new' });
    expect(funnelDrillFilter({ ...QUERY, asOf: '2023-03-01' }, 'cohort').signedTo).toBe('2022-12-31');
    expect(funnelDrillFilter(QUERY, 'lateFilings')).toMatchObject({ kind: 'new', isLateFiling: true });
    expect(funnelDrillFilter(QUERY, 'duplicates')).toMatchObject({ kind: 'new', duplicateStatus: 'flagged' });
  });

  it('drills the amount attracted to what was signed since 1 January of the as-of year', () => {
    expect(funnelDrillFilter(QUERY, 'attracted')).toEqual({ unitId: 7, signedFrom: '2022-01-01', signedTo: '2022-06-30' });
  });

  it('drills the total without a unit', () => {
    const { unitId: _, ...total } = QUERY;
    expect(funnelDrillFilter(total, 'started')).not.toHaveProperty('unitId');
  });
});

describe(funnelDrillUrl.name, () => {
  it('gives a deal-list URL the list reads back to the same filter', () => {
    const url = funnelDrillUrl(QUERY, 'in_production');
    expect(url).toBe('/deals?unitId=7&signedFrom=2022-01-01&signedTo=2022-06-30&reached=in_production&asOf=2022-06-30');
    const search = new URLSearchParams(url.slice('/deals?'.length));
    expect(dealParamsFromSearch(search).filter).toEqual(funnelDrillFilter(QUERY, 'in_production'));
  });

  it("drills a unit's own row to its own filings only, and the URL keeps that", () => {
    const url = funnelDrillUrl(QUERY, 'cohort', true);
    expect(url).toBe('/deals?unitId=7&unitOnly=true&signedFrom=2022-01-01&signedTo=2022-06-30&kind=new');
    expect(dealParamsFromSearch(new URLSearchParams(url.slice('/deals?'.length))).filter).toEqual(funnelDrillFilter(QUERY, 'cohort', true));
  });
});

describe(funnelParamsFromSearch.name, () => {
  const now = new Date('2026-11-30T20:00:00Z'); // already 1 December in Hengyang
  it('defaults to this year up to today (Beijing time)', () => {
    expect(funnelParamsFromSearch(new URLSearchParams(), now)).toEqual({
      cohortFrom: '2026-01-01',
      cohortTo: '2026-12-01',
      asOf: '2026-12-01',
    });
  });

  it('reads the URL back, ignoring bad values and an end before the start', () => {
    expect(funnelParamsFromSearch(funnelSearch(QUERY), now)).toEqual(QUERY);
    expect(funnelParamsFromSearch(new URLSearchParams('asOf=2022-12-31&cohortTo=2021-01-01&unitId=x'), now)).toEqual({
      cohortFrom: '2022-01-01',
      cohortTo: '2022-01-01',
      asOf: '2022-12-31',
    });
  });
});
