-- Project registry (项目库) and deal filing (招商项目备案). Money is numeric(16,4) in 万元.

-- Uploaded files (contract scans, evidence, imported workbooks). Kept in the database so a
-- backup of the database is a backup of everything.
CREATE TABLE file_blob (
  city_code     char(6) NOT NULL REFERENCES city (code),
  id            bigint GENERATED ALWAYS AS IDENTITY,
  purpose       text NOT NULL,
  filename      text NOT NULL,
  content_type  text NOT NULL,
  size_bytes    integer NOT NULL CHECK (size_bytes >= 0),
  sm3           char(64) NOT NULL,
  data          bytea NOT NULL,
  created_by    bigint REFERENCES identity_user (id),
  created_at    timestamptz NOT NULL,
  PRIMARY KEY (city_code, id)
);

-- Per-city settings of the registry: configurable lists and thresholds (see registry settings contract).
CREATE TABLE registry_setting (
  city_code   char(6) PRIMARY KEY REFERENCES city (code),
  settings    jsonb NOT NULL,
  version     integer NOT NULL DEFAULT 1,
  updated_at  timestamptz NOT NULL
);

CREATE TABLE project (
  city_code               char(6) NOT NULL REFERENCES city (code),
  id                      bigint GENERATED ALWAYS AS IDENTITY,
  -- National investment project code (项目代码, GB/T 40058), verbatim with hyphens.
  code                    varchar(24) CHECK (code ~ '^[0-9]{4}-[0-9]{6}-[0-9]{2}-[0-9]{2}-[0-9A-Z]{6}$'),
  name                    text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  owner_enterprise_id     bigint,
  unit_id                 bigint NOT NULL,
  park_id                 bigint,
  industry_code           text NOT NULL,
  industry_chain          text,
  category                text NOT NULL CHECK (category IN ('industrial','infrastructure','social','ecological','agricultural','service','other')),
  level                   text NOT NULL CHECK (level IN ('provincial','city','county')),
  kind                    text NOT NULL CHECK (kind IN ('new','continuing','preparatory')),
  total_investment        numeric(16,4) NOT NULL CHECK (total_investment >= 0),
  planned_start_on        date,
  planned_end_on          date,
  latitude                numeric(9,6) CHECK (latitude BETWEEN -90 AND 90),
  longitude               numeric(9,6) CHECK (longitude BETWEEN -180 AND 180),
  liaison_leader_user_id  bigint REFERENCES identity_user (id),
  responsible_unit_id     bigint,
  description             text,
  version                 integer NOT NULL DEFAULT 1,
  created_at              timestamptz NOT NULL,
  updated_at              timestamptz NOT NULL,
  PRIMARY KEY (city_code, id),
  FOREIGN KEY (city_code, owner_enterprise_id) REFERENCES org_enterprise (city_code, id),
  FOREIGN KEY (city_code, unit_id) REFERENCES org_unit (city_code, id),
  FOREIGN KEY (city_code, park_id) REFERENCES org_unit (city_code, id),
  FOREIGN KEY (city_code, responsible_unit_id) REFERENCES org_unit (city_code, id),
  CHECK (planned_end_on IS NULL OR planned_start_on IS NULL OR planned_end_on >= planned_start_on)
);
CREATE UNIQUE INDEX project_code ON project (city_code, code) WHERE code IS NOT NULL;
CREATE INDEX project_unit ON project (city_code, unit_id);
CREATE INDEX project_owner ON project (city_code, owner_enterprise_id);
CREATE INDEX project_name ON project (city_code, name);

-- Lifecycle milestones, each with a planned and an actual date.
CREATE TABLE project_milestone (
  city_code   char(6) NOT NULL,
  project_id  bigint NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('filing','land','permits','start','topping_out','completion','production')),
  planned_on  date,
  actual_on   date,
  PRIMARY KEY (city_code, project_id, kind),
  FOREIGN KEY (city_code, project_id) REFERENCES project (city_code, id) ON DELETE CASCADE
);
CREATE INDEX project_milestone_start ON project_milestone (city_code, kind, actual_on);

-- 专班: the task force of a project.
CREATE TABLE project_task_force_member (
  city_code   char(6) NOT NULL,
  project_id  bigint NOT NULL,
  position    integer NOT NULL,
  name        text NOT NULL,
  role        text NOT NULL,
  phone       text,
  PRIMARY KEY (city_code, project_id, position),
  FOREIGN KEY (city_code, project_id) REFERENCES project (city_code, id) ON DELETE CASCADE
);

-- Annual plan: planned investment of a year and its monthly schedule (12 amounts or none).
CREATE TABLE project_annual_plan (
  city_code           char(6) NOT NULL,
  project_id          bigint NOT NULL,
  year                integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  planned_investment  numeric(16,4) NOT NULL CHECK (planned_investment >= 0),
  monthly             numeric(16,4)[] CHECK (monthly IS NULL OR cardinality(monthly) = 12),
  PRIMARY KEY (city_code, project_id, year),
  FOREIGN KEY (city_code, project_id) REFERENCES project (city_code, id) ON DELETE CASCADE
);

-- What changed in each version of a project, for its history tab (business history, not the audit trail).
CREATE TABLE project_revision (
  city_code     char(6) NOT NULL,
  project_id    bigint NOT NULL,
  version       integer NOT NULL,
  changed_at    timestamptz NOT NULL,
  actor_user_id bigint,
  actor_name    text,
  source        text NOT NULL CHECK (source IN ('form','import','deal')),
  changes       jsonb NOT NULL,
  PRIMARY KEY (city_code, project_id, version),
  FOREIGN KEY (city_code, project_id) REFERENCES project (city_code, id) ON DELETE CASCADE
);

