import { describe, expect, it } from 'vitest';
import { absoluteExpiry, afterFailedLogin, isLocked, sessionState } from './session-policy.js';

const policy = { idleMinutes: 30, absoluteHours: 12 };
const t0 = new Date('2026-03-02T01:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const session = (lastSeenMinutes = 0, revokedAt: Date | null = null) => ({
  createdAt: t0,
  lastSeenAt: at(lastSeenMinutes),
  expiresAt: absoluteExpiry(t0, policy),
  revokedAt,
});

describe(sessionState.name, () => {
  it('is valid within the idle window', () => {
    expect(sessionState(session(), at(29), policy)).toBe('valid');
  });
  it('times out after 30 idle minutes', () => {
    expect(sessionState(session(), at(30), policy)).toBe('idle_timeout');
  });
  it('activity extends the idle window but not past 12 hours', () => {
    expect(sessionState(session(700), at(715), policy)).toBe('valid');
    expect(sessionState(session(715), at(720), policy)).toBe('absolute_timeout');
  });
  it('a revoked session stays revoked', () => {
    expect(sessionState(session(0, at(1)), at(2), policy)).toBe('revoked');
  });
});

describe(afterFailedLogin.name, () => {
  const lockout = { threshold: 5, minutes: 15 };
  it('locks on the fifth failure for 15 minutes', () => {
    let state = { failedAttempts: 0, lockedUntil: null as Date | null };
    for (let i = 1; i <= 4; i++) {
      const next = afterFailedLogin(state, t0, lockout);
      expect(next).toEqual({ failedAttempts: i, lockedUntil: null, isNewLock: false });
      state = next;
    }
    const locked = afterFailedLogin(state, t0, lockout);
    expect(locked.isNewLock).toBe(true);
    expect(locked.lockedUntil).toEqual(at(15));
    expect(isLocked(locked.lockedUntil, at(14))).toBe(true);
    expect(isLocked(locked.lockedUntil, at(15))).toBe(false);
  });
  it('starts counting afresh once a lock has run out', () => {
    const next = afterFailedLogin({ failedAttempts: 3, lockedUntil: at(-1) }, t0, lockout);
    expect(next.failedAttempts).toBe(1);
  });
});
