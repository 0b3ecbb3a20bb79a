import { describe, expect, it } from 'vitest';
import { DEFAULT_OBSERVATION_CRITERIA, type Tour } from '../../../../src/contracts/index.js';
import { ApiError } from '../../api/client';
import {
  formValuesOf,
  listStateFromSearch,
  nextCriterionKey,
  parseTour,
  parseTourUpdate,
  percentOf,
  scoreRequest,
  searchFromListState,
  tourProgress,
  weightTotal,
  weightedTotal,
} from './tour-form';

const criteria = DEFAULT_OBSERVATION_CRITERIA.map((c) => ({ ...c }));
const valid = {
  title: ' 2026年第二季度现场观摩 ',
  year: 2026,
  quarter: 2,
  heldOn: '2026-05-20',
  criteria,
  projectIds: [12, 7],
  judgeUserIds: [1, 2],
};

function fieldsOf(run: () => unknown): Record<string, string> {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return Object.fromEntries((error as ApiError).fields.map((f) => [f.path, f.message]));
  }
  throw new Error('no error');
}

describe(nextCriterionKey.name, () => {
  it('takes the first cN no row uses', () => {
    expect(nextCriterionKey([])).toBe('c1');
    expect(nextCriterionKey(criteria)).toBe('c1');
    expect(nextCriterionKey([{ key: 'c1' }, { key: 'c3' }, undefined])).toBe('c2');
  });
});

describe(weightTotal.name, () => {
  it('adds the weights typed so far', () => {
    expect(weightTotal(criteria)).toBe(100);
    expect(weightTotal([{ weight: 10 }, { weight: null }, undefined, {}])).toBe(10);
    expect(weightTotal(undefined)).toBe(0);
  });
});

describe(weightedTotal.name, () => {
  it('is Σ weight × points ÷ Σ weight with two decimals, rounded half up', () => {
    expect(weightedTotal(criteria, { scale: 80, progress: 90, technology: 70, land: 60 })).toBe('77.00');
    expect(
      weightedTotal(
        [
          { key: 'a', weight: 1 },
          { key: 'b', weight: 2 },
        ],
        { a: 100, b: 0 },
      ),
    ).toBe('33.33');
    expect(
      weightedTotal(
        [
          { key: 'a', weight: 1 },
          { key: 'b', weight: 2 },
        ],
        { a: 0, b: 100 },
      ),
    ).toBe('66.67');
    // 84.125 exactly: half up, not the binary float's 84.12.
    expect(
      weightedTotal(
        [
          { key: 'a', weight: 7 },
          { key: 'b', weight: 1 },
        ],
        { a: 85, b: 78 },
      ),
    ).toBe('84.13');
    expect(weightedTotal(criteria, { scale: 100, progress: 100, technology: 100, land: 100 })).toBe('100.00');
    expect(weightedTotal(criteria, { scale: 0, progress: 0, technology: 0, land: 0 })).toBe('0.00');
  });

  it('is null until every criterion has its points', () => {
    expect(weightedTotal(criteria, { scale: 80, progress: 90, technology: 70 })).toBeNull();
    expect(weightedTotal(criteria, { scale: 80, progress: 90, technology: 70, land: null })).toBeNull();
    expect(weightedTotal(criteria, undefined)).toBeNull();
  });
});

describe(scoreRequest.name, () => {
  it('sends the points of the tour’s criteria and a trimmed note, blank as none', () => {
    expect(scoreRequest(criteria, { scale: 1, progress: 2, technology: 3, land: 4, other: 5 }, '  ')).toEqual({
      points: { scale: 1, progress: 2, technology: 3, land: 4 },
      note: null,
    });
    expect(scoreRequest(criteria, { scale: 1, progress: 2, technology: 3, land: 4 }, ' 亮点突出 ').note).toBe('亮点突出');
  });
});

