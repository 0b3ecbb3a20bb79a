import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe(loadConfig.name, () => {
  it('defaults to the embedded database in demo mode on loopback', () => {
    const config = loadConfig({});
    expect(config.db.mode).toBe('embedded');
    expect(config.isDemo).toBe(true);
    expect(config.http).toMatchObject({ port: 3000, host: '127.0.0.1' });
    expect(config.auth).toMatchObject({ idleMinutes: 30, absoluteHours: 12, lockoutThreshold: 5, lockoutMinutes: 15 });
    expect(config.auth.passwordPolicy).toEqual({ minLength: 8, minClasses: 3, maxAgeDays: 0 });
  });

  it('never runs the demo on an external server, and listens on all interfaces there', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://juli@db/juli', JULI_SECRET: 'x'.repeat(32), JULI_DEMO: 'true' });
    expect(config.db.mode).toBe('external');
    expect(config.isDemo).toBe(false);
    expect(config.http.host).toBe('0.0.0.0');
  });

  it('lists every problem at once', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', JULI_PASSWORD_MIN_LENGTH: '4', JULI_COOKIE_SECURE: 'maybe' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/PORT/);
      expect(problems).toMatch(/DATABASE_URL/);
      expect(problems).toMatch(/JULI_PASSWORD_MIN_LENGTH/);
      expect(problems).toMatch(/JULI_COOKIE_SECURE/);
    }
  });

  it('requires a secret with an external database', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://juli@db/juli' })).toThrow(/JULI_SECRET/);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' })).toMatchObject({ db: { mode: 'embedded' }, http: { port: 3000 } });
  });

  it('HOST overrides the demo loopback default', () => {
    expect(loadConfig({ HOST: '0.0.0.0' }).http.host).toBe('0.0.0.0');
  });
});
