import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import * as OTPAuth from 'otpauth';
import {
  ADMIN_ROLES,
  ACTIONS,
  type ChangePassword,
  type CreateUser,
  type PasswordPolicy,
  ROLE_SCOPE_UNIT_KINDS,
  type Role,
  type SessionInfo,
  type UpdateUser,
  type User,
  type UserListQuery,
  can,
} from '../../../contracts/index.js';
import type { Db, Executor, Tx } from '../../db/pool.js';
import { batcher } from '../../lib/batcher.js';
import type { Actor, RequestContext } from '../../lib/context.js';
import { requireActor, scopeOf } from '../../lib/context.js';
import { type FieldCipher, randomToken, safeEqual, tokenDigest } from '../../lib/crypto.js';
import { DomainError, conflict, notFound } from '../../lib/domain-error.js';
import { isUniqueViolation } from '../../lib/pg-errors.js';
import { appendAudit, recordAuditEvent } from '../audit/index.js';
import { anyCityCode, getCityRoot, getEnterpriseRef, getUnitRef } from '../org/index.js';
import { checkPassword, isPasswordExpired } from './domain/password-policy.js';
import { TOUCH_INTERVAL_MS, absoluteExpiry, afterFailedLogin, idleExpiry, isLocked, sessionState } from './domain/session-policy.js';
import * as repo from './repo.js';

export interface IdentityDeps {
  db: Db;
  cipher: FieldCipher;
  policy: {
    idleMinutes: number;
    absoluteHours: number;
    passwordPolicy: PasswordPolicy;
    lockoutThreshold: number;
    lockoutMinutes: number;
    totpRequiredForAll: boolean;
  };
}

// OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane).
// `algorithm: 2` is Algorithm.Argon2id (a const enum, which isolated modules cannot import).
const ARGON_OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export async function hashPassword(password: string): Promise<string> {
  return await argonHash(password, ARGON_OPTIONS);
}

let dummyHash: Promise<string> | undefined;
/** Verify against a throwaway hash when the user does not exist, so timing does not reveal usernames. */
async function verifyPassword(hash: string | undefined, password: string): Promise<boolean> {
  if (!hash) {
    dummyHash ??= hashPassword(randomToken());
    await argonVerify(await dummyHash, password).catch(() => false);
    return false;
  }
  return await argonVerify(hash, password).catch(() => false);
}

/** A pending second-factor challenge lives this long. */
const PENDING_TOTP_MS = 5 * 60_000;

export function requiresTotp(role: Role, deps: IdentityDeps): boolean {
  return ADMIN_ROLES.includes(role) || deps.policy.totpRequiredForAll;
}

function totpFor(username: string, secretBase32: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({
    issuer: 'Juli 聚力',
    label: username,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: OTPAuth.Secret.fromBase32(secretBase32),
  });
}

/** The 30-second step the code matches (±1 step of clock drift), or null. */
export function matchTotp(username: string, secretBase32: string, code: string, now: Date): number | null {
  const totp = totpFor(username, secretBase32);
  const delta = totp.validate({ token: code, timestamp: now.getTime(), window: 1 });
  if (delta === null) return null;
  return Math.floor(now.getTime() / 30_000) + delta;
}

export function policyViolationError(password: string, policy: PasswordPolicy, username: string, field: string): DomainError | null {
  const violations = checkPassword(password, policy, username);
  if (!violations.length) return null;
  return new DomainError('VALIDATION_FAILED', {
    fields: violations.map((v) => ({ path: field, key: v.key, ...(v.params ? { params: v.params } : {}) })),
  });
}

// ---------------------------------------------------------------- sessions

export interface ResolvedSession {
  actor: Actor;
  tokenHash: string;
  csrfToken: string;
  mustChangePassword: boolean;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
}

export type LoginOutcome =
  | { status: 'ok'; token: string; session: SessionInfo }
  | { status: 'totp_required'; token: string }
  | { status: 'totp_enrollment_required'; token: string; secret: string; otpauthUrl: string };

function actorOf(user: repo.UserWithScope): Actor {
  return {
    userId: user.id,
    username: user.username,
    role: user.role as Role,
    cityCode: user.city_code,
    scopeUnitId: user.scope_unit_id,
    scopeUnitPath: user.scope_unit_path,
    scopeEnterpriseId: user.scope_enterprise_id,
  };
}

