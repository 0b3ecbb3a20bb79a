-- Scale leaderboards (规模榜单): a published month is a frozen snapshot of the four boards,
-- with the corrections to earlier published months it notes, and its generated documents.
CREATE TABLE board_publication (
  city_code         char(6) NOT NULL REFERENCES city (code),
  month             date NOT NULL CHECK (extract(day FROM month) = 1),
  published_at      timestamptz NOT NULL,
  published_by      bigint REFERENCES identity_user (id),
  published_name    text,
  annual_task       numeric(16,4),
  corrections       jsonb NOT NULL DEFAULT '[]',
  briefing_file_id  bigint,
  workbook_file_id  bigint,
  PRIMARY KEY (city_code, month),
  FOREIGN KEY (city_code, briefing_file_id) REFERENCES file_blob (city_code, id),
  FOREIGN KEY (city_code, workbook_file_id) REFERENCES file_blob (city_code, id)
);

CREATE TABLE board_entry (
  city_code      char(6) NOT NULL,
  month          date NOT NULL,
  metric         text NOT NULL CHECK (metric IN ('attracted','fundsWon','completed','majorProjects')),
  unit_id        bigint NOT NULL,
  unit_name      text NOT NULL,
  value          numeric(16,4) NOT NULL,
  count          integer,
  rank           integer NOT NULL,
  previous_rank  integer,
  PRIMARY KEY (city_code, month, metric, unit_id),
  FOREIGN KEY (city_code, month) REFERENCES board_publication (city_code, month)
);
