import { type Action, type Locale, type Role, type ScopeKind, scopeFor } from '../../contracts/index.js';
import { DomainError } from './domain-error.js';

/** Who is acting: resolved from the session on every request. */
export interface Actor {
  userId: number;
  username: string;
  role: Role;
  cityCode: string;
  scopeUnitId: number | null;
  /** Materialised path of the scope unit ('/1/5/'); null for enterprise accounts. */
  scopeUnitPath: string | null;
  scopeEnterpriseId: number | null;
}

/** What a service needs to know about the request: the actor, the time, and what goes into audit records. */
export interface RequestContext {
  actor: Actor | null;
  requestId: string;
  sourceIp: string | null;
  locale: Locale;
  now: Date;
  /** Cities this request appended audit records for: the sealer is kicked for them after the response. */
  auditedCities?: Set<string>;
}

/** The rows an action may reach for this actor. Repos turn it into a WHERE clause. */
export type Scope =
  | { kind: 'city'; cityCode: string }
  | { kind: 'subtree'; cityCode: string; unitId: number; path: string }
  | { kind: 'enterprise'; cityCode: string; enterpriseId: number };

export function requireActor(ctx: RequestContext): Actor {
  if (!ctx.actor) throw new DomainError('UNAUTHENTICATED');
  return ctx.actor;
}

/**
 * The scope of `action` for the actor, from the permission matrix. Throws FORBIDDEN when
 * the role may not do it at all (routes check this first and audit the denial).
 */
export function scopeOf(actor: Actor, action: Action): Scope {
  const kind: ScopeKind | undefined = scopeFor(actor.role, action);
  if (kind === 'city') return { kind: 'city', cityCode: actor.cityCode };
  if (kind === 'subtree' && actor.scopeUnitId !== null && actor.scopeUnitPath !== null) {
    return { kind: 'subtree', cityCode: actor.cityCode, unitId: actor.scopeUnitId, path: actor.scopeUnitPath };
  }
  if (kind === 'enterprise' && actor.scopeEnterpriseId !== null) {
    return { kind: 'enterprise', cityCode: actor.cityCode, enterpriseId: actor.scopeEnterpriseId };
  }
  throw new DomainError('FORBIDDEN');
}
