import {
  type AuditResult,
  AuditPageSchema,
  AuditVerifySchema,
  type ChangePassword,
  type CreateEnterprise,
  type CreateUnit,
  type CreateUser,
  EnterpriseLookupSchema,
  EnterprisePageSchema,
  EnterpriseSchema,
  type LoginRequest,
  LoginResponseSchema,
  MetaSchema,
  OkSchema,
  type ResetPassword,
  type Role,
  SessionInfoSchema,
  SystemInfoSchema,
  type TotpRequest,
  TotpSetupSchema,
  type UnitKind,
  UnitPageSchema,
  UnitSchema,
  UnitTreeSchema,
  type UpdateEnterprise,
  type UpdateUnit,
  type UpdateUser,
  UserPageSchema,
  UserSchema,
} from '../../../src/contracts/index.js';
import { call, rememberCsrfToken } from './client';
import { downloadFile } from './download';

export interface PageParams {
  page: number;
  pageSize: number;
}
export interface UnitFilter {
  q?: string;
  kind?: UnitKind;
  parentId?: number;
  isActive?: boolean;
}
export interface EnterpriseFilter {
  q?: string;
  unitId?: number;
  isActive?: boolean;
}
export interface UserFilter {
  q?: string;
  role?: Role;
  isActive?: boolean;
}
/** from/to are ISO date-times with an offset (the server refuses anything else). */
export interface AuditFilter {
  from?: string;
  to?: string;
  actor?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  requestId?: string;
  result?: AuditResult;
}

/** Every endpoint the web UI calls, typed by the contracts. */
export const api = {
  meta: () => call('GET', '/api/v1/meta', MetaSchema),

  auth: {
    session: async () => {
      const session = await call('GET', '/api/v1/auth/session', SessionInfoSchema);
      rememberCsrfToken(session.csrfToken);
      return session;
    },
    login: async (body: LoginRequest) => {
      const reply = await call('POST', '/api/v1/auth/login', LoginResponseSchema, { body });
      if (reply.status === 'ok') rememberCsrfToken(reply.session.csrfToken);
      return reply;
    },
    loginTotp: async (body: TotpRequest) => {
      const reply = await call('POST', '/api/v1/auth/login/totp', LoginResponseSchema, { body });
      if (reply.status === 'ok') rememberCsrfToken(reply.session.csrfToken);
      return reply;
    },
    logout: async () => {
      try {
        return await call('POST', '/api/v1/auth/logout', OkSchema);
      } finally {
        rememberCsrfToken(null);
      }
    },
    changePassword: (body: ChangePassword) => call('POST', '/api/v1/auth/password', OkSchema, { body }),
    totpSetup: () => call('POST', '/api/v1/auth/totp/setup', TotpSetupSchema),
    totpConfirm: (body: TotpRequest) => call('POST', '/api/v1/auth/totp/confirm', OkSchema, { body }),
  },

  units: {
    list: (query: UnitFilter & PageParams) => call('GET', '/api/v1/org/units', UnitPageSchema, { query: { ...query } }),
    tree: () => call('GET', '/api/v1/org/units/tree', UnitTreeSchema),
    get: (id: number) => call('GET', `/api/v1/org/units/${id}`, UnitSchema),
    create: (body: CreateUnit) => call('POST', '/api/v1/org/units', UnitSchema, { body }),
    update: (id: number, body: UpdateUnit) => call('PATCH', `/api/v1/org/units/${id}`, UnitSchema, { body }),
  },

  enterprises: {
    list: (query: EnterpriseFilter & PageParams) => call('GET', '/api/v1/org/enterprises', EnterprisePageSchema, { query: { ...query } }),
    lookup: (q: string) => call('GET', '/api/v1/org/enterprises/lookup', EnterpriseLookupSchema, { query: { q } }),
    get: (id: number) => call('GET', `/api/v1/org/enterprises/${id}`, EnterpriseSchema),
    create: (body: CreateEnterprise) => call('POST', '/api/v1/org/enterprises', EnterpriseSchema, { body }),
    update: (id: number, body: UpdateEnterprise) => call('PATCH', `/api/v1/org/enterprises/${id}`, EnterpriseSchema, { body }),
  },

  users: {
    list: (query: UserFilter & PageParams) => call('GET', '/api/v1/admin/users', UserPageSchema, { query: { ...query } }),
    get: (id: number) => call('GET', `/api/v1/admin/users/${id}`, UserSchema),
    create: (body: CreateUser) => call('POST', '/api/v1/admin/users', UserSchema, { body }),
    update: (id: number, body: UpdateUser) => call('PATCH', `/api/v1/admin/users/${id}`, UserSchema, { body }),
    resetPassword: (id: number, body: ResetPassword) => call('POST', `/api/v1/admin/users/${id}/reset-password`, UserSchema, { body }),
    unlock: (id: number) => call('POST', `/api/v1/admin/users/${id}/unlock`, UserSchema),
    resetTotp: (id: number) => call('POST', `/api/v1/admin/users/${id}/reset-totp`, UserSchema),
  },

  audit: {
    list: (query: AuditFilter & PageParams) => call('GET', '/api/v1/audit/records', AuditPageSchema, { query: { ...query } }),
    verify: () => call('GET', '/api/v1/audit/verify', AuditVerifySchema),
    export: (query: AuditFilter, fallbackName: string) => downloadFile('/api/v1/audit/records/export', { ...query }, fallbackName),
  },

  system: {
    info: () => call('GET', '/api/v1/system/info', SystemInfoSchema),
  },
} as const;