function auditActor(user: repo.UserWithScope | undefined, username: string) {
  return { userId: user?.id ?? null, username: user?.username ?? username, role: user?.role ?? null };
}

async function openSession(
  tx: Tx,
  user: repo.UserWithScope,
  state: 'pending_totp' | 'active',
  ctx: RequestContext,
  deps: IdentityDeps,
  userAgent: string | null,
): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = randomToken();
  const csrfToken = randomToken();
  const expiresAt = state === 'pending_totp' ? new Date(ctx.now.getTime() + PENDING_TOTP_MS) : absoluteExpiry(ctx.now, deps.policy);
  await repo.insertSession(tx, {
    token_hash: tokenDigest(token),
    user_id: user.id,
    state,
    csrf_token: csrfToken,
    created_at: ctx.now,
    last_seen_at: ctx.now,
    expires_at: expiresAt,
    revoked_at: null,
    source_ip: ctx.sourceIp,
    user_agent: userAgent?.slice(0, 300) ?? null,
  });
  return { token, csrfToken, expiresAt };
}

function mustChange(user: repo.UserWithScope, now: Date, deps: IdentityDeps): boolean {
  return user.must_change_password || isPasswordExpired(user.password_changed_at, now, deps.policy.passwordPolicy);
}

function sessionInfo(
  user: repo.UserWithScope,
  csrfToken: string,
  lastSeen: Date,
  expiresAt: Date,
  deps: IdentityDeps,
  now: Date,
): SessionInfo {
  const role = user.role as Role;
  return {
    user: {
      id: user.id,
      username: user.username,
      displayName: user.display_name,
      role,
      cityCode: user.city_code,
      cityName: user.city_name,
      cityNameEn: user.city_name_en,
      scopeUnitId: user.scope_unit_id,
      scopeUnitName: user.scope_unit_name,
      scopeUnitNameEn: user.scope_unit_name_en,
      scopeEnterpriseId: user.scope_enterprise_id,
      scopeEnterpriseName: user.scope_enterprise_name,
      totpEnabled: user.totp_enabled,
    },
    permissions: ACTIONS.filter((a) => can(role, a)),
    csrfToken,
    mustChangePassword: mustChange(user, now, deps),
    passwordChangeReason: user.must_change_password
      ? 'reset'
      : isPasswordExpired(user.password_changed_at, now, deps.policy.passwordPolicy)
        ? 'expired'
        : null,
    idleExpiresAt: idleExpiry(lastSeen, deps.policy).toISOString(),
    absoluteExpiresAt: expiresAt.toISOString(),
  };
}

/**
 * Password step of the login. Wrong user, wrong password, locked and disabled accounts all
 * get the same INVALID_CREDENTIALS; the audit trail records which it was.
 * Any session the browser presented is revoked: the session id always changes at login.
 */
