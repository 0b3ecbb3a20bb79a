-- The 红黄榜 (red list: ahead of schedule; yellow list: lagging) frozen with a month's
-- publication, as the lights stood on the month's last day. Months published before this
-- existed keep honours_frozen = false: they never had lists, none are made up for them.
ALTER TABLE board_publication ADD COLUMN honours_frozen boolean NOT NULL DEFAULT false;

CREATE TABLE board_honour (
  city_code     char(6) NOT NULL,
  month         date NOT NULL,
  list          text NOT NULL CHECK (list IN ('red','yellow')),
  position      integer NOT NULL,
  project_id    bigint NOT NULL,
  project_name  text NOT NULL,
  unit_id       bigint NOT NULL,
  unit_name     text NOT NULL,
  due_by_now    numeric(16,4) NOT NULL,
  ytd           numeric(16,4) NOT NULL,
  ratio         double precision,
  -- The light's reasons as keys and parameters; translated when read.
  reasons       jsonb NOT NULL DEFAULT '[]',
  PRIMARY KEY (city_code, month, list, project_id),
  FOREIGN KEY (city_code, month) REFERENCES board_publication (city_code, month)
);
