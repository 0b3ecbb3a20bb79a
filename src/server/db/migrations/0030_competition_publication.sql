-- A competition period's results as published (争先创优考评结果): once the period is over the
-- operator publishes them; from then on they are the frozen record the units were told (scores,
-- ranks, commended and warned), and the period's entered values and adjustments are closed.
CREATE TABLE competition_publication (
  city_code       char(6) NOT NULL,
  scheme_id       bigint NOT NULL,
  period          text NOT NULL CHECK (period IN ('Q1','Q2','Q3','Q4','Y')),
  -- CompetitionResults without `published`.
  results         jsonb NOT NULL,
  published_by    bigint REFERENCES identity_user (id),
  published_name  text,
  published_at    timestamptz NOT NULL,
  PRIMARY KEY (city_code, scheme_id, period),
  FOREIGN KEY (city_code, scheme_id) REFERENCES competition_scheme (city_code, id) ON DELETE CASCADE
);
