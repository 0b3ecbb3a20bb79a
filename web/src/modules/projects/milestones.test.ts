import { describe, expect, it } from 'vitest';
import { milestoneViews } from './milestones';

describe(milestoneViews.name, () => {
  const views = milestoneViews(
    [
      { kind: 'start', plannedOn: '2022-02-26', actualOn: '2022-02-18' },
      { kind: 'filing', plannedOn: '2021-03-14', actualOn: '2021-03-21' },
      { kind: 'completion', plannedOn: '2024-02-26', actualOn: null },
      { kind: 'production', plannedOn: '2027-01-01', actualOn: null },
    ],
    '2024-03-01',
  );

  it('lists every kind in construction order', () => {
    expect(views.map((v) => v.kind)).toEqual(['filing', 'land', 'permits', 'start', 'topping_out', 'completion', 'production']);
  });

  it('tells done on time, done late, overdue, planned and unplanned apart', () => {
    expect(views.map((v) => [v.kind, v.status, v.daysLate])).toEqual([
      ['filing', 'doneLate', 7],
      ['land', 'unplanned', 0],
      ['permits', 'unplanned', 0],
      ['start', 'done', 0],
      ['topping_out', 'unplanned', 0],
      ['completion', 'overdue', 4],
      ['production', 'planned', 0],
    ]);
  });

  it('does not call a milestone planned for today overdue', () => {
    expect(milestoneViews([{ kind: 'land', plannedOn: '2024-03-01', actualOn: null }], '2024-03-01')[1]?.status).toBe('planned');
  });
});