export async function login(
  deps: IdentityDeps,
  ctx: RequestContext,
  input: { username: string; password: string; previousToken: string | undefined; userAgent: string | null },
): Promise<LoginOutcome> {
  const { db } = deps;
  const user = await repo.findUserByUsername(db, input.username);
  // An unknown username still leaves a trace in the audit chain of the (first) city.
  const cityCode = user?.city_code ?? (await anyCityCode(db));
  const fail = async (
    reason: string,
    extra: Record<string, unknown> = {},
    counters?: { failedAttempts: number; lockedUntil: Date | null; isNewLock: boolean },
  ): Promise<never> => {
    if (cityCode) {
      await db.transaction().execute(async (tx) => {
        if (user && counters) {
          await repo.updateUserState(tx, user.id, { failed_attempts: counters.failedAttempts, locked_until: counters.lockedUntil });
        }
        if (user && counters?.isNewLock) {
          await appendAudit(tx, ctx, {
            cityCode,
            action: 'auth.lockout',
            targetType: 'identity_user',
            targetId: user.id,
            after: extra,
            result: 'denied',
            actorOverride: auditActor(user, input.username),
          });
        }
        await appendAudit(tx, ctx, {
          cityCode,
          action: 'auth.login',
          targetType: 'identity_user',
          targetId: user?.id ?? null,
          after: { reason, username: input.username.slice(0, 64), ...extra },
          result: 'denied',
          actorOverride: auditActor(user, input.username),
        });
      });
    }
    throw new DomainError('INVALID_CREDENTIALS');
  };

  const isPasswordOk = await verifyPassword(user?.password_hash, input.password);
  if (!user) return await fail('unknown_user');
  if (isLocked(user.locked_until, ctx.now)) return await fail('locked', { lockedUntil: user.locked_until?.toISOString() });
  if (!user.is_active) return await fail('disabled');
  if (!isPasswordOk) {
    const next = afterFailedLogin({ failedAttempts: user.failed_attempts, lockedUntil: user.locked_until }, ctx.now, {
      threshold: deps.policy.lockoutThreshold,
      minutes: deps.policy.lockoutMinutes,
    });
    return await fail(
      'wrong_password',
      next.isNewLock ? { lockedUntil: next.lockedUntil?.toISOString() } : { failedAttempts: next.failedAttempts },
      next,
    );
  }

  return await db.transaction().execute(async (tx) => {
    if (input.previousToken) await repo.revokeSession(tx, tokenDigest(input.previousToken), ctx.now);
    await repo.updateUserState(tx, user.id, { failed_attempts: 0, locked_until: null });
    const role = user.role as Role;
    if (requiresTotp(role, deps) || user.totp_enabled) {
      const { token } = await openSession(tx, user, 'pending_totp', ctx, deps, input.userAgent);
      await appendAudit(tx, ctx, {
        cityCode: user.city_code,
        action: 'auth.password_ok',
        targetType: 'identity_user',
        targetId: user.id,
        actorOverride: auditActor(user, user.username),
      });
      if (user.totp_enabled && user.totp_secret_enc) return { status: 'totp_required', token };
      // First login of an account that must have a second factor: enrol now.
      const secret = new OTPAuth.Secret({ size: 20 }).base32;
      await repo.updateUserState(tx, user.id, { totp_secret_enc: deps.cipher.encrypt(secret), totp_enabled: false });
      return { status: 'totp_enrollment_required', token, secret, otpauthUrl: totpFor(user.username, secret).toString() };
    }
    return await finishLogin(tx, deps, ctx, user, input.userAgent);
  });
}

async function finishLogin(
  tx: Tx,
  deps: IdentityDeps,
  ctx: RequestContext,
  user: repo.UserWithScope,
  userAgent: string | null,
): Promise<LoginOutcome> {
  const { token, csrfToken, expiresAt } = await openSession(tx, user, 'active', ctx, deps, userAgent);
  await repo.updateUserState(tx, user.id, { last_login_at: ctx.now });
  await appendAudit(tx, ctx, {
    cityCode: user.city_code,
    action: 'auth.login',
    targetType: 'identity_user',
    targetId: user.id,
    actorOverride: auditActor(user, user.username),
  });
  return { status: 'ok', token, session: sessionInfo(user, csrfToken, ctx.now, expiresAt, deps, ctx.now) };
}

/**
 * Second step: the code from the authenticator app. The pending session is replaced by a
 * new active one (a new id again). Codes cannot be replayed: each 30-second step is used once.
 */
export async function completeTotp(
  deps: IdentityDeps,
  ctx: RequestContext,
  input: { pendingToken: string | undefined; code: string; userAgent: string | null },
): Promise<LoginOutcome> {
  const { db } = deps;
  const invalid = () => new DomainError('INVALID_TOTP');
  if (!input.pendingToken) throw invalid();
  const pendingHash = tokenDigest(input.pendingToken);
  const pending = await repo.findSession(db, pendingHash);
  if (!pending || pending.state !== 'pending_totp' || pending.revoked_at || pending.expires_at <= ctx.now) throw invalid();
  const user = await repo.findUserById(db, pending.user_id);
  if (!user || !user.is_active || !user.totp_secret_enc || isLocked(user.locked_until, ctx.now)) throw invalid();
  const secret = deps.cipher.decrypt(user.totp_secret_enc);
  const step = matchTotp(user.username, secret, input.code, ctx.now);
  if (step === null || (user.totp_last_step !== null && step <= user.totp_last_step)) {
    const next = afterFailedLogin({ failedAttempts: user.failed_attempts, lockedUntil: user.locked_until }, ctx.now, {
      threshold: deps.policy.lockoutThreshold,
      minutes: deps.policy.lockoutMinutes,
    });
    await db.transaction().execute(async (tx) => {
      await repo.updateUserState(tx, user.id, { failed_attempts: next.failedAttempts, locked_until: next.lockedUntil });
      if (next.isNewLock) {
        await repo.revokeSession(tx, pendingHash, ctx.now);
        await appendAudit(tx, ctx, {
          cityCode: user.city_code,
          action: 'auth.lockout',
          targetType: 'identity_user',
          targetId: user.id,
          after: { lockedUntil: next.lockedUntil?.toISOString() },
          result: 'denied',
          actorOverride: auditActor(user, user.username),
        });
      }
      await appendAudit(tx, ctx, {
        cityCode: user.city_code,
        action: 'auth.totp',
        targetType: 'identity_user',
        targetId: user.id,
        after: { reason: step === null ? 'wrong_code' : 'replayed_code' },
        result: 'denied',
        actorOverride: auditActor(user, user.username),
      });
    });
    throw invalid();
  }
  return await db.transaction().execute(async (tx) => {
    await repo.revokeSession(tx, pendingHash, ctx.now);
    await repo.updateUserState(tx, user.id, { totp_last_step: step, totp_enabled: true, failed_attempts: 0 });
    if (!user.totp_enabled) {
      await appendAudit(tx, ctx, {
        cityCode: user.city_code,
        action: 'auth.totp_enrolled',
        targetType: 'identity_user',
        targetId: user.id,
        actorOverride: auditActor(user, user.username),
      });
    }
    return await finishLogin(tx, deps, ctx, { ...user, totp_enabled: true }, input.userAgent);
  });
}

