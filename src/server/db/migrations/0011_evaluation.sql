-- Industrial enterprise evaluation (工业企业高质量发展评价, 亩均论英雄): the evaluation register,
-- annual data by source department, methods as configuration, runs with their results,
-- bonus/penalty entries and objections. Owned by src/server/modules/evaluation/.

-- The spreadsheet import machinery gains a third kind: evaluation data by department.
ALTER TABLE import_job DROP CONSTRAINT import_job_kind_check;
ALTER TABLE import_job ADD CONSTRAINT import_job_kind_check CHECK (kind IN ('projects','deals','evaluation-data'));

-- What the evaluation needs to know about an enterprise besides org's name, code and unit.
CREATE TABLE evaluation_enterprise (
  city_code              char(6) NOT NULL,
  enterprise_id          bigint NOT NULL,
  park_id                bigint,
  industry_code          text NOT NULL,
  scale                  text NOT NULL CHECK (scale IN ('above','below')),
  land_owned_mu          numeric(14,4) NOT NULL CHECK (land_owned_mu >= 0),
  land_leased_mu         numeric(14,4) NOT NULL DEFAULT 0 CHECK (land_leased_mu >= 0),
  production_start_year  integer CHECK (production_start_year BETWEEN 1900 AND 2100),
  flags                  text[] NOT NULL DEFAULT '{}',
  version                integer NOT NULL DEFAULT 1,
  created_at             timestamptz NOT NULL,
  updated_at             timestamptz NOT NULL,
  PRIMARY KEY (city_code, enterprise_id),
  FOREIGN KEY (city_code, enterprise_id) REFERENCES org_enterprise (city_code, id),
  FOREIGN KEY (city_code, park_id) REFERENCES org_unit (city_code, id)
);

-- One annual value per enterprise, field and source department; a re-import by the same source
-- replaces its value (the import record and the stored file keep what came before).
CREATE TABLE evaluation_value (
  city_code       char(6) NOT NULL,
  id              bigint GENERATED ALWAYS AS IDENTITY,
  year            integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  enterprise_id   bigint NOT NULL,
  field           text NOT NULL CHECK (field IN ('tax','salesRevenue','mainRevenue','valueAdded','energyTce','electricity','pollutantEq','rdSpending','employees')),
  value           numeric(18,4) NOT NULL CHECK (value >= 0),
  source_unit_id  bigint NOT NULL,
  import_job_id   bigint,
  filename        text,
  imported_by     bigint REFERENCES identity_user (id),
  imported_at     timestamptz NOT NULL,
  PRIMARY KEY (city_code, id),
  UNIQUE (city_code, year, enterprise_id, field, source_unit_id),
  FOREIGN KEY (city_code, enterprise_id) REFERENCES org_enterprise (city_code, id),
  FOREIGN KEY (city_code, source_unit_id) REFERENCES org_unit (city_code, id),
  FOREIGN KEY (city_code, import_job_id) REFERENCES import_job (city_code, id)
);
CREATE INDEX evaluation_value_source ON evaluation_value (city_code, source_unit_id, year);

-- Two sources disagree: the value the operator chose, and why.
CREATE TABLE evaluation_value_choice (
  city_code       char(6) NOT NULL,
  year            integer NOT NULL,
  enterprise_id   bigint NOT NULL,
  field           text NOT NULL,
  source_unit_id  bigint NOT NULL,
  reason          text NOT NULL,
  resolved_by     bigint REFERENCES identity_user (id),
  resolved_at     timestamptz NOT NULL,
  PRIMARY KEY (city_code, year, enterprise_id, field),
  FOREIGN KEY (city_code, enterprise_id) REFERENCES org_enterprise (city_code, id),
  FOREIGN KEY (city_code, source_unit_id) REFERENCES org_unit (city_code, id)
);

-- A method is configuration (validated by MethodConfigSchema); frozen once results made with it are published.
CREATE TABLE evaluation_method (
  city_code    char(6) NOT NULL REFERENCES city (code),
  id           bigint GENERATED ALWAYS AS IDENTITY,
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  description  text,
  based_on     text,
  config       jsonb NOT NULL,
  is_frozen    boolean NOT NULL DEFAULT false,
  version      integer NOT NULL DEFAULT 1,
  created_by   bigint REFERENCES identity_user (id),
  created_at   timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL,
  PRIMARY KEY (city_code, id)
);

