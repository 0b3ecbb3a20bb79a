import { type Action, type Role, scopeFor } from '../../../../src/contracts/index.js';
import type { DealFilter, ProblemFilter } from '../../api/endpoints';
import { dealsUrl } from '../deals/deal-query';
import { listSearch } from '../problems/problems';

/**
 * 待办事项: what waits for the signed-in user, each counted by the list it opens (so the number
 * on the workbench is the number of rows the clerk finds there).
 */
export type Todo =
  | { key: TodoKey; source: 'problems' | 'appeals'; filter: ProblemFilter; to: string }
  | { key: TodoKey; source: 'deals'; filter: DealFilter; to: string }
  | { key: TodoKey; source: 'reports'; month: string; to: string }
  | { key: TodoKey; source: 'observation'; to: string }
  | { key: TodoKey; source: 'competition'; to: string }
  | { key: TodoKey; source: 'inspections'; to: string }
  | { key: TodoKey; source: 'inspectionCases'; to: string };

export const TODO_KEYS = [
  'problemsToAssign',
  'appealsToRoute',
  'problemsToTake',
  'appealsToAccept',
  'problemsOverdue',
  'appealsOverdue',
  'problemsToConfirm',
  'appealsToRate',
  'reportsMissing',
  'dealsToSettle',
  'toursToScore',
  'competitionToPublish',
  'inspectionCasesToClose',
  'inspectionsToRate',
] as const;
export type TodoKey = (typeof TODO_KEYS)[number];

interface Who {
  role: Role;
  scopeUnitId: number | null;
}

function item(key: TodoKey, source: 'problems' | 'appeals', filter: ProblemFilter): Todo {
  return { key, source, filter, to: `/${source}${listSearch(filter)}` };
}

/**
 * The to-dos of a role: the city assigns and routes what was raised and settles duplicate
 * filings; a unit or department takes on and finishes what it leads (by its own unit, not
 * its whole subtree's items) and confirms what its units raised; an enterprise rates answers;
 * whoever submits reports sees the month that is due (`month`, the one before the current);
 * whoever may judge an observation tour sees the tours waiting for their scores; whoever runs
 * the competition sees the periods that are over and not yet published; the operator sees the
 * open inspection cases (扫码入企), an enterprise the inspections of it it has not rated.
 */
export function todosFor(who: Who, month: string): Todo[] {
  const reach = (action: Action) => scopeFor(who.role, action);
  const unit = who.scopeUnitId;
  const todos: Todo[] = [];
  if (reach('problem.assign')) todos.push(item('problemsToAssign', 'problems', { status: 'raised' }));
  if (reach('appeal.route')) todos.push(item('appealsToRoute', 'appeals', { status: 'raised' }));
  const leads = (action: Action) => reach(action) === 'subtree' && unit !== null;
  if (leads('problem.handle')) todos.push(item('problemsToTake', 'problems', { status: 'assigned', leadUnitId: unit! }));
  if (leads('appeal.handle')) todos.push(item('appealsToAccept', 'appeals', { status: 'assigned', leadUnitId: unit! }));
  if (reach('problem.handle') === 'city') todos.push(item('problemsOverdue', 'problems', { state: 'overdue' }));
  else if (leads('problem.handle')) todos.push(item('problemsOverdue', 'problems', { state: 'overdue', leadUnitId: unit! }));
  if (reach('appeal.handle') === 'city') todos.push(item('appealsOverdue', 'appeals', { state: 'overdue' }));
  else if (leads('appeal.handle')) todos.push(item('appealsOverdue', 'appeals', { state: 'overdue', leadUnitId: unit! }));
  if (leads('problem.raise')) todos.push(item('problemsToConfirm', 'problems', { status: 'resolved', unitId: unit! }));
  if (reach('appeal.raise')) todos.push(item('appealsToRate', 'appeals', { status: 'resolved' }));
  if (reach('report.submit')) todos.push({ key: 'reportsMissing', source: 'reports', month, to: `/reports/missing?month=${month}` });
  if (reach('deal.settle')) {
    const filter: DealFilter = { duplicateStatus: 'flagged' };
    todos.push({ key: 'dealsToSettle', source: 'deals', filter, to: dealsUrl(filter) });
  }
  if (reach('observation.score')) todos.push({ key: 'toursToScore', source: 'observation', to: '/observation?toScore=true' });
  if (reach('competition.manage')) todos.push({ key: 'competitionToPublish', source: 'competition', to: '/competition' });
  if (reach('inspection.manage'))
    todos.push({ key: 'inspectionCasesToClose', source: 'inspectionCases', to: '/inspections?tab=cases&status=open' });
  if (reach('inspection.rate')) todos.push({ key: 'inspectionsToRate', source: 'inspections', to: '/inspections?rated=false' });
  return todos;
}
