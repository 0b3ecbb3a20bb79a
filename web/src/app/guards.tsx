import type { ReactNode } from 'react';
import { Navigate } from 'react-router';
import { ForbiddenPage } from '../components/ErrorResult';
import { ACCOUNT_PATH, isEntryAllowed, MENU } from './menu';
import { useSession } from './session';

/**
 * A page opens only for roles whose permissions include its menu entry's action; a direct URL
 * to any other page shows 403. While the password must be changed, everything leads to /account.
 */
export function RequirePermission({ path, children }: { path: string; children: ReactNode }) {
  const session = useSession();
  const entry = MENU.find((candidate) => candidate.path === path);
  if (!entry) throw new Error(`no menu entry for ${path}`);
  if (session.mustChangePassword && path !== ACCOUNT_PATH) return <Navigate to={ACCOUNT_PATH} replace />;
  if (!isEntryAllowed(entry, { permissions: session.permissions, mustChangePassword: session.mustChangePassword })) {
    return <ForbiddenPage />;
  }
  return <>{children}</>;
}