-- Bonus and penalty entries of a year, with evidence.
CREATE TABLE evaluation_adjustment (
  city_code      char(6) NOT NULL,
  id             bigint GENERATED ALWAYS AS IDENTITY,
  year           integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  enterprise_id  bigint NOT NULL,
  item_key       text NOT NULL,
  points         numeric(8,4) NOT NULL CHECK (points > 0),
  evidence       text NOT NULL,
  created_by     bigint REFERENCES identity_user (id),
  created_at     timestamptz NOT NULL,
  PRIMARY KEY (city_code, id),
  FOREIGN KEY (city_code, enterprise_id) REFERENCES org_enterprise (city_code, id)
);
CREATE INDEX evaluation_adjustment_year ON evaluation_adjustment (city_code, year);

-- One evaluation of a year with a method (its configuration copied in): draft → published
-- (公示, objection window) → final; a re-run after corrections supersedes the earlier one.
CREATE TABLE evaluation_run (
  city_code           char(6) NOT NULL REFERENCES city (code),
  id                  bigint GENERATED ALWAYS AS IDENTITY,
  year                integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  method_id           bigint NOT NULL,
  method_name         text NOT NULL,
  config              jsonb NOT NULL,
  run_no              integer NOT NULL,
  status              text NOT NULL CHECK (status IN ('draft','published','final','superseded')),
  objection_deadline  date,
  summary             jsonb NOT NULL,
  created_by          bigint REFERENCES identity_user (id),
  created_at          timestamptz NOT NULL,
  published_at        timestamptz,
  finalized_at        timestamptz,
  PRIMARY KEY (city_code, id),
  UNIQUE (city_code, year, run_no),
  FOREIGN KEY (city_code, method_id) REFERENCES evaluation_method (city_code, id)
);

-- The result of every enterprise of the register in a run, with what it was computed from.
CREATE TABLE evaluation_result (
  city_code      char(6) NOT NULL,
  run_id         bigint NOT NULL,
  enterprise_id  bigint NOT NULL,
  unit_id        bigint NOT NULL,
  county_id      bigint,
  park_id        bigint,
  industry_code  text NOT NULL,
  scale          text NOT NULL,
  land_mu        numeric(16,4) NOT NULL,
  group_key      text,
  status         text NOT NULL CHECK (status IN ('classed','exempt','notCovered','insufficientData')),
  reasons        text[] NOT NULL DEFAULT '{}',
  score          numeric(14,4),
  rank           integer,
  rank_of        integer,
  class          text,
  has_missing    boolean NOT NULL,
  detail         jsonb NOT NULL,
  PRIMARY KEY (city_code, run_id, enterprise_id),
  FOREIGN KEY (city_code, run_id) REFERENCES evaluation_run (city_code, id),
  FOREIGN KEY (city_code, enterprise_id) REFERENCES org_enterprise (city_code, id)
);
CREATE INDEX evaluation_result_class ON evaluation_result (city_code, run_id, class);

CREATE TABLE evaluation_objection (
  city_code      char(6) NOT NULL,
  id             bigint GENERATED ALWAYS AS IDENTITY,
  run_id         bigint NOT NULL,
  enterprise_id  bigint NOT NULL,
  text           text NOT NULL,
  evidence       text NOT NULL,
  status         text NOT NULL CHECK (status IN ('pending','accepted','rejected')),
  resolution     text,
  created_by     bigint REFERENCES identity_user (id),
  created_at     timestamptz NOT NULL,
  resolved_by    bigint REFERENCES identity_user (id),
  resolved_at    timestamptz,
  PRIMARY KEY (city_code, id),
  FOREIGN KEY (city_code, run_id, enterprise_id) REFERENCES evaluation_result (city_code, run_id, enterprise_id)
);
CREATE INDEX evaluation_objection_run ON evaluation_objection (city_code, run_id, status);
