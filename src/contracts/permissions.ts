/**
 * Roles, actions and the one permission matrix (role × action → scope) that drives
 * every check on the server, the menu in the web UI and the authorization test.
 */
export const ROLES = [
  'city_operator',
  'city_leader',
  'reporting_unit',
  'department',
  'enterprise',
  'system_admin',
  'security_admin',
  'audit_admin',
] as const;
export type Role = (typeof ROLES)[number];

/** The three administrators (三员): mutually exclusive by construction (one role per account), TOTP mandatory. */
export const ADMIN_ROLES: readonly Role[] = ['system_admin', 'security_admin', 'audit_admin'];

export const ACTIONS = [
  'org.unit.read',
  'org.unit.manage',
  'org.enterprise.read',
  'org.enterprise.lookup',
  'org.enterprise.manage',
  'user.read',
  'user.manage',
  'audit.read',
  'audit.export',
  'system.read',
  'deal.read',
  'deal.manage',
  'deal.settle',
  'project.read',
  'project.manage',
  'registry.configure',
  'report.read',
  'report.submit',
  'report.review',
  'report.feedback',
  'funds.read',
  'funds.manage',
  'board.read',
  'board.publish',
  'commitment.read',
  'commitment.manage',
  'monitor.read',
  'evaluation.read',
  'evaluation.analyze',
  'evaluation.configure',
  'evaluation.run',
  'evaluation.data.import',
  'evaluation.object',
  'problem.read',
  'problem.raise',
  'problem.assign',
  'problem.handle',
  'problem.configure',
  'appeal.read',
  'appeal.raise',
  'appeal.route',
  'appeal.handle',
  'dispatch.read',
  'dispatch.manage',
  'observation.read',
  'observation.manage',
  'observation.score',
  'competition.read',
  'competition.manage',
  'inspection.read',
  'inspection.register',
  'inspection.rate',
  'inspection.report',
  'inspection.supervise',
  'inspection.manage',
] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * How far a permission reaches:
 * - `city`: the whole tenant city of the user;
 * - `subtree`: the user's scope unit and everything below it;
 * - `enterprise`: the one enterprise the user represents.
 */
export type ScopeKind = 'city' | 'subtree' | 'enterprise';

