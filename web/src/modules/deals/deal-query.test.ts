import { describe, expect, it } from 'vitest';
import { dealParamsFromSearch, dealSearchFromParams, dealsUrl } from './deal-query';

describe(dealParamsFromSearch.name, () => {
  it('reads every filter the list knows from the URL', () => {
    const params = dealParamsFromSearch(
      new URLSearchParams(
        'q=%E9%A1%B9%E7%9B%AE&unitId=7&stage=landed&kind=new&source=domestic&industryCode=C&signedFrom=2022-01-01&signedTo=2022-12-31&isLateFiling=true&duplicateStatus=flagged&page=3&pageSize=50&sort=-contractedAmount',
      ),
    );
    expect(params).toEqual({
      filter: {
        q: '项目',
        unitId: 7,
        stage: 'landed',
        kind: 'new',
        source: 'domestic',
        industryCode: 'C',
        signedFrom: '2022-01-01',
        signedTo: '2022-12-31',
        isLateFiling: true,
        duplicateStatus: 'flagged',
      },
      page: 3,
      pageSize: 50,
      sort: '-contractedAmount',
    });
  });

  it('leaves out what the API would refuse and falls back to the defaults', () => {
    const params = dealParamsFromSearch(
      new URLSearchParams('unitId=-1&stage=flying&signedFrom=2022-02-30&isLateFiling=maybe&page=0&pageSize=9999&sort=random'),
    );
    expect(params).toEqual({ filter: {}, page: 1, pageSize: 20, sort: '-signedOn' });
  });

  it('takes "own filings only" only together with a unit', () => {
    expect(dealParamsFromSearch(new URLSearchParams('unitOnly=true')).filter).toEqual({});
    expect(dealParamsFromSearch(new URLSearchParams('unitId=7&unitOnly=yes')).filter).toEqual({ unitId: 7 });
    expect(dealParamsFromSearch(new URLSearchParams('unitId=7&unitOnly=true')).filter).toEqual({ unitId: 7, unitOnly: true });
  });

  it('takes a stage reached only together with its as-of date', () => {
    expect(dealParamsFromSearch(new URLSearchParams('reached=landed')).filter).toEqual({});
    expect(dealParamsFromSearch(new URLSearchParams('asOf=2022-12-31')).filter).toEqual({});
    expect(dealParamsFromSearch(new URLSearchParams('reached=landed&asOf=2022-12-31')).filter).toEqual({
      reached: 'landed',
      asOf: '2022-12-31',
    });
  });
});

describe(dealSearchFromParams.name, () => {
  it('writes only what differs from the defaults and reads back the same', () => {
    const state = { filter: { unitId: 7, isLateFiling: false, q: '' }, page: 2, pageSize: 20, sort: '-signedOn' as const };
    const search = dealSearchFromParams(state);
    expect(search.toString()).toBe('unitId=7&isLateFiling=false&page=2');
    expect(dealParamsFromSearch(search)).toEqual({ ...state, filter: { unitId: 7, isLateFiling: false } });
  });
});

describe(dealsUrl.name, () => {
  it('is the bare list without filters', () => {
    expect(dealsUrl({})).toBe('/deals');
    expect(dealsUrl({ stage: 'signed' })).toBe('/deals?stage=signed');
  });
});