/** The session behind a cookie, or null when absent, expired, revoked or its user is disabled. */
type SessionRow = Awaited<ReturnType<typeof repo.findSessionsWithUsers>>[number];

/**
 * Every authenticated request looks its session up: those that arrive while two lookups are
 * running are looked up together in one query (lib/batcher.ts), nothing is cached.
 */
const sessionLookups = new WeakMap<Executor, (tokenHash: string) => Promise<SessionRow | undefined>>();

function lookUpSession(db: Executor, tokenHash: string): Promise<SessionRow | undefined> {
  let lookUp = sessionLookups.get(db);
  if (!lookUp) {
    lookUp = batcher(
      async (hashes: string[]) => {
        const rows = new Map((await repo.findSessionsWithUsers(db, hashes)).map((r) => [r.token_hash, r]));
        return hashes.map((h) => ({ status: 'fulfilled' as const, value: rows.get(h) }));
      },
      { maxBatch: 64, concurrency: 2 },
    );
    sessionLookups.set(db, lookUp);
  }
  return lookUp(tokenHash);
}

export async function resolveSession(deps: IdentityDeps, token: string, now: Date): Promise<ResolvedSession | null> {
  const { db } = deps;
  const tokenHash = tokenDigest(token);
  const row = await lookUpSession(db, tokenHash);
  if (!row || row.state !== 'active') return null;
  const state = sessionState(
    { createdAt: row.session_created_at, lastSeenAt: row.last_seen_at, expiresAt: row.expires_at, revokedAt: row.revoked_at },
    now,
    deps.policy,
  );
  if (state !== 'valid') {
    if (state !== 'revoked') await repo.revokeSession(db, tokenHash, now);
    return null;
  }
  if (!row.is_active) return null;
  let lastSeen = row.last_seen_at;
  if (now.getTime() - lastSeen.getTime() >= TOUCH_INTERVAL_MS) {
    await repo.touchSession(db, tokenHash, now);
    lastSeen = now;
  }
  return {
    actor: actorOf(row),
    tokenHash,
    csrfToken: row.csrf_token,
    mustChangePassword: mustChange(row, now, deps),
    idleExpiresAt: idleExpiry(lastSeen, deps.policy),
    absoluteExpiresAt: row.expires_at,
  };
}

export function isCsrfTokenValid(session: ResolvedSession, presented: string | undefined): boolean {
  return !!presented && safeEqual(session.csrfToken, presented);
}

export async function getSessionInfo(deps: IdentityDeps, ctx: RequestContext, session: ResolvedSession): Promise<SessionInfo> {
  const user = await repo.findUserById(deps.db, requireActor(ctx).userId);
  if (!user) throw new DomainError('UNAUTHENTICATED');
  const info = sessionInfo(user, session.csrfToken, ctx.now, session.absoluteExpiresAt, deps, ctx.now);
  return { ...info, idleExpiresAt: session.idleExpiresAt.toISOString() };
}

