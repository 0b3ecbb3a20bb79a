import { z } from 'zod';
import { UsernameSchema, PasswordSchema } from './auth.js';
import { IdSchema, LIMITS, PageQuerySchema, QueryBooleanSchema, VersionSchema, pageOf } from './common.js';
import { ROLES } from './permissions.js';

export const UserSchema = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  scopeUnitId: z.number().nullable(),
  scopeUnitName: z.string().nullable(),
  scopeEnterpriseId: z.number().nullable(),
  scopeEnterpriseName: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  isActive: z.boolean(),
  isLocked: z.boolean(),
  lockedUntil: z.string().nullable(),
  totpEnabled: z.boolean(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type User = z.infer<typeof UserSchema>;

export const UserListQuerySchema = PageQuerySchema.extend({
  q: z.string().trim().max(LIMITS.searchMax).optional(),
  role: z.enum(ROLES).optional(),
  isActive: QueryBooleanSchema.optional(),
}).strict();
export type UserListQuery = z.infer<typeof UserListQuerySchema>;
export const UserPageSchema = pageOf(UserSchema);

const EmailSchema = z.string().trim().max(200).email();
const PhoneSchema = z
  .string()
  .trim()
  .regex(/^[0-9+\-\s]{5,20}$/);

export const CreateUserSchema = z
  .object({
    username: UsernameSchema,
    displayName: z.string().trim().min(1).max(LIMITS.nameMax),
    role: z.enum(ROLES),
    scopeUnitId: IdSchema.nullable().optional(),
    scopeEnterpriseId: IdSchema.nullable().optional(),
    email: EmailSchema.nullable().optional(),
    phone: PhoneSchema.nullable().optional(),
    /** Initial password; the user must change it at first login. */
    password: PasswordSchema,
  })
  .strict();
export type CreateUser = z.infer<typeof CreateUserSchema>;

export const UpdateUserSchema = z
  .object({
    version: VersionSchema,
    displayName: z.string().trim().min(1).max(LIMITS.nameMax).optional(),
    role: z.enum(ROLES).optional(),
    scopeUnitId: IdSchema.nullable().optional(),
    scopeEnterpriseId: IdSchema.nullable().optional(),
    email: EmailSchema.nullable().optional(),
    phone: PhoneSchema.nullable().optional(),
    isActive: z.boolean().optional(),
  })
  .strict();
export type UpdateUser = z.infer<typeof UpdateUserSchema>;

export const ResetPasswordSchema = z.object({ password: PasswordSchema }).strict();
export type ResetPassword = z.infer<typeof ResetPasswordSchema>;
