-- Commitments (承诺兑现制): letters per unit and year with items measured from the platform's
-- data; frozen once signed (changes only by a recorded amendment). Safety-production
-- responsibility letters (安全生产责任状) use the same tables with kind 'safety'.
CREATE TABLE commitment_letter (
  city_code     char(6) NOT NULL REFERENCES city (code),
  id            bigint GENERATED ALWAYS AS IDENTITY,
  unit_id       bigint NOT NULL,
  year          integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  kind          text NOT NULL CHECK (kind IN ('investment','safety')),
  title         text NOT NULL,
  status        text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','signed')),
  signed_on     date,
  scan_file_id  bigint,
  version       integer NOT NULL DEFAULT 1,
  created_by    bigint REFERENCES identity_user (id),
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL,
  PRIMARY KEY (city_code, id),
  UNIQUE (city_code, unit_id, year, kind),
  FOREIGN KEY (city_code, unit_id) REFERENCES org_unit (city_code, id),
  FOREIGN KEY (city_code, scan_file_id) REFERENCES file_blob (city_code, id),
  CHECK ((status = 'signed') = (signed_on IS NOT NULL))
);

CREATE TABLE commitment_item (
  city_code         char(6) NOT NULL,
  id                bigint GENERATED ALWAYS AS IDENTITY,
  letter_id         bigint NOT NULL,
  position          integer NOT NULL,
  kind              text NOT NULL CHECK (kind IN ('project_start','project_investment','project_milestone','project_production','unit_investment','unit_starts','manual')),
  project_id        bigint,
  milestone_kind    text,
  deadline          date NOT NULL,
  committed_amount  numeric(16,4) CHECK (committed_amount >= 0),
  committed_count   integer CHECK (committed_count > 0),
  weight            numeric(8,4) NOT NULL DEFAULT 1 CHECK (weight >= 0),
  description       text,
  -- Manual items: the recorded outcome.
  manual_status     text CHECK (manual_status IN ('fulfilled','missed')),
  manual_on         date,
  manual_evidence   text,
  PRIMARY KEY (city_code, id),
  FOREIGN KEY (city_code, letter_id) REFERENCES commitment_letter (city_code, id) ON DELETE CASCADE,
  FOREIGN KEY (city_code, project_id) REFERENCES project (city_code, id)
);
CREATE INDEX commitment_item_letter ON commitment_item (city_code, letter_id, position);

CREATE TABLE commitment_amendment (
  city_code   char(6) NOT NULL,
  id          bigint GENERATED ALWAYS AS IDENTITY,
  letter_id   bigint NOT NULL,
  reason      text NOT NULL,
  before      jsonb NOT NULL,
  after       jsonb NOT NULL,
  created_by  bigint REFERENCES identity_user (id),
  created_name text,
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (city_code, id),
  FOREIGN KEY (city_code, letter_id) REFERENCES commitment_letter (city_code, id)
);