export async function logout(deps: IdentityDeps, ctx: RequestContext, session: ResolvedSession): Promise<void> {
  await deps.db.transaction().execute(async (tx) => {
    await repo.revokeSession(tx, session.tokenHash, ctx.now);
    await appendAudit(tx, ctx, { action: 'auth.logout', targetType: 'identity_user', targetId: session.actor.userId });
  });
}

export async function changeOwnPassword(
  deps: IdentityDeps,
  ctx: RequestContext,
  session: ResolvedSession,
  input: ChangePassword,
): Promise<void> {
  const actor = requireActor(ctx);
  const user = await repo.findUserById(deps.db, actor.userId);
  if (!user) throw new DomainError('UNAUTHENTICATED');
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    await recordAuditEvent(deps.db, ctx, {
      action: 'auth.password_change',
      targetType: 'identity_user',
      targetId: user.id,
      after: { reason: 'wrong_current_password' },
      result: 'denied',
    });
    throw DomainError.field('currentPassword', 'password.wrongCurrent');
  }
  if (input.newPassword === input.currentPassword) throw DomainError.field('newPassword', 'password.sameAsOld');
  const violation = policyViolationError(input.newPassword, deps.policy.passwordPolicy, user.username, 'newPassword');
  if (violation) throw violation;
  const passwordHash = await hashPassword(input.newPassword);
  await deps.db.transaction().execute(async (tx) => {
    await repo.updateUserState(tx, user.id, {
      password_hash: passwordHash,
      password_changed_at: ctx.now,
      must_change_password: false,
    });
    // Other sessions of this user end; this one stays.
    await repo.revokeUserSessions(tx, user.id, ctx.now, session.tokenHash);
    await appendAudit(tx, ctx, { action: 'auth.password_change', targetType: 'identity_user', targetId: user.id });
  });
}

/** Optional second factor for roles that do not require one: start enrolment (secret kept until confirmed). */
export async function startTotpSetup(deps: IdentityDeps, ctx: RequestContext): Promise<{ secret: string; otpauthUrl: string }> {
  const actor = requireActor(ctx);
  const user = await repo.findUserById(deps.db, actor.userId);
  if (user?.totp_enabled) throw new DomainError('BUSINESS_RULE_VIOLATED', { key: 'totp.alreadyEnabled' });
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  await deps.db.transaction().execute(async (tx) => {
    await repo.updateUserState(tx, actor.userId, { totp_secret_enc: deps.cipher.encrypt(secret), totp_enabled: false });
    await appendAudit(tx, ctx, { action: 'auth.totp_setup', targetType: 'identity_user', targetId: actor.userId });
  });
  return { secret, otpauthUrl: totpFor(actor.username, secret).toString() };
}

export async function confirmTotpSetup(deps: IdentityDeps, ctx: RequestContext, code: string): Promise<void> {
  const actor = requireActor(ctx);
  const user = await repo.findUserById(deps.db, actor.userId);
  // Signed in already: a wrong code is a form error, not a lost session.
  if (!user?.totp_secret_enc || user.totp_enabled) throw DomainError.field('code', 'totp.wrong');
  const step = matchTotp(user.username, deps.cipher.decrypt(user.totp_secret_enc), code, ctx.now);
  if (step === null) throw DomainError.field('code', 'totp.wrong');
  await deps.db.transaction().execute(async (tx) => {
    await repo.updateUserState(tx, user.id, { totp_enabled: true, totp_last_step: step });
    await appendAudit(tx, ctx, { action: 'auth.totp_enrolled', targetType: 'identity_user', targetId: user.id });
  });
}

// ---------------------------------------------------------------- user administration (安全管理员)

function toUser(row: repo.UserWithScope, now: Date): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    scopeUnitId: row.scope_unit_id,
    scopeUnitName: row.scope_unit_name,
    scopeEnterpriseId: row.scope_enterprise_id,
    scopeEnterpriseName: row.scope_enterprise_name,
    email: row.email,
    phone: row.phone,
    isActive: row.is_active,
    isLocked: isLocked(row.locked_until, now),
    lockedUntil: isLocked(row.locked_until, now) ? row.locked_until!.toISOString() : null,
    totpEnabled: row.totp_enabled,
    mustChangePassword: row.must_change_password,
    lastLoginAt: row.last_login_at?.toISOString() ?? null,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** What the audit trail keeps of a user: no password hash, no second-factor secret. */
