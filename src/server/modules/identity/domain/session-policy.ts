/** Session and lockout rules: pure functions of the stored state and the time. */
export interface SessionTimes {
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}

export interface SessionPolicy {
  idleMinutes: number;
  absoluteHours: number;
}

export type SessionState = 'valid' | 'revoked' | 'idle_timeout' | 'absolute_timeout';

export function sessionState(session: SessionTimes, now: Date, policy: SessionPolicy): SessionState {
  if (session.revokedAt) return 'revoked';
  if (now.getTime() >= session.expiresAt.getTime()) return 'absolute_timeout';
  if (now.getTime() - session.lastSeenAt.getTime() >= policy.idleMinutes * 60_000) return 'idle_timeout';
  return 'valid';
}

export function absoluteExpiry(createdAt: Date, policy: SessionPolicy): Date {
  return new Date(createdAt.getTime() + policy.absoluteHours * 3_600_000);
}

export function idleExpiry(lastSeenAt: Date, policy: SessionPolicy): Date {
  return new Date(lastSeenAt.getTime() + policy.idleMinutes * 60_000);
}

/** Activity is written back at most this often, so reads do not each cost a write. */
export const TOUCH_INTERVAL_MS = 30_000;

export interface LockoutPolicy {
  threshold: number;
  minutes: number;
}

export function isLocked(lockedUntil: Date | null, now: Date): boolean {
  return lockedUntil !== null && lockedUntil.getTime() > now.getTime();
}

/**
 * After a failed password: the new counter, and a lock when the threshold is reached.
 * A lock that has run out starts a fresh count.
 */
export function afterFailedLogin(
  state: { failedAttempts: number; lockedUntil: Date | null },
  now: Date,
  policy: LockoutPolicy,
): { failedAttempts: number; lockedUntil: Date | null; isNewLock: boolean } {
  const base = state.lockedUntil && !isLocked(state.lockedUntil, now) ? 0 : state.failedAttempts;
  const failedAttempts = base + 1;
  if (failedAttempts >= policy.threshold) {
    return { failedAttempts: 0, lockedUntil: new Date(now.getTime() + policy.minutes * 60_000), isNewLock: true };
  }
  return { failedAttempts, lockedUntil: null, isNewLock: false };
}
