-- Enterprise code protection (企业赋码保护, 扫码入企, PRODUCT §2.9).

-- The city's rules: routine inspections (日常检查) one department may make of one enterprise a year.
CREATE TABLE inspection_settings (
  city_code               char(6) PRIMARY KEY REFERENCES city (code),
  routine_limit_per_year  integer NOT NULL CHECK (routine_limit_per_year BETWEEN 0 AND 12),
  version                 integer NOT NULL DEFAULT 1,
  updated_by              bigint REFERENCES identity_user (id),
  updated_at              timestamptz NOT NULL
);

-- A protected enterprise's code: the token printed in its QR. A re-issue replaces the token
-- (the old QR stops working) and counts up issue_count.
CREATE TABLE enterprise_code (
  city_code      char(6) NOT NULL,
  enterprise_id  bigint NOT NULL,
  token          text NOT NULL UNIQUE,
  issue_count    integer NOT NULL DEFAULT 1,
  issued_by      bigint REFERENCES identity_user (id),
  issued_at      timestamptz NOT NULL,
  PRIMARY KEY (city_code, enterprise_id),
  FOREIGN KEY (city_code, enterprise_id) REFERENCES org_enterprise (city_code, id)
);

-- An inspection registered by scanning the code. The inspectors are [{name, certificateNo}].
CREATE TABLE inspection (
  city_code       char(6) NOT NULL,
  id              bigint GENERATED ALWAYS AS IDENTITY,
  enterprise_id   bigint NOT NULL,
  department_id   bigint NOT NULL,
  year            integer NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('routine','random','complaint','emergency')),
  purpose         text NOT NULL,
  legal_basis     text NOT NULL,
  inspectors      jsonb NOT NULL,
  over_limit      boolean NOT NULL,
  registered_by   bigint NOT NULL REFERENCES identity_user (id),
  registered_at   timestamptz NOT NULL,
  rating          smallint CHECK (rating BETWEEN 1 AND 5),
  rating_comment  text,
  rated_by        bigint REFERENCES identity_user (id),
  rated_at        timestamptz,
  PRIMARY KEY (city_code, id),
  FOREIGN KEY (city_code, enterprise_id) REFERENCES org_enterprise (city_code, id),
  FOREIGN KEY (city_code, department_id) REFERENCES org_unit (city_code, id)
);
CREATE INDEX inspection_year ON inspection (city_code, year, registered_at DESC);
CREATE INDEX inspection_enterprise ON inspection (city_code, enterprise_id, department_id, year);

-- Supervision cases (督办案件): a routine inspection over the limit (opened by the registration
-- itself), or an inspection an enterprise reports as unregistered (未扫码入企).
CREATE TABLE inspection_case (
  city_code      char(6) NOT NULL,
  id             bigint GENERATED ALWAYS AS IDENTITY,
  kind           text NOT NULL CHECK (kind IN ('over_limit','unregistered')),
  status         text NOT NULL DEFAULT 'open' CHECK (status IN ('open','closed')),
  enterprise_id  bigint NOT NULL,
  department_id  bigint NOT NULL,
  inspection_id  bigint,
  occurred_on    date NOT NULL,
  description    text,
  opened_by      bigint REFERENCES identity_user (id),
  opened_at      timestamptz NOT NULL,
  finding        text CHECK (finding IN ('substantiated','unfounded')),
  conclusion     text,
  closed_by      bigint REFERENCES identity_user (id),
  closed_at      timestamptz,
  version        integer NOT NULL DEFAULT 1,
  PRIMARY KEY (city_code, id),
  FOREIGN KEY (city_code, enterprise_id) REFERENCES org_enterprise (city_code, id),
  FOREIGN KEY (city_code, department_id) REFERENCES org_unit (city_code, id),
  FOREIGN KEY (city_code, inspection_id) REFERENCES inspection (city_code, id),
  CHECK ((kind = 'over_limit') = (inspection_id IS NOT NULL)),
  CHECK ((status = 'closed') = (finding IS NOT NULL AND closed_at IS NOT NULL))
);
CREATE INDEX inspection_case_open ON inspection_case (city_code, status, opened_at DESC);
