import { describe, expect, it } from 'vitest';
import { characterClasses, checkPassword, isPasswordExpired } from './password-policy.js';
import { isCommonPassword } from './common-passwords.js';

const policy = { minLength: 8, minClasses: 3, maxAgeDays: 0 };
const keys = (password: string, username?: string) => checkPassword(password, policy, username).map((v) => v.key);

describe(checkPassword.name, () => {
  it('accepts a long password with three character classes', () => {
    expect(keys('Lotus-Pond#2026')).toEqual([]);
    expect(keys('Hengyang#2026')).toEqual(['password.common']); // the city's name is on the list
    expect(keys('juli-ok-2026x')).toEqual([]);
  });
  it('rejects short passwords with the minimum in the message', () => {
    expect(checkPassword('Ab1#', policy)[0]).toEqual({ key: 'password.tooShort', params: { min: 8 } });
  });
  it('needs three of four classes (等保 level 3)', () => {
    expect(keys('abcdefghij')).toContain('password.classes');
    expect(keys('abcdefgh12')).toContain('password.classes');
    expect(keys('Abcdefgh12')).not.toContain('password.classes');
  });
  it('refuses deny-listed passwords even with decorations', () => {
    expect(keys('Password123!')).toContain('password.common');
    expect(keys('Admin@123')).toContain('password.common');
    expect(keys('Qwerty2026!')).toContain('password.common');
  });
  it('refuses a password containing the username', () => {
    expect(keys('Zhuhui#2026', 'zhuhui')).toContain('password.containsUsername');
  });
  it('honours a stricter configured policy', () => {
    expect(checkPassword('Qkmztw12', { minLength: 12, minClasses: 4, maxAgeDays: 0 }).map((v) => v.key)).toEqual([
      'password.tooShort',
      'password.classes',
    ]);
  });
});

describe(characterClasses.name, () => {
  it('counts upper, lower, digits and symbols', () => {
    expect(characterClasses('aA1!')).toBe(4);
    expect(characterClasses('密码密码')).toBe(1);
  });
});

describe(isCommonPassword.name, () => {
  it('catches runs and repeats', () => {
    expect(isCommonPassword('abcdefgh')).toBe(true);
    expect(isCommonPassword('87654321')).toBe(true);
    expect(isCommonPassword('aaaaaaaa')).toBe(true);
    expect(isCommonPassword('Hengyang#2026x')).toBe(false);
  });
});

describe(isPasswordExpired.name, () => {
  const changed = new Date('2026-01-01T00:00:00Z');
  it('never expires without a maximum age', () => {
    expect(isPasswordExpired(changed, new Date('2030-01-01T00:00:00Z'), policy)).toBe(false);
  });
  it('expires after the configured number of days', () => {
    const aged = { ...policy, maxAgeDays: 90 };
    expect(isPasswordExpired(changed, new Date('2026-03-31T00:00:00Z'), aged)).toBe(false);
    expect(isPasswordExpired(changed, new Date('2026-04-02T00:00:00Z'), aged)).toBe(true);
  });
});