export const PERMISSIONS: Readonly<Record<Role, Readonly<Partial<Record<Action, ScopeKind>>>>> = {
  city_operator: {
    'org.unit.read': 'city',
    'org.enterprise.read': 'city',
    'org.enterprise.lookup': 'city',
    'org.enterprise.manage': 'city',
    'deal.read': 'city',
    'deal.manage': 'city',
    'deal.settle': 'city',
    'project.read': 'city',
    'project.manage': 'city',
    'registry.configure': 'city',
    'report.read': 'city',
    'report.submit': 'city',
    'report.review': 'city',
    'report.feedback': 'city',
    'funds.read': 'city',
    'funds.manage': 'city',
    'board.read': 'city',
    'board.publish': 'city',
    'commitment.read': 'city',
    'commitment.manage': 'city',
    'monitor.read': 'city',
    'evaluation.read': 'city',
    'evaluation.analyze': 'city',
    'evaluation.configure': 'city',
    'evaluation.run': 'city',
    'evaluation.data.import': 'city',
    // Problem lists and appeals: the city routes them, supervises and may act for a unit.
    'problem.read': 'city',
    'problem.raise': 'city',
    'problem.assign': 'city',
    'problem.handle': 'city',
    'problem.configure': 'city',
    'appeal.read': 'city',
    'appeal.route': 'city',
    'appeal.handle': 'city',
    'dispatch.read': 'city',
    'dispatch.manage': 'city',
    'observation.read': 'city',
    'observation.manage': 'city',
    'observation.score': 'city',
    // Competition for excellence (争先创优): the operator sets the indicator system, enters values and adjustments.
    'competition.read': 'city',
    'competition.manage': 'city',
    // Enterprise code protection (扫码入企): the operator issues the codes, sets the limit and
    // closes the supervision cases (as the city's office for the business environment).
    'inspection.read': 'city',
    'inspection.supervise': 'city',
    'inspection.manage': 'city',
  },
  city_leader: {
    'org.unit.read': 'city',
    'org.enterprise.read': 'city',
    'org.enterprise.lookup': 'city',
    'deal.read': 'city',
    'project.read': 'city',
    'report.read': 'city',
    'funds.read': 'city',
    'board.read': 'city',
    'commitment.read': 'city',
    'monitor.read': 'city',
    'evaluation.read': 'city',
    'evaluation.analyze': 'city',
    'problem.read': 'city',
    'appeal.read': 'city',
    'dispatch.read': 'city',
    // Observation tours (现场观摩): leaders judge them; the results rank every unit of the city.
    'observation.read': 'city',
    'observation.score': 'city',
    'competition.read': 'city',
    'inspection.read': 'city',
    'inspection.supervise': 'city',
  },
  reporting_unit: {
    'org.unit.read': 'subtree',
    'org.enterprise.read': 'subtree',
    'org.enterprise.lookup': 'subtree',
    'org.enterprise.manage': 'subtree',
    'deal.read': 'subtree',
    'deal.manage': 'subtree',
    'project.read': 'subtree',
    'project.manage': 'subtree',
    'report.read': 'subtree',
    'report.submit': 'subtree',
    'report.feedback': 'subtree',
    'funds.read': 'subtree',
    'funds.manage': 'subtree',
    // The boards rank every unit of the city: that is the point of publishing them.
    'board.read': 'city',
    // Their own letters: they draft them, attach the signed scan and follow their fulfilment.
    'commitment.read': 'subtree',
    'commitment.manage': 'subtree',
    // Lights, forecast and warnings of their own jurisdiction.
    'monitor.read': 'subtree',
    // Results of the enterprises in their jurisdiction.
    'evaluation.read': 'subtree',
    'evaluation.analyze': 'subtree',
    // Problems and appeals of their projects and enterprises, and those they lead or cooperate on.
    'problem.read': 'subtree',
    'problem.raise': 'subtree',
    'problem.handle': 'subtree',
    'appeal.read': 'subtree',
    'appeal.handle': 'subtree',
    // Observation tours visit every unit and rank them (as the boards); a unit's head may judge
    // the other units' sites, never its own (回避).
    'observation.read': 'city',
    'observation.score': 'city',
    // The competition ranks every unit of the city (as the boards): each unit sees where it stands and why.
    'competition.read': 'city',
  },
  department: {
    'org.unit.read': 'subtree',
    // Departments own data about every enterprise of the city (tax, power use …).
    'org.enterprise.read': 'city',
    'org.enterprise.lookup': 'city',
    // The evaluation data they own: they import and see only the values whose source is their own unit.
    'evaluation.data.import': 'subtree',
    // Only the problems and appeals assigned to them (as lead or cooperating unit).
    'problem.read': 'subtree',
    'problem.handle': 'subtree',
    'appeal.read': 'subtree',
    'appeal.handle': 'subtree',
    // Department heads judge observation tours.
    'observation.read': 'city',
    'observation.score': 'city',
    // Inspectors register inspections by scanning an enterprise's code; the department sees its
    // own inspections and the cases about them, and every department's figures (counts, flags,
    // ratings: what the justice bureau supervises, and how each department compares).
    'inspection.read': 'subtree',
    'inspection.register': 'subtree',
    'inspection.supervise': 'city',
  },
  enterprise: {
    'org.enterprise.read': 'enterprise',
    'org.enterprise.lookup': 'enterprise',
    // Their own projects (as owner 项目业主).
    'project.read': 'enterprise',
    // Their projects' monthly reports to read, daily feedback (日反馈) to give.
    'report.read': 'enterprise',
    'report.feedback': 'enterprise',
    // Their own evaluation result and its explanation; objections during the public comment period.
    'evaluation.read': 'enterprise',
    'evaluation.object': 'enterprise',
    // Their own appeals (企业诉求): raise, attach, rate, reopen once.
    'appeal.read': 'enterprise',
    'appeal.raise': 'enterprise',
    // Its own code, every inspection of it (rated once), and inspections that entered without scanning.
    'inspection.read': 'enterprise',
    'inspection.rate': 'enterprise',
    'inspection.report': 'enterprise',
  },
  // The three administrators never read business data.
  system_admin: {
    'org.unit.read': 'city',
    'org.unit.manage': 'city',
    'system.read': 'city',
  },
  security_admin: {
    'org.unit.read': 'city',
    // Name and credit code only, to tie an enterprise account to its enterprise.
    'org.enterprise.lookup': 'city',
    'user.read': 'city',
    'user.manage': 'city',
  },
  audit_admin: {
    'audit.read': 'city',
    'audit.export': 'city',
  },
};

export function scopeFor(role: Role, action: Action): ScopeKind | undefined {
  return PERMISSIONS[role][action];
}

export function can(role: Role, action: Action): boolean {
  return scopeFor(role, action) !== undefined;
}

/** Which kinds of unit a role's scope may point at (enterprise users point at an enterprise instead). */
export const ROLE_SCOPE_UNIT_KINDS: Readonly<Record<Role, readonly string[] | 'city' | 'enterprise'>> = {
  city_operator: 'city',
  city_leader: 'city',
  reporting_unit: ['district', 'county', 'county_level_city', 'park', 'township', 'platform_company'],
  department: ['department'],
  enterprise: 'enterprise',
  system_admin: 'city',
  security_admin: 'city',
  audit_admin: 'city',
};
