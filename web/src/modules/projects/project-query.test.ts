import { describe, expect, it } from 'vitest';
import { projectParamsFromSearch, projectSearchFromParams } from './project-query';

describe(projectParamsFromSearch.name, () => {
  it('reads every filter, the order and the page from the URL', () => {
    const params = projectParamsFromSearch(
      new URLSearchParams(
        'q=%E8%A1%A1%E9%98%B3&unitId=7&parkId=9&industryCode=39&industryChain=electronics&level=city&category=industrial&kind=new&stage=under_construction&leaderId=3&page=4&pageSize=50&sort=-totalInvestment',
      ),
    );
    expect(params).toEqual({
      filter: {
        q: '衡阳',
        unitId: 7,
        parkId: 9,
        industryCode: '39',
        industryChain: 'electronics',
        level: 'city',
        category: 'industrial',
        kind: 'new',
        stage: 'under_construction',
        leaderId: 3,
      },
      page: 4,
      pageSize: 50,
      sort: '-totalInvestment',
    });
  });

  it('leaves out what the API would refuse and falls back to the defaults', () => {
    const params = projectParamsFromSearch(
      new URLSearchParams(
        'unitId=abc&parkId=0&industryCode=1234&level=national&stage=flying&leaderId=-2&page=-1&pageSize=100000&sort=-name',
      ),
    );
    expect(params).toEqual({ filter: {}, page: 1, pageSize: 20, sort: '-updatedAt' });
  });
});

describe(projectSearchFromParams.name, () => {
  it('writes only what differs from the defaults, and reads back the same list', () => {
    const state = {
      filter: { stage: 'completed' as const, q: '', unitId: 12 },
      page: 3,
      pageSize: 20,
      sort: '-updatedAt' as const,
    };
    const search = projectSearchFromParams(state);
    expect(search.toString()).toBe('stage=completed&unitId=12&page=3');
    expect(projectParamsFromSearch(search)).toEqual({ ...state, filter: { stage: 'completed', unitId: 12 } });
    expect(projectSearchFromParams({ filter: {}, sort: 'name', page: 1, pageSize: 50 }).toString()).toBe('sort=name&pageSize=50');
  });
});