function userSnapshot(u: User) {
  const {
    isLocked: _l,
    lockedUntil: _u,
    lastLoginAt: _a,
    createdAt: _c,
    updatedAt: _d,
    scopeUnitName: _s,
    scopeEnterpriseName: _e,
    ...own
  } = u;
  return own;
}

export async function findUsers(deps: IdentityDeps, ctx: RequestContext, query: UserListQuery) {
  const scope = scopeOf(requireActor(ctx), 'user.read');
  const { rows, total } = await repo.findUsers(deps.db, scope.cityCode, query);
  return { items: rows.map((r) => toUser(r, ctx.now)), total, page: query.page, pageSize: query.pageSize };
}

export async function getUserById(deps: IdentityDeps, ctx: RequestContext, id: number): Promise<User> {
  const scope = scopeOf(requireActor(ctx), 'user.read');
  const row = await repo.findUserInCity(deps.db, scope.cityCode, id);
  if (!row) throw notFound();
  return toUser(row, ctx.now);
}

/** Check that role and scope fit together; returns the scope columns to store. */
async function resolveUserScope(
  db: Executor,
  cityCode: string,
  role: Role,
  scopeUnitId: number | null | undefined,
  scopeEnterpriseId: number | null | undefined,
): Promise<{ scope_unit_id: number | null; scope_enterprise_id: number | null }> {
  const rule = ROLE_SCOPE_UNIT_KINDS[role];
  if (rule === 'enterprise') {
    if (!scopeEnterpriseId) throw DomainError.field('scopeEnterpriseId', 'user.enterpriseScopeRequired');
    const enterprise = await getEnterpriseRef(db, cityCode, scopeEnterpriseId);
    if (!enterprise || !enterprise.isActive) throw DomainError.field('scopeEnterpriseId', 'validation.referenceNotFound');
    return { scope_unit_id: null, scope_enterprise_id: enterprise.id };
  }
  if (scopeEnterpriseId) throw DomainError.field('scopeEnterpriseId', 'user.scopeNotAllowed');
  if (rule === 'city') {
    const root = await getCityRoot(db, cityCode);
    if (!root) throw new DomainError('BUSINESS_RULE_VIOLATED');
    if (scopeUnitId && scopeUnitId !== root.id) throw DomainError.field('scopeUnitId', 'user.scopeKind');
    return { scope_unit_id: root.id, scope_enterprise_id: null };
  }
  if (!scopeUnitId) throw DomainError.field('scopeUnitId', 'user.scopeRequired');
  const unit = await getUnitRef(db, cityCode, scopeUnitId);
  if (!unit || !unit.isActive) throw DomainError.field('scopeUnitId', 'validation.referenceNotFound');
  if (!rule.includes(unit.kind)) throw DomainError.field('scopeUnitId', 'user.scopeKind');
  return { scope_unit_id: unit.id, scope_enterprise_id: null };
}

export async function createUser(deps: IdentityDeps, ctx: RequestContext, input: CreateUser): Promise<User> {
  const scope = scopeOf(requireActor(ctx), 'user.manage');
  return await createUserInCity(deps, ctx, scope.cityCode, input, { mustChangePassword: true });
}

/** Shared by the security admin's form and the CLI (first admin). */
export async function createUserInCity(
  deps: IdentityDeps,
  ctx: RequestContext,
  cityCode: string,
  input: CreateUser,
  options: { mustChangePassword: boolean; isDemo?: boolean },
): Promise<User> {
  const violation = policyViolationError(input.password, deps.policy.passwordPolicy, input.username, 'password');
  if (violation) throw violation;
  const passwordHash = await hashPassword(input.password);
  return await deps.db.transaction().execute(async (tx) => {
    const scopeColumns = await resolveUserScope(tx, cityCode, input.role, input.scopeUnitId, input.scopeEnterpriseId);
    if (await repo.findUserByUsername(tx, input.username)) throw DomainError.field('username', 'user.duplicateUsername');
    const id = await repo
      .insertUser(tx, {
        city_code: cityCode,
        username: input.username,
        display_name: input.displayName,
        role: input.role,
        ...scopeColumns,
        email: input.email ?? null,
        phone: input.phone ?? null,
        password_hash: passwordHash,
        password_changed_at: ctx.now,
        must_change_password: options.mustChangePassword,
        is_demo: options.isDemo ?? false,
        created_at: ctx.now,
        updated_at: ctx.now,
      })
      .catch((error: unknown) => {
        if (isUniqueViolation(error)) throw DomainError.field('username', 'user.duplicateUsername');
        throw error;
      });
    const user = toUser((await repo.findUserById(tx, id))!, ctx.now);
    await appendAudit(tx, ctx, { cityCode, action: 'user.create', targetType: 'identity_user', targetId: id, after: userSnapshot(user) });
    return user;
  });
}

