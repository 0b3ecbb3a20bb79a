import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ChangePasswordSchema,
  CreateUserSchema,
  IdParamsSchema,
  LoginRequestSchema,
  LoginResponseSchema,
  OkSchema,
  ResetPasswordSchema,
  SessionInfoSchema,
  TotpRequestSchema,
  TotpSetupSchema,
  UpdateUserSchema,
  UserListQuerySchema,
  UserPageSchema,
  UserSchema,
} from '../../../contracts/index.js';
import type { AppDeps } from '../../deps.js';
import { PENDING_COOKIE, SESSION_COOKIE, cookieOptions } from '../../http/auth.js';
import { responses } from '../../http/schema.js';
import { DomainError } from '../../lib/domain-error.js';
import * as service from './service.js';

export function identityRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { identity, config } = deps;
  const loginLimit = { max: config.auth.loginRatePerMinute, timeWindow: 60_000 };

  r.post(
    '/api/v1/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in with username and password',
        body: LoginRequestSchema,
        response: responses({ 200: LoginResponseSchema }),
      },
      config: { access: 'public', rateLimit: loginLimit },
    },
    async (request, reply) => {
      const outcome = await service.login(identity, request.ctx, {
        ...request.body,
        previousToken: request.cookies[SESSION_COOKIE] ?? request.cookies[PENDING_COOKIE],
        userAgent: request.headers['user-agent'] ?? null,
      });
      reply.clearCookie(SESSION_COOKIE, cookieOptions(config, request));
      reply.clearCookie(PENDING_COOKIE, cookieOptions(config, request));
      if (outcome.status === 'ok') {
        reply.setCookie(SESSION_COOKIE, outcome.token, cookieOptions(config, request));
        return { status: 'ok' as const, session: outcome.session };
      }
      reply.setCookie(PENDING_COOKIE, outcome.token, cookieOptions(config, request, 300));
      if (outcome.status === 'totp_required') return { status: outcome.status };
      return { status: outcome.status, secret: outcome.secret, otpauthUrl: outcome.otpauthUrl };
    },
  );

  r.post(
    '/api/v1/auth/login/totp',
    {
      schema: {
        tags: ['auth'],
        summary: 'Second factor of the sign-in',
        body: TotpRequestSchema,
        response: responses({ 200: LoginResponseSchema }),
      },
      config: { access: 'pending', rateLimit: loginLimit },
    },
    async (request, reply) => {
      const outcome = await service.completeTotp(identity, request.ctx, {
        pendingToken: request.cookies[PENDING_COOKIE],
        code: request.body.code,
        userAgent: request.headers['user-agent'] ?? null,
      });
      reply.clearCookie(PENDING_COOKIE, cookieOptions(config, request));
      if (outcome.status !== 'ok') throw new DomainError('INVALID_TOTP');
      reply.setCookie(SESSION_COOKIE, outcome.token, cookieOptions(config, request));
      return { status: 'ok' as const, session: outcome.session };
    },
  );

  r.get(
    '/api/v1/auth/session',
    {
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user, permissions and CSRF token',
        response: responses({ 200: SessionInfoSchema }),
      },
      config: { access: 'self', allowPendingPasswordChange: true },
    },
    async (request) => await service.getSessionInfo(identity, request.ctx, request.session!),
  );

  r.post(
    '/api/v1/auth/logout',
    {
      schema: { tags: ['auth'], summary: 'Sign out (the session is revoked on the server)', response: responses({ 200: OkSchema }) },
      config: { access: 'self', allowPendingPasswordChange: true },
    },
    async (request, reply) => {
      await service.logout(identity, request.ctx, request.session!);
      reply.clearCookie(SESSION_COOKIE, cookieOptions(config, request));
      return { ok: true as const };
    },
  );

  r.post(
    '/api/v1/auth/password',
    {
      schema: { tags: ['auth'], summary: 'Change my password', body: ChangePasswordSchema, response: responses({ 200: OkSchema }) },
      config: { access: 'self', allowPendingPasswordChange: true },
    },
    async (request) => {
      await service.changeOwnPassword(identity, request.ctx, request.session!, request.body);
      return { ok: true as const };
    },
  );

  r.post(
    '/api/v1/auth/totp/setup',
    {
      schema: { tags: ['auth'], summary: 'Start enrolling a second factor', response: responses({ 200: TotpSetupSchema }) },
      config: { access: 'self' },
    },
    async (request) => await service.startTotpSetup(identity, request.ctx),
  );

  r.post(
    '/api/v1/auth/totp/confirm',
    {
      schema: {
        tags: ['auth'],
        summary: 'Confirm the second factor with a first code',
        body: TotpRequestSchema,
        response: responses({ 200: OkSchema }),
      },
      config: { access: 'self' },
    },
    async (request) => {
      await service.confirmTotpSetup(identity, request.ctx, request.body.code);
      return { ok: true as const };
    },
  );

  r.get(
    '/api/v1/admin/users',
    {
      schema: { tags: ['users'], summary: 'List users', querystring: UserListQuerySchema, response: responses({ 200: UserPageSchema }) },
      config: { access: 'user.read' },
    },
    async (request) => await service.findUsers(identity, request.ctx, request.query),
  );

  r.get(
    '/api/v1/admin/users/:id',
    {
      schema: { tags: ['users'], summary: 'One user', params: IdParamsSchema, response: responses({ 200: UserSchema }) },
      config: { access: 'user.read' },
    },
    async (request) => await service.getUserById(identity, request.ctx, request.params.id),
  );

  r.post(
    '/api/v1/admin/users',
    {
      schema: { tags: ['users'], summary: 'Create a user', body: CreateUserSchema, response: responses({ 201: UserSchema }) },
      config: { access: 'user.manage' },
    },
    async (request, reply) => reply.status(201).send(await service.createUser(identity, request.ctx, request.body)),
  );

  r.patch(
    '/api/v1/admin/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Edit, grant a role, disable or enable a user',
        params: IdParamsSchema,
        body: UpdateUserSchema,
        response: responses({ 200: UserSchema }),
      },
      config: { access: 'user.manage' },
    },
    async (request) => await service.updateUser(identity, request.ctx, request.params.id, request.body),
  );

  r.post(
    '/api/v1/admin/users/:id/reset-password',
    {
      schema: {
        tags: ['users'],
        summary: 'Set a new initial password',
        params: IdParamsSchema,
        body: ResetPasswordSchema,
        response: responses({ 200: UserSchema }),
      },
      config: { access: 'user.manage' },
    },
    async (request) => await service.resetPassword(identity, request.ctx, request.params.id, request.body.password),
  );

  r.post(
    '/api/v1/admin/users/:id/unlock',
    {
      schema: { tags: ['users'], summary: 'Lift a lockout', params: IdParamsSchema, response: responses({ 200: UserSchema }) },
      config: { access: 'user.manage' },
    },
    async (request) => await service.unlockUser(identity, request.ctx, request.params.id),
  );

  r.post(
    '/api/v1/admin/users/:id/reset-totp',
    {
      schema: {
        tags: ['users'],
        summary: 'Remove the second factor (enrol again at next sign-in)',
        params: IdParamsSchema,
        response: responses({ 200: UserSchema }),
      },
      config: { access: 'user.manage' },
    },
    async (request) => await service.resetTotp(identity, request.ctx, request.params.id),
  );
}
