import type { Action } from '../../contracts/index.js';
import type { RequestContext } from '../lib/context.js';
import type { ResolvedSession } from '../modules/identity/index.js';

/**
 * Who may call a route:
 * - 'public': no session (login, health, meta);
 * - 'pending': the half-finished login (second factor);
 * - 'self': any signed-in user, about themselves;
 * - an Action: the role must have it in the permission matrix.
 */
export type RouteAccess = 'public' | 'pending' | 'self' | Action;

declare module 'fastify' {
  interface FastifyRequest {
    ctx: RequestContext;
    session: ResolvedSession | null;
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** Reachable while the user must change their password (session, logout, change password). */
    allowPendingPasswordChange?: boolean;
  }
}
