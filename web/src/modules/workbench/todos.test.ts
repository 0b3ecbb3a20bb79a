import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../../src/contracts/index.js';
import { dealParamsFromSearch } from '../deals/deal-query';
import { listParamsFromSearch } from '../problems/problems';
import { caseFilterFromSearch, inspectionFilterFromSearch, tabFromSearch } from '../inspections/inspections';
import { listStateFromSearch } from '../observation/tour-form';
import { todosFor } from './todos';

const MONTH = '2026-11';

describe(todosFor.name, () => {
  it('gives the city operator what was raised, what is overdue city-wide, the month due and duplicates', () => {
    const todos = todosFor({ role: 'city_operator', scopeUnitId: null }, MONTH);
    expect(todos.map((todo) => [todo.key, todo.to])).toEqual([
      ['problemsToAssign', '/problems?status=raised'],
      ['appealsToRoute', '/appeals?status=raised'],
      ['problemsOverdue', '/problems?state=overdue'],
      ['appealsOverdue', '/appeals?state=overdue'],
      ['reportsMissing', '/reports/missing?month=2026-11'],
      ['dealsToSettle', '/deals?duplicateStatus=flagged'],
      ['toursToScore', '/observation?toScore=true'],
      ['competitionToPublish', '/competition'],
      ['inspectionCasesToClose', '/inspections?tab=cases&status=open'],
    ]);
  });

  it('gives a county what its own unit leads, what its units raised and are resolved, and its reports', () => {
    const todos = todosFor({ role: 'reporting_unit', scopeUnitId: 7 }, MONTH);
    expect(todos.map((todo) => [todo.key, todo.to])).toEqual([
      ['problemsToTake', '/problems?status=assigned&leadUnitId=7'],
      ['appealsToAccept', '/appeals?status=assigned&leadUnitId=7'],
      ['problemsOverdue', '/problems?state=overdue&leadUnitId=7'],
      ['appealsOverdue', '/appeals?state=overdue&leadUnitId=7'],
      ['problemsToConfirm', '/problems?status=resolved&unitId=7'],
      ['reportsMissing', '/reports/missing?month=2026-11'],
      ['toursToScore', '/observation?toScore=true'],
    ]);
  });

  it('gives a department what it leads and tours to judge, an enterprise only answers to rate, the leader tours to judge, the admins nothing', () => {
    expect(todosFor({ role: 'department', scopeUnitId: 9 }, MONTH).map((todo) => todo.key)).toEqual([
      'problemsToTake',
      'appealsToAccept',
      'problemsOverdue',
      'appealsOverdue',
      'toursToScore',
    ]);
    expect(todosFor({ role: 'city_leader', scopeUnitId: null }, MONTH).map((todo) => todo.key)).toEqual(['toursToScore']);
    expect(todosFor({ role: 'enterprise', scopeUnitId: null }, MONTH).map((todo) => [todo.key, todo.to])).toEqual([
      ['appealsToRate', '/appeals?status=resolved'],
      ['inspectionsToRate', '/inspections?rated=false'],
    ]);
    for (const role of ['system_admin', 'security_admin', 'audit_admin'] as const) {
      expect(todosFor({ role, scopeUnitId: null }, MONTH)).toEqual([]);
    }
  });

  it('opens each list with the very filter it was counted by', () => {
    const todos = [
      ...todosFor({ role: 'city_operator', scopeUnitId: null }, MONTH),
      ...todosFor({ role: 'reporting_unit', scopeUnitId: 7 }, MONTH),
      ...todosFor({ role: 'enterprise', scopeUnitId: null }, MONTH),
    ];
    for (const todo of todos) {
      const search = new URLSearchParams(todo.to.split('?')[1]);
      if (todo.source === 'deals') expect(dealParamsFromSearch(search).filter).toEqual(todo.filter);
      else if (todo.source === 'reports') expect(search.get('month')).toBe(todo.month);
      else if (todo.source === 'observation') expect(listStateFromSearch(search).toScore).toBe(true);
      // The schemes list, unfiltered: its rows show the periods to publish.
      else if (todo.source === 'competition') expect(todo.to).toBe('/competition');
      // The cases tab with the open ones (the count's status=open), the inspections not rated (rated=false).
      else if (todo.source === 'inspectionCases') {
        expect(tabFromSearch(search)).toBe('cases');
        expect(caseFilterFromSearch(search)).toEqual({ status: 'open' });
      } else if (todo.source === 'inspections') expect(inspectionFilterFromSearch(search)).toEqual({ rated: false });
      else expect(listParamsFromSearch(search)).toEqual({ ...todo.filter, page: 1, pageSize: LIMITS.pageSizeDefault });
    }
  });
});
