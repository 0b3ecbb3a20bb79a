import type { MessageKey, PasswordPolicy } from '../../../../contracts/index.js';
import { isCommonPassword } from './common-passwords.js';

export interface PolicyViolation {
  key: MessageKey;
  params?: Record<string, number>;
}

/** Character classes of 等保 level 3: upper case, lower case, digits, symbols. */
export function characterClasses(password: string): number {
  return [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
}

/** Every rule the password breaks (empty when it is acceptable). */
export function checkPassword(password: string, policy: PasswordPolicy, username?: string): PolicyViolation[] {
  const violations: PolicyViolation[] = [];
  if ([...password].length < policy.minLength) violations.push({ key: 'password.tooShort', params: { min: policy.minLength } });
  if (characterClasses(password) < policy.minClasses) violations.push({ key: 'password.classes', params: { min: policy.minClasses } });
  if (isCommonPassword(password)) violations.push({ key: 'password.common' });
  if (username && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) {
    violations.push({ key: 'password.containsUsername' });
  }
  return violations;
}

/** True when a maximum age is configured and the password is older than it. */
export function isPasswordExpired(changedAt: Date, now: Date, policy: PasswordPolicy): boolean {
  if (policy.maxAgeDays <= 0) return false;
  return now.getTime() - changedAt.getTime() > policy.maxAgeDays * 86_400_000;
}
