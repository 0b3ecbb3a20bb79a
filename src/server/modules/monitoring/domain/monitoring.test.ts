import { describe, expect, it } from 'vitest';
import { DEFAULT_PROFILE, forecastYearEnd, learnProfile, scaleMoney, trajectory } from './forecast.js';
import { aggregateLight, honourListOf, planDueBy, projectLight } from './lights.js';

const flat = Array(12).fill('100');

describe(planDueBy.name, () => {
  it('sums the monthly schedule, or scales the annual plan by the seasonal profile', () => {
    expect(planDueBy({ plannedInvestment: '1200', monthly: flat }, 3)).toBe('300');
    expect(planDueBy({ plannedInvestment: '1200', monthly: null }, 6)).toBe('576');
    expect(planDueBy({ plannedInvestment: '1200', monthly: null }, 12)).toBe('1200');
    expect(planDueBy({ plannedInvestment: '1200', monthly: null }, 0)).toBe('0');
  });
});

describe(projectLight.name, () => {
  const base = { milestones: [] };
  it('is green at 90 % of the plan due, yellow from 70 %, red below', () => {
    expect(projectLight({ ...base, ytd: '90', dueByNow: '100' }, '2022-06-30').light).toBe('green');
    expect(projectLight({ ...base, ytd: '89.99', dueByNow: '100' }, '2022-06-30').light).toBe('yellow');
    expect(projectLight({ ...base, ytd: '70', dueByNow: '100' }, '2022-06-30').light).toBe('yellow');
    expect(projectLight({ ...base, ytd: '69', dueByNow: '100' }, '2022-06-30')).toMatchObject({
      light: 'red',
      ratio: 0.69,
      reasons: [{ key: 'light.behindPlan', params: { percent: 69 } }],
    });
  });
  it('turns red when a milestone is more than 30 days overdue, or a problem is past its deadline', () => {
    const late = projectLight(
      { ytd: '100', dueByNow: '100', milestones: [{ kind: 'start', plannedOn: '2022-05-01', actualOn: null }] },
      '2022-06-01',
    );
    expect(late).toMatchObject({ light: 'red', reasons: [{ key: 'light.milestoneOverdue', params: { milestone: 'start', days: 31 } }] });
    expect(
      projectLight({ ytd: '100', dueByNow: '100', milestones: [{ kind: 'start', plannedOn: '2022-05-01', actualOn: null }] }, '2022-05-31')
        .light,
    ).toBe('green');
    expect(projectLight({ ytd: '100', dueByNow: '100', milestones: [], overdueProblems: 2 }, '2022-05-31').light).toBe('red');
    expect(projectLight({ ytd: '0', dueByNow: null, milestones: [] }, '2022-05-31').light).toBe('none');
  });
  it('follows configured thresholds', () => {
    expect(
      projectLight({ ytd: '85', dueByNow: '100', milestones: [] }, '2022-06-30', { green: 0.8, yellow: 0.5, milestoneOverdueDays: 10 })
        .light,
    ).toBe('green');
  });
});

describe(aggregateLight.name, () => {
  it('applies the thresholds to sums', () => {
    expect(aggregateLight('950', '1000')).toEqual({ light: 'green', ratio: 0.95 });
    expect(aggregateLight('0', '0')).toEqual({ light: 'none', ratio: null });
  });
});

describe('forecast', () => {
  it('scales money by a share exactly', () => {
    expect(scaleMoney('1100000', 0.48)).toBe('528000');
    expect(scaleMoney('0.0001', 0.5)).toBe('0.0001');
  });
  it('learns the cumulative profile from past years, weighted by size, and falls back to the default', () => {
    const profile = learnProfile([{ monthly: flat }, { monthly: ['0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '300'] }]);
    // 1200 flat + 300 all in December: by June (600 + 0) / 1500 = 0.4.
    expect(profile[5]).toBeCloseTo(0.4, 6);
    expect(profile[11]).toBe(1);
    expect(learnProfile([])).toBe(DEFAULT_PROFILE);
    expect(learnProfile([{ monthly: Array(12).fill('0') }])).toBe(DEFAULT_PROFILE);
  });
  it('forecasts the year end from the year to date and the profile', () => {
    expect(forecastYearEnd('528000', 6, DEFAULT_PROFILE)).toBe('1100000');
    expect(forecastYearEnd('1000', 12)).toBe('1000');
  });
  it('property: the profile learnt is non-decreasing and ends at 1', () => {
    let seed = 5;
    const rnd = () => {
      seed = (seed * 16_807) % 2_147_483_647;
      return seed / 2_147_483_647;
    };
    for (let round = 0; round < 50; round++) {
      const years = Array.from({ length: 1 + Math.floor(rnd() * 5) }, () => ({
        monthly: Array.from({ length: 12 }, () => String(Math.floor(rnd() * 1000))),
      }));
      const profile = learnProfile(years);
      for (let i = 1; i < 12; i++) expect(profile[i]!).toBeGreaterThanOrEqual(profile[i - 1]!);
      expect(profile[11]).toBeCloseTo(1, 6);
    }
  });
  it('draws plan, actual and forecast trajectories that meet at today and the year end', () => {
    const path = trajectory({
      plan: '1200',
      planMonthly: flat,
      actualMonthly: ['50', '50', '100', null, null, null, null, null, null, null, null, null],
      month: 3,
      profile: DEFAULT_PROFILE,
    });
    expect(path.planCumulative[2]).toBe('300');
    expect(path.actualCumulative.slice(0, 4)).toEqual(['50', '100', '200', null]);
    expect(path.yearEnd).toBe('1000');
    expect(path.forecastCumulative[2]).toBe('200');
    expect(path.forecastCumulative[11]).toBe('1000');
    expect(path.forecastCumulative[0]).toBeNull();
  });
});

describe(honourListOf.name, () => {
  it('puts green projects at or above the red-list line on the red list, red-light ones on the yellow list', () => {
    expect(honourListOf({ light: 'green', ratio: 1.2 }, 1)).toBe('red');
    expect(honourListOf({ light: 'green', ratio: 1 }, 1)).toBe('red');
    expect(honourListOf({ light: 'green', ratio: 0.95 }, 1)).toBeNull();
    expect(honourListOf({ light: 'yellow', ratio: 0.8 }, 1)).toBeNull();
    expect(honourListOf({ light: 'red', ratio: 0.3 }, 1)).toBe('yellow');
    expect(honourListOf({ light: 'none', ratio: null }, 1)).toBeNull();
  });

  it('never praises a project a milestone or a problem made red, however far ahead its money', () => {
    const base = { dueByNow: '100', milestones: [{ kind: 'start', plannedOn: '2022-01-10', actualOn: null }] };
    const state = projectLight({ ...base, ytd: '500' }, '2022-06-30');
    expect(state.light).toBe('red');
    expect(honourListOf(state, 1)).toBe('yellow');
  });
});