async function loadForAdmin(tx: Executor, ctx: RequestContext, id: number) {
  const scope = scopeOf(requireActor(ctx), 'user.manage');
  const row = await repo.findUserInCity(tx, scope.cityCode, id);
  if (!row) throw notFound();
  return { scope, row };
}

async function guardLastSecurityAdmin(tx: Executor, row: repo.UserWithScope, isLeaving: boolean): Promise<void> {
  if (!isLeaving || row.role !== 'security_admin' || !row.is_active) return;
  if ((await repo.countActiveWithRole(tx, row.city_code, 'security_admin')) <= 1) {
    throw new DomainError('BUSINESS_RULE_VIOLATED', { key: 'user.lastSecurityAdmin' });
  }
}

export async function updateUser(deps: IdentityDeps, ctx: RequestContext, id: number, input: UpdateUser): Promise<User> {
  const actor = requireActor(ctx);
  return await deps.db.transaction().execute(async (tx) => {
    const { scope, row } = await loadForAdmin(tx, ctx, id);
    if (row.version !== input.version) throw conflict();
    const role = input.role ?? (row.role as Role);
    const isRoleChange = role !== row.role;
    const isDisable = input.isActive === false && row.is_active;
    if (row.id === actor.userId && (isRoleChange || isDisable)) throw new DomainError('BUSINESS_RULE_VIOLATED', { key: 'user.selfChange' });
    await guardLastSecurityAdmin(tx, row, isRoleChange || isDisable);
    const isScopeChange = isRoleChange || input.scopeUnitId !== undefined || input.scopeEnterpriseId !== undefined;
    const scopeColumns = isScopeChange
      ? await resolveUserScope(
          tx,
          scope.cityCode,
          role,
          input.scopeUnitId !== undefined ? input.scopeUnitId : isRoleChange ? null : row.scope_unit_id,
          input.scopeEnterpriseId !== undefined ? input.scopeEnterpriseId : isRoleChange ? null : row.scope_enterprise_id,
        )
      : {};
    const before = toUser(row, ctx.now);
    const ok = await repo.updateUserVersioned(tx, id, input.version, {
      ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
      ...(input.email !== undefined ? { email: input.email } : {}),
      ...(input.phone !== undefined ? { phone: input.phone } : {}),
      ...(input.isActive !== undefined ? { is_active: input.isActive } : {}),
      role,
      ...scopeColumns,
      // A new role may need a second factor it never had: enrol again at next login.
      ...(isRoleChange ? { totp_enabled: false, totp_secret_enc: null, totp_last_step: null } : {}),
      updated_at: ctx.now,
    });
    if (!ok) throw conflict();
    const changedScope =
      isRoleChange ||
      ('scope_unit_id' in scopeColumns && scopeColumns.scope_unit_id !== row.scope_unit_id) ||
      ('scope_enterprise_id' in scopeColumns && scopeColumns.scope_enterprise_id !== row.scope_enterprise_id);
    // Rights changed or account disabled: every open session ends now.
    if (isDisable || changedScope) await repo.revokeUserSessions(tx, id, ctx.now);
    const after = toUser((await repo.findUserById(tx, id))!, ctx.now);
    await appendAudit(tx, ctx, {
      action: isRoleChange || changedScope ? 'user.grant' : isDisable ? 'user.disable' : 'user.update',
      targetType: 'identity_user',
      targetId: id,
      before: userSnapshot(before),
      after: userSnapshot(after),
    });
    return after;
  });
}

export async function resetPassword(deps: IdentityDeps, ctx: RequestContext, id: number, password: string): Promise<User> {
  const { row } = await loadForAdmin(deps.db, ctx, id);
  const violation = policyViolationError(password, deps.policy.passwordPolicy, row.username, 'password');
  if (violation) throw violation;
  const passwordHash = await hashPassword(password);
  return await deps.db.transaction().execute(async (tx) => {
    await repo.updateUserState(tx, id, {
      password_hash: passwordHash,
      password_changed_at: ctx.now,
      must_change_password: true,
      failed_attempts: 0,
      locked_until: null,
      updated_at: ctx.now,
    });
    await repo.revokeUserSessions(tx, id, ctx.now);
    await appendAudit(tx, ctx, { cityCode: row.city_code, action: 'user.reset_password', targetType: 'identity_user', targetId: id });
    return toUser((await repo.findUserById(tx, id))!, ctx.now);
  });
}