CREATE TABLE deal (
  city_code              char(6) NOT NULL REFERENCES city (code),
  id                     bigint GENERATED ALWAYS AS IDENTITY,
  unit_id                bigint NOT NULL,
  kind                   text NOT NULL CHECK (kind IN ('new','resign','upgrade','capital_increase')),
  predecessor_deal_id    bigint,
  project_name           text NOT NULL CHECK (length(project_name) BETWEEN 1 AND 200),
  investor_name          text NOT NULL,
  investor_uscc          char(18),
  contracted_amount      numeric(16,4) NOT NULL CHECK (contracted_amount >= 0),
  counted_amount         numeric(16,4) NOT NULL CHECK (counted_amount >= 0),
  industry_code          text NOT NULL,
  source                 text NOT NULL,
  signed_on              date NOT NULL,
  filed_on               date NOT NULL,
  filing_delay_days      integer NOT NULL,
  is_late_filing         boolean NOT NULL,
  registration_deadline  date,
  capital_schedule       jsonb NOT NULL DEFAULT '[]',
  start_deadline         date,
  production_deadline    date,
  stage                  text NOT NULL CHECK (stage IN ('signed','fulfilling','landed','started','in_production','stalled','terminated')),
  stage_on               date NOT NULL,
  stage_reason           text,
  duplicate_key          text NOT NULL,
  duplicate_status       text NOT NULL DEFAULT 'none' CHECK (duplicate_status IN ('none','flagged','kept','excluded')),
  duplicate_of_deal_id   bigint,
  project_id             bigint,
  is_high_tech           boolean NOT NULL DEFAULT false,
  is_strategic_emerging  boolean NOT NULL DEFAULT false,
  planned_rd_amount      numeric(16,4),
  planned_energy_tce     numeric(16,4),
  planned_annual_output  numeric(16,4),
  expected_annual_tax    numeric(16,4),
  land_area_mu           numeric(16,4),
  three_quantities       jsonb NOT NULL,
  contract_file_id       bigint,
  note                   text,
  created_by             bigint REFERENCES identity_user (id),
  version                integer NOT NULL DEFAULT 1,
  created_at             timestamptz NOT NULL,
  updated_at             timestamptz NOT NULL,
  PRIMARY KEY (city_code, id),
  FOREIGN KEY (city_code, unit_id) REFERENCES org_unit (city_code, id),
  FOREIGN KEY (city_code, predecessor_deal_id) REFERENCES deal (city_code, id),
  FOREIGN KEY (city_code, duplicate_of_deal_id) REFERENCES deal (city_code, id),
  FOREIGN KEY (city_code, project_id) REFERENCES project (city_code, id),
  FOREIGN KEY (city_code, contract_file_id) REFERENCES file_blob (city_code, id),
  CHECK ((kind = 'new') = (predecessor_deal_id IS NULL))
);
CREATE INDEX deal_unit_signed ON deal (city_code, unit_id, signed_on);
CREATE INDEX deal_signed ON deal (city_code, signed_on);
CREATE INDEX deal_duplicate_key ON deal (city_code, duplicate_key);
CREATE INDEX deal_project ON deal (city_code, project_id);

-- Every stage change of a deal, in order: dated, by whom, with reason and evidence.
CREATE TABLE deal_stage_event (
  city_code      char(6) NOT NULL,
  id             bigint GENERATED ALWAYS AS IDENTITY,
  deal_id        bigint NOT NULL,
  from_stage     text,
  to_stage       text NOT NULL,
  occurred_on    date NOT NULL,
  reason         text,
  evidence       text,
  actor_user_id  bigint,
  actor_name     text,
  recorded_at    timestamptz NOT NULL,
  PRIMARY KEY (city_code, id),
  FOREIGN KEY (city_code, deal_id) REFERENCES deal (city_code, id)
);
CREATE INDEX deal_stage_event_deal ON deal_stage_event (city_code, deal_id, occurred_on, id);

-- Annual attraction target (招商引资目标) per unit: the denominator of 招引率.
CREATE TABLE deal_target (
  city_code  char(6) NOT NULL,
  unit_id    bigint NOT NULL,
  year       integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  amount     numeric(16,4) NOT NULL CHECK (amount >= 0),
  PRIMARY KEY (city_code, unit_id, year),
  FOREIGN KEY (city_code, unit_id) REFERENCES org_unit (city_code, id)
);

-- Spreadsheet imports: progress for large files, the result, and the annotated workbook of errors.
CREATE TABLE import_job (
  city_code        char(6) NOT NULL REFERENCES city (code),
  id               bigint GENERATED ALWAYS AS IDENTITY,
  kind             text NOT NULL CHECK (kind IN ('projects','deals')),
  status           text NOT NULL CHECK (status IN ('running','succeeded','failed')),
  filename         text NOT NULL,
  file_sm3         char(64) NOT NULL,
  total_rows       integer NOT NULL DEFAULT 0,
  processed_rows   integer NOT NULL DEFAULT 0,
  created_count    integer NOT NULL DEFAULT 0,
  updated_count    integer NOT NULL DEFAULT 0,
  unchanged_count  integer NOT NULL DEFAULT 0,
  errors           jsonb NOT NULL DEFAULT '[]',
  annotated_file_id bigint,
  created_by       bigint REFERENCES identity_user (id),
  created_at       timestamptz NOT NULL,
  finished_at      timestamptz,
  PRIMARY KEY (city_code, id),
  FOREIGN KEY (city_code, annotated_file_id) REFERENCES file_blob (city_code, id)
);
