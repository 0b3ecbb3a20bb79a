import { describe, expect, it } from 'vitest';
import { ACTIONS, type Action, PERMISSIONS, ROLES, type Role } from '../../../src/contracts/index.js';
import { entryForPath, isEntryAllowed, MENU, visibleMenu } from './menu';

function permissionsOf(role: Role): Action[] {
  return ACTIONS.filter((action) => PERMISSIONS[role][action] !== undefined);
}

function pathsFor(role: Role): string[] {
  return visibleMenu({ permissions: permissionsOf(role) }).map((entry) => entry.path);
}

describe(visibleMenu.name, () => {
  it('shows each role exactly the pages its permissions allow', () => {
    const registry = ['/projects', '/deals', '/deals/funnel'];
    const rhythm = ['/reports', '/reports/missing', '/funds', '/boards', '/commitments'];
    const monitoring = ['/cockpit', '/monitoring/lights', '/monitoring/warnings', '/monitoring/packs'];
    const problems = ['/problems', '/problems/metrics', '/appeals'];
    // Per-mu evaluation: results, register and methods to read; the data uploads only for those who import.
    const evaluation = ['/evaluation/runs', '/evaluation/register', '/evaluation/methods'];
    expect(pathsFor('city_operator')).toEqual([
      '/',
      ...monitoring,
      ...registry,
      ...rhythm,
      '/dispatch',
      '/observation',
      '/competition',
      ...problems,
      '/inspections',
      '/inspections/supervision',
      '/inspections/codes',
      '/evaluation/runs',
      '/evaluation/register',
      '/evaluation/data',
      '/evaluation/methods',
      '/org/units',
      '/org/enterprises',
      '/settings/registry',
      '/settings/targets',
      '/settings/problems',
      '/account',
    ]);
    expect(pathsFor('city_leader')).toEqual([
      '/',
      ...monitoring,
      ...registry,
      ...rhythm,
      '/dispatch',
      '/observation',
      '/competition',
      ...problems,
      '/inspections',
      '/inspections/supervision',
      ...evaluation,
      '/org/units',
      '/org/enterprises',
      '/account',
    ]);
    // A unit sees the cockpit of its own subtree, the observation tours it may judge (not its own
    // sites) and where it stands in the competition.
    expect(pathsFor('reporting_unit')).toEqual([
      '/',
      ...monitoring,
      ...registry,
      ...rhythm,
      '/observation',
      '/competition',
      ...problems,
      ...evaluation,
      '/org/units',
      '/org/enterprises',
      '/account',
    ]);
    // A department sees the problems and appeals it leads, the observation tours its head judges,
    // its own inspections of enterprises and every department's figures (the scan page is opened
    // from a QR, not the menu).
    expect(pathsFor('department')).toEqual([
      '/',
      '/observation',
      ...problems,
      '/inspections',
      '/inspections/supervision',
      '/evaluation/data',
      '/org/units',
      '/org/enterprises',
      '/account',
    ]);
    // An enterprise reads its own projects' monthly reports, nothing else of the rhythm, raises its own
    // appeals and sees (and rates) the inspections of it.
    expect(pathsFor('enterprise')).toEqual([
      '/',
      '/projects',
      '/reports',
      '/reports/missing',
      '/appeals',
      '/inspections',
      '/evaluation/mine',
      '/org/enterprises',
      '/account',
    ]);
    expect(pathsFor('system_admin')).toEqual(['/', '/org/units', '/system', '/account']);
    expect(pathsFor('security_admin')).toEqual(['/', '/org/units', '/admin/users', '/account']);
    expect(pathsFor('audit_admin')).toEqual(['/', '/audit', '/account']);
  });

  it('never shows a page whose action the role lacks (every role × every entry)', () => {
    for (const role of ROLES) {
      const permissions = permissionsOf(role);
      for (const entry of visibleMenu({ permissions })) {
        if (entry.action) expect(permissions).toContain(entry.action);
      }
    }
  });

  it('leaves only the account page while the password must be changed', () => {
    expect(visibleMenu({ permissions: [...ACTIONS], mustChangePassword: true }).map((e) => e.path)).toEqual(['/account']);
  });

  it('shows the pages open to everyone to a user without permissions', () => {
    expect(visibleMenu({ permissions: [] }).map((e) => e.path)).toEqual(['/', '/account']);
  });
});

