-- Reporting rhythm (日反馈·月报): monthly reports as immutable versions, returns, month locks,
-- photos, daily feedback, and funds won from higher government (争资).

-- The state of a reporting month of a city: its due date and its lock.
CREATE TABLE report_month (
  city_code  char(6) NOT NULL REFERENCES city (code),
  month      date NOT NULL CHECK (extract(day FROM month) = 1),
  due_on     date NOT NULL,
  locked_at  timestamptz,
  locked_by  bigint REFERENCES identity_user (id),
  PRIMARY KEY (city_code, month)
);

-- Every saved monthly report is a new version; nothing is overwritten. The latest version of
-- a project-month is its current figure; after the month is locked a new version is a
-- correction with a reason.
CREATE TABLE report_version (
  city_code      char(6) NOT NULL,
  id             bigint GENERATED ALWAYS AS IDENTITY,
  project_id     bigint NOT NULL,
  month          date NOT NULL CHECK (extract(day FROM month) = 1),
  version        integer NOT NULL CHECK (version >= 1),
  kind           text NOT NULL CHECK (kind IN ('submission','correction')),
  investment     numeric(16,4) NOT NULL CHECK (investment >= 0),
  progress_text  text,
  problems_text  text,
  explanation    text,
  reason         text,
  submitted_by   bigint REFERENCES identity_user (id),
  submitted_name text,
  submitted_at   timestamptz NOT NULL,
  PRIMARY KEY (city_code, id),
  UNIQUE (city_code, project_id, month, version),
  FOREIGN KEY (city_code, project_id) REFERENCES project (city_code, id),
  CHECK (kind = 'submission' OR reason IS NOT NULL)
);
CREATE INDEX report_version_month ON report_version (city_code, month, project_id, version DESC);

-- A report sent back for correction by the city.
CREATE TABLE report_return (
  city_code    char(6) NOT NULL,
  id           bigint GENERATED ALWAYS AS IDENTITY,
  project_id   bigint NOT NULL,
  month        date NOT NULL,
  of_version   integer NOT NULL,
  reason       text NOT NULL,
  returned_by  bigint REFERENCES identity_user (id),
  returned_name text,
  returned_at  timestamptz NOT NULL,
  PRIMARY KEY (city_code, id),
  FOREIGN KEY (city_code, project_id) REFERENCES project (city_code, id)
);
CREATE INDEX report_return_month ON report_return (city_code, month, project_id);

CREATE TABLE report_photo (
  city_code   char(6) NOT NULL,
  id          bigint GENERATED ALWAYS AS IDENTITY,
  project_id  bigint NOT NULL,
  month       date NOT NULL,
  file_id     bigint NOT NULL,
  taken_at    timestamptz,
  latitude    numeric(9,6),
  longitude   numeric(9,6),
  created_by  bigint REFERENCES identity_user (id),
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (city_code, id),
  FOREIGN KEY (city_code, project_id) REFERENCES project (city_code, id),
  FOREIGN KEY (city_code, file_id) REFERENCES file_blob (city_code, id)
);
CREATE INDEX report_photo_month ON report_photo (city_code, project_id, month);

-- 日反馈: short dated notes on a project's timeline.
CREATE TABLE daily_feedback (
  city_code   char(6) NOT NULL,
  id          bigint GENERATED ALWAYS AS IDENTITY,
  project_id  bigint NOT NULL,
  noted_on    date NOT NULL,
  text        text NOT NULL,
  author_id   bigint REFERENCES identity_user (id),
  author_name text,
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (city_code, id),
  FOREIGN KEY (city_code, project_id) REFERENCES project (city_code, id)
);
CREATE INDEX daily_feedback_project ON daily_feedback (city_code, project_id, noted_on DESC);

-- 争资: funds won from higher government, a leaderboard figure. Rows are never changed: a
-- correction is a new row that supersedes the old one, with a reason; the current rows are
-- those nothing supersedes.
CREATE TABLE funds_won (
  city_code   char(6) NOT NULL REFERENCES city (code),
  id          bigint GENERATED ALWAYS AS IDENTITY,
  unit_id     bigint NOT NULL,
  project_id  bigint,
  source      text NOT NULL CHECK (source IN ('central_budget','special_bonds','provincial_funds','policy_finance','other')),
  amount      numeric(16,4) NOT NULL CHECK (amount >= 0),
  won_on      date NOT NULL,
  note        text,
  supersedes_id bigint,
  reason      text,
  created_by  bigint REFERENCES identity_user (id),
  created_name text,
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (city_code, id),
  FOREIGN KEY (city_code, supersedes_id) REFERENCES funds_won (city_code, id),
  CHECK (supersedes_id IS NULL OR reason IS NOT NULL),
  FOREIGN KEY (city_code, unit_id) REFERENCES org_unit (city_code, id),
  FOREIGN KEY (city_code, project_id) REFERENCES project (city_code, id)
);
CREATE INDEX funds_won_unit ON funds_won (city_code, unit_id, won_on);
CREATE UNIQUE INDEX funds_won_superseded_once ON funds_won (city_code, supersedes_id) WHERE supersedes_id IS NOT NULL;
