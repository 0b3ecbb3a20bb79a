-- Foundation: tenant cities, organisation units, enterprises, users, sessions, audit chain.
-- Tables that grow carry city_code, and their primary and foreign keys include it, so they
-- can be distributed by city_code (Citus) with co-located joins.

CREATE TABLE city (
  code        char(6) PRIMARY KEY CHECK (code ~ '^[0-9]{6}$'),
  name_zh     text NOT NULL,
  name_en     text,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- 组织单位: city → county-level units → parks / townships; departments; platform companies.
CREATE TABLE org_unit (
  city_code   char(6) NOT NULL REFERENCES city (code),
  id          bigint GENERATED ALWAYS AS IDENTITY,
  parent_id   bigint,
  kind        text NOT NULL CHECK (kind IN ('city','district','county','county_level_city','park','township','department','platform_company')),
  code        char(6) CHECK (code ~ '^[0-9]{6}$'),
  name_zh     text NOT NULL CHECK (length(name_zh) BETWEEN 1 AND 100),
  name_en     text,
  park_level  text CHECK (park_level IN ('national','provincial','other')),
  -- Materialised path of ids, '/1/5/12/': a scope check is a prefix match.
  path        text NOT NULL,
  is_active   boolean NOT NULL DEFAULT true,
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (city_code, id),
  FOREIGN KEY (city_code, parent_id) REFERENCES org_unit (city_code, id),
  CHECK ((kind = 'city') = (parent_id IS NULL))
);
CREATE UNIQUE INDEX org_unit_one_city ON org_unit (city_code) WHERE kind = 'city';
CREATE UNIQUE INDEX org_unit_code ON org_unit (city_code, code) WHERE code IS NOT NULL;
CREATE INDEX org_unit_path ON org_unit (city_code, path text_pattern_ops);
CREATE INDEX org_unit_parent ON org_unit (city_code, parent_id);

-- 企业: identified by the Unified Social Credit Code (GB 32100), validated on input.
CREATE TABLE org_enterprise (
  city_code   char(6) NOT NULL REFERENCES city (code),
  id          bigint GENERATED ALWAYS AS IDENTITY,
  uscc        char(18) NOT NULL CHECK (uscc ~ '^[0-9A-HJ-NP-RTUW-Y]{18}$'),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  unit_id     bigint NOT NULL,
  is_active   boolean NOT NULL DEFAULT true,
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (city_code, id),
  UNIQUE (city_code, uscc),
  FOREIGN KEY (city_code, unit_id) REFERENCES org_unit (city_code, id)
);
CREATE INDEX org_enterprise_unit ON org_enterprise (city_code, unit_id);

CREATE TABLE identity_user (
  id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  city_code            char(6) NOT NULL REFERENCES city (code),
  username             text NOT NULL,
  display_name         text NOT NULL,
  role                 text NOT NULL CHECK (role IN ('city_operator','city_leader','reporting_unit','department','enterprise','system_admin','security_admin','audit_admin')),
  scope_unit_id        bigint,
  scope_enterprise_id  bigint,
  email                text,
  phone                text,
  password_hash        text NOT NULL,
  password_changed_at  timestamptz NOT NULL,
  must_change_password boolean NOT NULL DEFAULT false,
  -- TOTP secret, SM4-CTR encrypted and HMAC-SM3 authenticated (see crypto.ts).
  totp_secret_enc      text,
  totp_enabled         boolean NOT NULL DEFAULT false,
  totp_last_step       bigint,
  failed_attempts      integer NOT NULL DEFAULT 0,
  locked_until         timestamptz,
  is_active            boolean NOT NULL DEFAULT true,
  is_demo              boolean NOT NULL DEFAULT false,
  last_login_at        timestamptz,
  version              integer NOT NULL DEFAULT 1,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (city_code, scope_unit_id) REFERENCES org_unit (city_code, id),
  FOREIGN KEY (city_code, scope_enterprise_id) REFERENCES org_enterprise (city_code, id),
  CHECK ((role = 'enterprise') = (scope_enterprise_id IS NOT NULL)),
  CHECK ((role = 'enterprise') = (scope_unit_id IS NULL))
);
CREATE UNIQUE INDEX identity_user_username ON identity_user (lower(username));
CREATE INDEX identity_user_city ON identity_user (city_code, role);

-- Server-side sessions. Only a hash of the token is stored.
CREATE TABLE identity_session (
  token_hash        text PRIMARY KEY,
  user_id           bigint NOT NULL REFERENCES identity_user (id),
  -- 'pending_totp' between password and second factor; 'active' after.
  state             text NOT NULL CHECK (state IN ('pending_totp','active')),
  csrf_token        text NOT NULL,
  created_at        timestamptz NOT NULL,
  last_seen_at      timestamptz NOT NULL,
  expires_at        timestamptz NOT NULL,
  revoked_at        timestamptz,
  source_ip         text,
  user_agent        text
);
CREATE INDEX identity_session_user ON identity_session (user_id) WHERE revoked_at IS NULL;

-- 审计日志: append-only SM3 hash chain, one chain per city.
CREATE TABLE audit_log (
  city_code      char(6) NOT NULL,
  id             bigint GENERATED ALWAYS AS IDENTITY,
  seq            bigint NOT NULL,
  occurred_at    timestamptz NOT NULL,
  actor_user_id  bigint,
  actor_username text,
  actor_role     text,
  action         text NOT NULL,
  target_type    text,
  target_id      text,
  before         jsonb,
  after          jsonb,
  request_id     text,
  source_ip      text,
  result         text NOT NULL CHECK (result IN ('success','denied','failure')),
  prev_hash      text NOT NULL,
  hash           text NOT NULL,
  PRIMARY KEY (city_code, id),
  UNIQUE (city_code, seq)
);
CREATE INDEX audit_log_time ON audit_log (city_code, occurred_at DESC);
CREATE INDEX audit_log_actor ON audit_log (city_code, actor_username);
CREATE INDEX audit_log_action ON audit_log (city_code, action);

-- The chain head per city: appending locks this row, so concurrent writers queue here.
CREATE TABLE audit_chain_head (
  city_code  char(6) PRIMARY KEY,
  seq        bigint NOT NULL,
  hash       text NOT NULL
);

-- The application never updates or deletes audit rows; the database refuses it too.
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
