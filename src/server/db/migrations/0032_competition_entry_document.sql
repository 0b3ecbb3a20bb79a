-- The document behind an entered indicator's values for a period (录入指标的依据文件: the
-- assessment report, the ranking notice), one per indicator and period, covering every unit's
-- value; replaced until the period is published.
CREATE TABLE competition_entry_document (
  city_code      char(6) NOT NULL,
  scheme_id      bigint NOT NULL,
  period         text NOT NULL CHECK (period IN ('Q1','Q2','Q3','Q4','Y')),
  indicator_key  text NOT NULL,
  file_id        bigint NOT NULL,
  uploaded_by    bigint REFERENCES identity_user (id),
  uploaded_name  text,
  uploaded_at    timestamptz NOT NULL,
  PRIMARY KEY (city_code, scheme_id, period, indicator_key),
  FOREIGN KEY (city_code, scheme_id) REFERENCES competition_scheme (city_code, id) ON DELETE CASCADE,
  FOREIGN KEY (city_code, file_id) REFERENCES file_blob (city_code, id)
);
