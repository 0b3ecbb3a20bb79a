-- Competition for excellence (争先创优, 赛马): a year's indicator system (groups of indicators
-- with points, each with its source and scoring rule), values entered with evidence for the
-- indicators the platform does not measure, and bonus/penalty items (加减分) per unit and
-- period. Scores and ranks are never stored: they are computed from these rows and the
-- platform's data as of the period's end.
CREATE TABLE competition_scheme (
  city_code      char(6) NOT NULL REFERENCES city (code),
  id             bigint GENERATED ALWAYS AS IDENTITY,
  year           integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  title          text NOT NULL,
  status         text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','active')),
  -- [{key, nameZh, nameEn, indicators: [{key, nameZh, nameEn, points, source, rule}]}], frozen once active.
  groups         jsonb NOT NULL,
  reward_count   integer NOT NULL CHECK (reward_count BETWEEN 0 AND 10),
  warning_count  integer NOT NULL CHECK (warning_count BETWEEN 0 AND 10),
  version        integer NOT NULL DEFAULT 1,
  created_by     bigint REFERENCES identity_user (id),
  created_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL,
  activated_at   timestamptz,
  PRIMARY KEY (city_code, id),
  UNIQUE (city_code, year)
);

CREATE TABLE competition_entry (
  city_code      char(6) NOT NULL,
  scheme_id      bigint NOT NULL,
  period         text NOT NULL CHECK (period IN ('Q1','Q2','Q3','Q4','Y')),
  indicator_key  text NOT NULL,
  unit_id        bigint NOT NULL,
  value          numeric NOT NULL,
  evidence       text NOT NULL,
  entered_by     bigint REFERENCES identity_user (id),
  entered_name   text,
  entered_at     timestamptz NOT NULL,
  PRIMARY KEY (city_code, scheme_id, period, indicator_key, unit_id),
  FOREIGN KEY (city_code, scheme_id) REFERENCES competition_scheme (city_code, id) ON DELETE CASCADE,
  FOREIGN KEY (city_code, unit_id) REFERENCES org_unit (city_code, id)
);

CREATE TABLE competition_adjustment (
  city_code      char(6) NOT NULL,
  id             bigint GENERATED ALWAYS AS IDENTITY,
  scheme_id      bigint NOT NULL,
  period         text NOT NULL CHECK (period IN ('Q1','Q2','Q3','Q4','Y')),
  unit_id        bigint NOT NULL,
  points         numeric(6,2) NOT NULL CHECK (points <> 0 AND points BETWEEN -20 AND 20),
  reason         text NOT NULL,
  evidence       text NOT NULL,
  created_by     bigint REFERENCES identity_user (id),
  created_name   text,
  created_at     timestamptz NOT NULL,
  PRIMARY KEY (city_code, id),
  FOREIGN KEY (city_code, scheme_id) REFERENCES competition_scheme (city_code, id) ON DELETE CASCADE,
  FOREIGN KEY (city_code, unit_id) REFERENCES org_unit (city_code, id)
);
CREATE INDEX competition_adjustment_period ON competition_adjustment (city_code, scheme_id, period);