describe(isEntryAllowed.name, () => {
  it('needs the entry action', () => {
    const users = MENU.find((e) => e.path === '/admin/users')!;
    expect(isEntryAllowed(users, { permissions: ['user.read'] })).toBe(true);
    expect(isEntryAllowed(users, { permissions: ['user.manage'] })).toBe(false);
  });

  it('hides each page of the reporting rhythm from a role without its read permission', () => {
    const entry = (path: string) => MENU.find((e) => e.path === path)!;
    expect(isEntryAllowed(entry('/boards'), { permissions: ['board.publish'] })).toBe(false);
    expect(isEntryAllowed(entry('/boards'), { permissions: ['board.read'] })).toBe(true);
    expect(isEntryAllowed(entry('/reports'), { permissions: ['report.submit'] })).toBe(false);
    expect(isEntryAllowed(entry('/funds'), { permissions: ['report.read'] })).toBe(false);
    expect(isEntryAllowed(entry('/commitments'), { permissions: ['commitment.read'] })).toBe(true);
  });

  it('guards the scan page by the registration permission without showing it in the menu', () => {
    const scan = MENU.find((e) => e.path === '/inspect')!;
    expect(scan.hidden).toBe(true);
    expect(isEntryAllowed(scan, { permissions: ['inspection.register'] })).toBe(true);
    expect(isEntryAllowed(scan, { permissions: ['inspection.read', 'inspection.manage'] })).toBe(false);
    expect(visibleMenu({ permissions: [...ACTIONS] }).map((e) => e.path)).not.toContain('/inspect');
  });

  it('opens the cockpit and the rows behind its numbers with monitor.read alone', () => {
    for (const path of ['/cockpit', '/monitoring/lights', '/monitoring/warnings', '/monitoring/packs']) {
      const entry = MENU.find((e) => e.path === path)!;
      expect(isEntryAllowed(entry, { permissions: ['monitor.read'] }), path).toBe(true);
      expect(isEntryAllowed(entry, { permissions: ['report.read', 'board.read'] }), path).toBe(false);
    }
  });
});

describe(entryForPath.name, () => {
  it('matches exact routes, sub-routes and trailing slashes, the root only exactly', () => {
    expect(entryForPath('/')?.path).toBe('/');
    expect(entryForPath('/org/units')?.path).toBe('/org/units');
    expect(entryForPath('/org/units/')?.path).toBe('/org/units');
    expect(entryForPath('/org/units/12')?.path).toBe('/org/units');
    expect(entryForPath('/org/unitsx')).toBeUndefined();
    expect(entryForPath('/nowhere')).toBeUndefined();
    expect(entryForPath('/deals/funnel')?.path).toBe('/deals/funnel');
    expect(entryForPath('/deals/12')?.path).toBe('/deals');
    expect(entryForPath('/projects/600')?.path).toBe('/projects');
    expect(entryForPath('/reports/missing')?.path).toBe('/reports/missing');
    expect(entryForPath('/reports')?.path).toBe('/reports');
    expect(entryForPath('/commitments/3')?.path).toBe('/commitments');
    expect(entryForPath('/dispatch/3')?.path).toBe('/dispatch');
    expect(entryForPath('/observation')?.path).toBe('/observation');
    expect(entryForPath('/observation/5')?.path).toBe('/observation');
    expect(entryForPath('/competition')?.path).toBe('/competition');
    expect(entryForPath('/competition/3')?.path).toBe('/competition');
    expect(entryForPath('/problems/7')?.path).toBe('/problems');
    expect(entryForPath('/problems/metrics')?.path).toBe('/problems/metrics');
    expect(entryForPath('/appeals/2')?.path).toBe('/appeals');
    expect(entryForPath('/cockpit')?.path).toBe('/cockpit');
    expect(entryForPath('/monitoring/lights')?.path).toBe('/monitoring/lights');
    expect(entryForPath('/monitoring')).toBeUndefined();
    expect(entryForPath('/inspections')?.path).toBe('/inspections');
    expect(entryForPath('/inspections/codes')?.path).toBe('/inspections/codes');
    expect(entryForPath('/inspections/supervision')?.path).toBe('/inspections/supervision');
    expect(entryForPath('/inspect/AbCdEfGhIjKlMnOpQr_-12')?.path).toBe('/inspect');
  });

  it('has one entry per route, each a distinct menu key', () => {
    const paths = MENU.map((e) => e.path);
    expect(new Set(paths).size).toBe(paths.length);
  });
});
