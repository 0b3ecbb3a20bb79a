import type { Action } from '../../../src/contracts/index.js';
import type { UiKey } from '../i18n';

export type MenuIcon =
  | 'workbench'
  | 'units'
  | 'enterprises'
  | 'users'
  | 'audit'
  | 'system'
  | 'account'
  | 'reports'
  | 'missing'
  | 'funds'
  | 'boards'
  | 'commitments'
  | 'cockpit'
  | 'lights'
  | 'warnings'
  | 'packs'
  | 'dispatch'
  | 'problems'
  | 'problemMetrics'
  | 'appeals';

export interface MenuEntry {
  /** The route, also the menu item's key. */
  path: string;
  labelKey: UiKey;
  icon: MenuIcon;
  /** The permission the page needs; none means every signed-in user. */
  action?: Action;
  /**
   * A page the guard knows but the side menu leaves out: it is opened from elsewhere (the
   * scan page from an enterprise's QR code on the inspector's phone).
   */
  hidden?: boolean;
}

/** The one menu definition: the side menu and the route guards both read it. */
export const MENU: readonly MenuEntry[] = [
  { path: '/', labelKey: 'menu.workbench', icon: 'workbench' },
  // Lights and forecast: the cockpit first (a leader's first stop), then the rows behind its numbers.
  { path: '/cockpit', labelKey: 'menu.cockpit', icon: 'cockpit', action: 'monitor.read' },
  { path: '/monitoring/lights', labelKey: 'menu.lights', icon: 'lights', action: 'monitor.read' },
  { path: '/monitoring/warnings', labelKey: 'menu.warnings', icon: 'warnings', action: 'monitor.read' },
  { path: '/monitoring/packs', labelKey: 'menu.packs', icon: 'packs', action: 'monitor.read' },
  // The registry and the deals reuse the shell's icons until AppLayout has their own.
  { path: '/projects', labelKey: 'menu.projects', icon: 'enterprises', action: 'project.read' },
  { path: '/deals', labelKey: 'menu.deals', icon: 'audit', action: 'deal.read' },
  { path: '/deals/funnel', labelKey: 'menu.funnel', icon: 'workbench', action: 'deal.read' },
  // The reporting rhythm: monthly reports, who is missing, funds won, the boards, the commitment letters.
  { path: '/reports', labelKey: 'menu.reports', icon: 'reports', action: 'report.read' },
  { path: '/reports/missing', labelKey: 'menu.missingReports', icon: 'missing', action: 'report.read' },
  { path: '/funds', labelKey: 'menu.funds', icon: 'funds', action: 'funds.read' },
  { path: '/boards', labelKey: 'menu.boards', icon: 'boards', action: 'board.read' },
  { path: '/commitments', labelKey: 'menu.commitments', icon: 'commitments', action: 'commitment.read' },
  // Weekly dispatch (周调度): meetings, their decisions and the tasks handed out.
  { path: '/dispatch', labelKey: 'menu.dispatch', icon: 'dispatch', action: 'dispatch.read' },
  // On-site observation tours (现场观摩): judges score the projects visited, the units are ranked
  // (the boards' trophy icon until AppLayout has its own).
  { path: '/observation', labelKey: 'menu.observation', icon: 'boards', action: 'observation.read' },
  // Competition for excellence (争先创优, 赛马): the units scored and ranked per quarter and year on
  // the indicator system of the year (the boards' trophy icon until AppLayout has its own).
  { path: '/competition', labelKey: 'menu.competition', icon: 'boards', action: 'competition.read' },
  // Problem lists (清单管理·限时督办), their metrics, and enterprise appeals (企业诉求) on the same engine.
  { path: '/problems', labelKey: 'menu.problems', icon: 'problems', action: 'problem.read' },
  { path: '/problems/metrics', labelKey: 'menu.problemMetrics', icon: 'problemMetrics', action: 'problem.read' },
  { path: '/appeals', labelKey: 'menu.appeals', icon: 'appeals', action: 'appeal.read' },
  // Enterprise code protection (企业赋码保护, 扫码入企), reusing the shell's icons: the inspections
  // of enterprises and the cases about them, the supervision per department, the codes; the scan
  // page an enterprise's QR opens is no menu item.
  { path: '/inspections', labelKey: 'menu.inspections', icon: 'audit', action: 'inspection.read' },
  { path: '/inspections/supervision', labelKey: 'menu.inspectionSupervision', icon: 'problemMetrics', action: 'inspection.supervise' },
  { path: '/inspections/codes', labelKey: 'menu.inspectionCodes', icon: 'enterprises', action: 'inspection.manage' },
  { path: '/inspect', labelKey: 'menu.inspect', icon: 'audit', action: 'inspection.register', hidden: true },
  // Per-mu evaluation (亩均论英雄), reusing the shell's icons: results, register, methods for the city;
  // the data uploads for the city and the departments; an enterprise's own result.
  { path: '/evaluation/runs', labelKey: 'menu.evaluationRuns', icon: 'boards', action: 'evaluation.analyze' },
  { path: '/evaluation/register', labelKey: 'menu.evaluationRegister', icon: 'enterprises', action: 'evaluation.analyze' },
  { path: '/evaluation/data', labelKey: 'menu.evaluationData', icon: 'reports', action: 'evaluation.data.import' },
  { path: '/evaluation/methods', labelKey: 'menu.evaluationMethods', icon: 'system', action: 'evaluation.analyze' },
  { path: '/evaluation/mine', labelKey: 'menu.evaluationMine', icon: 'boards', action: 'evaluation.object' },
  { path: '/org/units', labelKey: 'menu.units', icon: 'units', action: 'org.unit.read' },
  { path: '/org/enterprises', labelKey: 'menu.enterprises', icon: 'enterprises', action: 'org.enterprise.read' },
  { path: '/settings/registry', labelKey: 'menu.registrySettings', icon: 'system', action: 'registry.configure' },
  { path: '/settings/targets', labelKey: 'menu.dealTargets', icon: 'system', action: 'registry.configure' },
  { path: '/settings/problems', labelKey: 'menu.problemSettings', icon: 'system', action: 'problem.configure' },
  { path: '/admin/users', labelKey: 'menu.users', icon: 'users', action: 'user.read' },
  { path: '/audit', labelKey: 'menu.audit', icon: 'audit', action: 'audit.read' },
  { path: '/system', labelKey: 'menu.system', icon: 'system', action: 'system.read' },
  { path: '/account', labelKey: 'menu.account', icon: 'account' },
];

export const ACCOUNT_PATH = '/account';

export interface MenuState {
  permissions: readonly Action[];
  /** Until the password is changed, only the account page works. */
  mustChangePassword?: boolean;
}

export function isEntryAllowed(entry: MenuEntry, state: MenuState): boolean {
  if (state.mustChangePassword) return entry.path === ACCOUNT_PATH;
  return entry.action === undefined || state.permissions.includes(entry.action);
}

/** The menu entries this user may use, in menu order (hidden pages left out). */
export function visibleMenu(state: MenuState, menu: readonly MenuEntry[] = MENU): MenuEntry[] {
  return menu.filter((entry) => !entry.hidden && isEntryAllowed(entry, state));
}

/** The menu entry a location belongs to (the longest matching route), for the selected item and the title. */
export function entryForPath(pathname: string, menu: readonly MenuEntry[] = MENU): MenuEntry | undefined {
  const normalized = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  let best: MenuEntry | undefined;
  for (const entry of menu) {
    const matches = entry.path === '/' ? normalized === '/' : normalized === entry.path || normalized.startsWith(`${entry.path}/`);
    if (matches && (!best || entry.path.length > best.path.length)) best = entry;
  }
  return best;
}
