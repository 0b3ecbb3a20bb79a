import type { ColumnType, Generated } from 'kysely';

/**
 * Kysely table types, written to match migrations/*.sql. A test (schema.test.ts)
 * compares them with the live catalogue so the two cannot drift apart silently.
 */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | null, string | null>;

export interface CityTable {
  code: string;
  name_zh: string;
  name_en: string | null;
  created_at: DefaultTimestamp;
}

export interface OrgUnitTable {
  city_code: string;
  id: Generated<number>;
  parent_id: number | null;
  kind: string;
  code: string | null;
  name_zh: string;
  name_en: string | null;
  park_level: string | null;
  path: string;
  is_active: Generated<boolean>;
  version: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface OrgEnterpriseTable {
  city_code: string;
  id: Generated<number>;
  uscc: string;
  name: string;
  unit_id: number;
  is_active: Generated<boolean>;
  version: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface IdentityUserTable {
  id: Generated<number>;
  city_code: string;
  username: string;
  display_name: string;
  role: string;
  scope_unit_id: number | null;
  scope_enterprise_id: number | null;
  email: string | null;
  phone: string | null;
  password_hash: string;
  password_changed_at: Timestamp;
  must_change_password: Generated<boolean>;
  totp_secret_enc: string | null;
  totp_enabled: Generated<boolean>;
  totp_last_step: number | null;
  failed_attempts: Generated<number>;
  locked_until: Timestamp | null;
  is_active: Generated<boolean>;
  is_demo: Generated<boolean>;
  last_login_at: Timestamp | null;
  version: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface IdentitySessionTable {
  token_hash: string;
  user_id: number;
  state: 'pending_totp' | 'active';
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  source_ip: string | null;
  user_agent: string | null;
}

export interface AuditLogTable {
  city_code: string;
  id: Generated<number>;
  seq: number;
  occurred_at: Timestamp;
  actor_user_id: number | null;
  actor_username: string | null;
  actor_role: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  before: Json;
  after: Json;
  request_id: string | null;
  source_ip: string | null;
  result: string;
  prev_hash: string;
  hash: string;
}

export interface AuditChainHeadTable {
  city_code: string;
  seq: number;
  hash: string;
}

export interface SchemaMigrationTable {
  name: string;
  checksum: string;
  applied_at: DefaultTimestamp;
}

export interface Database {
  city: CityTable;
  org_unit: OrgUnitTable;
  org_enterprise: OrgEnterpriseTable;
  identity_user: IdentityUserTable;
  identity_session: IdentitySessionTable;
  audit_log: AuditLogTable;
  audit_chain_head: AuditChainHeadTable;
  schema_migration: SchemaMigrationTable;
}
