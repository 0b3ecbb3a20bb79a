import { z } from 'zod';
import { ACTIONS, ROLES } from './permissions.js';

export const UsernameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9_.-]{2,31}$/, 'username.invalid');

/** Shape only; the password policy (length, classes, deny-list) is checked by the server. */
export const PasswordSchema = z.string().min(1).max(128);

export const TotpCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'totp.code');

export const LoginRequestSchema = z
  .object({
    username: z.string().trim().min(1).max(64),
    password: z.string().min(1).max(128),
  })
  .strict();
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

export const TotpRequestSchema = z.object({ code: TotpCodeSchema }).strict();
export type TotpRequest = z.infer<typeof TotpRequestSchema>;

export const SessionUserSchema = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  cityCode: z.string(),
  cityName: z.string(),
  cityNameEn: z.string().nullable(),
  scopeUnitId: z.number().nullable(),
  scopeUnitName: z.string().nullable(),
  scopeUnitNameEn: z.string().nullable(),
  scopeEnterpriseId: z.number().nullable(),
  scopeEnterpriseName: z.string().nullable(),
  totpEnabled: z.boolean(),
});
export type SessionUser = z.infer<typeof SessionUserSchema>;

export const SessionInfoSchema = z.object({
  user: SessionUserSchema,
  permissions: z.array(z.enum(ACTIONS)),
  csrfToken: z.string(),
  mustChangePassword: z.boolean(),
  /** Why the password must change: set by an administrator (reset) or older than the policy allows (expired). */
  passwordChangeReason: z.enum(['reset', 'expired']).nullable(),
  idleExpiresAt: z.string(),
  absoluteExpiresAt: z.string(),
});
export type SessionInfo = z.infer<typeof SessionInfoSchema>;

export const LoginResponseSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('ok'), session: SessionInfoSchema }),
  z.object({ status: z.literal('totp_required') }),
  /** First login of an account that must use a second factor: show the secret (QR) and ask for a code. */
  z.object({ status: z.literal('totp_enrollment_required'), secret: z.string(), otpauthUrl: z.string() }),
]);
export type LoginResponse = z.infer<typeof LoginResponseSchema>;

export const ChangePasswordSchema = z
  .object({
    currentPassword: z.string().min(1).max(128),
    newPassword: PasswordSchema,
  })
  .strict();
export type ChangePassword = z.infer<typeof ChangePasswordSchema>;

export const TotpSetupSchema = z.object({ secret: z.string(), otpauthUrl: z.string() });
export type TotpSetup = z.infer<typeof TotpSetupSchema>;

export const PasswordPolicySchema = z.object({
  minLength: z.number().int(),
  minClasses: z.number().int(),
  maxAgeDays: z.number().int(),
});
export type PasswordPolicy = z.infer<typeof PasswordPolicySchema>;

/** Public facts the login page needs before anyone signs in. */
export const MetaSchema = z.object({
  version: z.string(),
  isDemo: z.boolean(),
  cityName: z.string().nullable(),
  cityNameEn: z.string().nullable(),
  passwordPolicy: PasswordPolicySchema,
  /** Only in demo mode: the demo accounts, so a visitor can try each role. */
  demoAccounts: z.array(z.object({ username: z.string(), role: z.enum(ROLES), password: z.string() })),
});
export type Meta = z.infer<typeof MetaSchema>;