describe(parseTour.name, () => {
  it('accepts a complete tour, trimmed, in the order of the route', () => {
    expect(parseTour(valid, 'zh-CN')).toEqual({ ...valid, title: '2026年第二季度现场观摩' });
    expect(parseTour({ ...valid, quarter: undefined }, 'zh-CN').quarter).toBeNull();
  });

  it('reports every empty field as required, in Chinese or English', () => {
    const zh = fieldsOf(() => parseTour({ criteria: [{ key: 'c1' }] }, 'zh-CN'));
    expect(zh).toMatchObject({
      title: '必填',
      year: '必填',
      heldOn: '必填',
      'criteria.0.nameZh': '必填',
      'criteria.0.nameEn': '必填',
      'criteria.0.weight': '必填',
      projectIds: '必填',
      judgeUserIds: '必填',
    });
    const en = fieldsOf(() => parseTour({ ...valid, title: '' }, 'en-US'));
    expect(en.title).toMatch(/required/i);
  });

  it('refuses out-of-range weights and no criteria', () => {
    expect(fieldsOf(() => parseTour({ ...valid, criteria: [{ ...criteria[0]!, weight: 101 }] }, 'zh-CN'))).toHaveProperty(
      'criteria.0.weight',
    );
    expect(fieldsOf(() => parseTour({ ...valid, criteria: [] }, 'zh-CN'))).toHaveProperty('criteria');
  });
});

describe(parseTourUpdate.name, () => {
  it('sends the whole draft with the version opened', () => {
    expect(parseTourUpdate(valid, 3, 'zh-CN')).toMatchObject({ version: 3, projectIds: [12, 7], judgeUserIds: [1, 2] });
  });
});

const tour = {
  id: 1,
  title: 'T',
  year: 2026,
  quarter: null,
  heldOn: '2026-05-20',
  status: 'draft',
  criteria,
  sites: [
    {
      projectId: 7,
      projectName: 'B',
      unitId: 2,
      unitName: 'U2',
      position: 1,
      scoredBy: 1,
      expectedBy: 2,
      myScore: null,
      recused: false,
      photos: [],
    },
    {
      projectId: 12,
      projectName: 'A',
      unitId: 1,
      unitName: 'U1',
      position: 0,
      scoredBy: 2,
      expectedBy: 2,
      myScore: null,
      recused: false,
      photos: [],
    },
  ],
  judges: [
    { userId: 1, displayName: 'J1', role: 'city_operator', scopeUnitId: null, scopeUnitName: null, scored: 2, toScore: 2 },
    { userId: 2, displayName: 'J2', role: 'city_leader', scopeUnitId: null, scopeUnitName: null, scored: 1, toScore: 2 },
  ],
  isJudge: false,
  canSeeResults: true,
  version: 4,
  openedAt: null,
  closedAt: null,
  createdAt: '',
  updatedAt: '',
} satisfies Tour;

describe(formValuesOf.name, () => {
  it('puts the sites back in the order of the route', () => {
    expect(formValuesOf(tour)).toMatchObject({ projectIds: [12, 7], judgeUserIds: [1, 2], quarter: null, heldOn: '2026-05-20' });
  });
});

describe(tourProgress.name, () => {
  it('adds up what every judge scored of what they have to', () => {
    expect(tourProgress(tour)).toEqual({ scored: 3, expected: 4 });
    expect(percentOf(3, 4)).toBe(75);
    expect(percentOf(0, 0)).toBe(0);
  });
});

describe(listStateFromSearch.name, () => {
  it('reads year, status and page from the URL and writes back only what differs from the defaults', () => {
    const state = listStateFromSearch(new URLSearchParams('year=2026&status=scoring&page=2'));
    expect(state).toEqual({ year: 2026, status: 'scoring', page: 2, pageSize: 20 });
    expect(searchFromListState(state)).toEqual({ year: '2026', status: 'scoring', page: '2' });
    expect(listStateFromSearch(new URLSearchParams('year=abc&status=nope&page=-1'))).toEqual({ page: 1, pageSize: 20 });
  });
});
