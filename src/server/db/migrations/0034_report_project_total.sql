-- Each project's reported investment in all: the sum of its current monthly figures (the
-- latest version of every month it reported), and the last month it reported. The statement
-- that writes versions keeps both (reports/repo.ts writeVersions adds each new version's
-- difference from the one before), so the figures of a month no earlier than the last read
-- the total and the months of the year instead of every month the project ever reported
-- (decision 0022).
CREATE TABLE report_project_total (
  city_code  char(6) NOT NULL,
  project_id bigint NOT NULL,
  investment numeric NOT NULL,
  last_month date NOT NULL,
  PRIMARY KEY (city_code, project_id),
  FOREIGN KEY (city_code, project_id) REFERENCES project (city_code, id)
);

INSERT INTO report_project_total (city_code, project_id, investment, last_month)
SELECT city_code, project_id, sum(investment), max(month)
FROM (
  SELECT DISTINCT ON (city_code, project_id, month) city_code, project_id, month, investment
  FROM report_version
  ORDER BY city_code, project_id, month, version DESC
) AS current
GROUP BY city_code, project_id;