export async function unlockUser(deps: IdentityDeps, ctx: RequestContext, id: number): Promise<User> {
  return await deps.db.transaction().execute(async (tx) => {
    const { row } = await loadForAdmin(tx, ctx, id);
    await repo.updateUserState(tx, id, { failed_attempts: 0, locked_until: null, updated_at: ctx.now });
    await appendAudit(tx, ctx, {
      cityCode: row.city_code,
      action: 'user.unlock',
      targetType: 'identity_user',
      targetId: id,
      before: { lockedUntil: row.locked_until?.toISOString() ?? null, failedAttempts: row.failed_attempts },
    });
    return toUser((await repo.findUserById(tx, id))!, ctx.now);
  });
}

export async function resetTotp(deps: IdentityDeps, ctx: RequestContext, id: number): Promise<User> {
  return await deps.db.transaction().execute(async (tx) => {
    const { row } = await loadForAdmin(tx, ctx, id);
    await repo.updateUserState(tx, id, { totp_enabled: false, totp_secret_enc: null, totp_last_step: null, updated_at: ctx.now });
    await repo.revokeUserSessions(tx, id, ctx.now);
    await appendAudit(tx, ctx, { cityCode: row.city_code, action: 'user.reset_totp', targetType: 'identity_user', targetId: id });
    return toUser((await repo.findUserById(tx, id))!, ctx.now);
  });
}

// ---------------------------------------------------------------- CLI (no session; the operator at the console is the actor)

/** `juli user reset-password` / `user unlock`: by username, across cities. */
export async function findUserIdByUsername(db: Executor, username: string): Promise<{ id: number; cityCode: string } | undefined> {
  const row = await repo.findUserByUsername(db, username);
  return row && { id: row.id, cityCode: row.city_code };
}

export async function consoleResetPassword(deps: IdentityDeps, ctx: RequestContext, username: string, password: string): Promise<void> {
  const row = await repo.findUserByUsername(deps.db, username);
  if (!row) throw notFound();
  const violation = policyViolationError(password, deps.policy.passwordPolicy, row.username, 'password');
  if (violation) throw violation;
  const passwordHash = await hashPassword(password);
  await deps.db.transaction().execute(async (tx) => {
    await repo.updateUserState(tx, row.id, {
      password_hash: passwordHash,
      password_changed_at: ctx.now,
      must_change_password: true,
      failed_attempts: 0,
      locked_until: null,
    });
    await repo.revokeUserSessions(tx, row.id, ctx.now);
    await appendAudit(tx, ctx, { cityCode: row.city_code, action: 'user.reset_password', targetType: 'identity_user', targetId: row.id });
  });
}

export async function consoleUnlock(deps: IdentityDeps, ctx: RequestContext, username: string): Promise<void> {
  const row = await repo.findUserByUsername(deps.db, username);
  if (!row) throw notFound();
  await deps.db.transaction().execute(async (tx) => {
    await repo.updateUserState(tx, row.id, { failed_attempts: 0, locked_until: null });
    await appendAudit(tx, ctx, { cityCode: row.city_code, action: 'user.unlock', targetType: 'identity_user', targetId: row.id });
  });
}

export async function purgeDeadSessions(db: Db, now: Date): Promise<number> {
  return await repo.deleteDeadSessions(db, new Date(now.getTime() - 86_400_000));
}

/** Active users of one role in a city (e.g. the city leaders a project can be tied to). */
export async function findActiveUsersByRole(db: Executor, cityCode: string, role: Role): Promise<{ id: number; displayName: string }[]> {
  const rows = await repo.findActiveByRole(db, cityCode, role);
  return rows.map((r) => ({ id: r.id, displayName: r.display_name }));
}

export async function getUserBrief(db: Executor, cityCode: string, id: number) {
  const row = await repo.findUserInCity(db, cityCode, id);
  return row && { id: row.id, role: row.role as Role, displayName: row.display_name, isActive: row.is_active };
}
