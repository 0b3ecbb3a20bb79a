import { describe, expect, it } from 'vitest';
import { letterQueryFromSearch, letterSearchFromQuery } from './letter-query';

const TODAY = '2022-11-30';

describe(letterQueryFromSearch.name, () => {
  it('reads the filters and falls back to this year and today', () => {
    expect(letterQueryFromSearch(new URLSearchParams(''), TODAY)).toEqual({ year: 2022, asOf: TODAY });
    expect(letterQueryFromSearch(new URLSearchParams('year=2021&kind=safety&unitId=4&asOf=2021-12-31'), TODAY)).toEqual({
      year: 2021,
      kind: 'safety',
      unitId: 4,
      asOf: '2021-12-31',
    });
    expect(letterQueryFromSearch(new URLSearchParams('year=99&kind=x&unitId=-1&asOf=2021-13-01'), TODAY)).toEqual({
      year: 2022,
      asOf: TODAY,
    });
  });

  it('round-trips through the URL, leaving defaults out', () => {
    const query = { year: 2021, kind: 'investment' as const, unitId: 3, asOf: '2021-12-31' };
    const search = letterSearchFromQuery(query, TODAY);
    expect(letterQueryFromSearch(new URLSearchParams(search), TODAY)).toEqual(query);
    expect(letterSearchFromQuery({ year: 2022, asOf: TODAY }, TODAY)).toEqual({});
  });
});
