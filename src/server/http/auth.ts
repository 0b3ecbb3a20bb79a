import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can, negotiateLocale } from '../../contracts/index.js';
import type { Config } from '../config.js';
import type { Clock } from '../lib/clock.js';
import { recordAuditEvent } from '../modules/audit/index.js';
import { type IdentityDeps, isCsrfTokenValid, resolveSession } from '../modules/identity/index.js';
import { sendError } from './errors.js';

export const SESSION_COOKIE = 'juli_sid';
export const PENDING_COOKIE = 'juli_pending';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function cookieOptions(config: Config, request: FastifyRequest, maxAgeSeconds?: number): CookieSerializeOptions {
  const secure = config.http.cookieSecure === 'auto' ? request.protocol === 'https' : config.http.cookieSecure;
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure,
    ...(maxAgeSeconds !== undefined ? { maxAge: maxAgeSeconds } : {}),
  };
}

/**
 * Every request gets its context (request id, language, source IP, the clock's time);
 * routes that are not public get the session, the CSRF check, the password-change gate
 * and the permission matrix, in that order. A denial by the matrix is audited.
 */
export function registerAuth(app: FastifyInstance, deps: { config: Config; clock: Clock; identity: IdentityDeps }): void {
  app.decorateRequest('ctx', null as never);
  app.decorateRequest('session', null);

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    request.ctx = {
      actor: null,
      requestId: request.id,
      sourceIp: request.ip ?? null,
      locale: negotiateLocale(request.headers['accept-language']),
      now: deps.clock.now(),
    };
    const access = request.routeOptions.config?.access;
    if (access === undefined || access === 'public' || access === 'pending') return;

    const token = request.cookies[SESSION_COOKIE];
    const session = token ? await resolveSession(deps.identity, token, request.ctx.now) : null;
    if (!session) {
      if (token) reply.clearCookie(SESSION_COOKIE, cookieOptions(deps.config, request));
      return sendError(reply, 'UNAUTHENTICATED');
    }
    request.session = session;
    request.ctx.actor = session.actor;

    if (!SAFE_METHODS.has(request.method)) {
      const presented = request.headers[CSRF_HEADER];
      if (!isCsrfTokenValid(session, typeof presented === 'string' ? presented : undefined)) {
        return sendError(reply, 'CSRF_FAILED');
      }
    }
    if (session.mustChangePassword && !request.routeOptions.config.allowPendingPasswordChange) {
      return sendError(reply, 'PASSWORD_CHANGE_REQUIRED');
    }
    if (access !== 'self' && !can(session.actor.role, access)) {
      await recordAuditEvent(deps.identity.db, request.ctx, {
        action: 'permission.denied',
        targetType: 'route',
        targetId: `${request.method} ${request.routeOptions.url}`,
        after: { permission: access },
        result: 'denied',
      });
      return sendError(reply, 'FORBIDDEN');
    }
  });
}
