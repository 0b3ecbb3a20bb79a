-- Photos of a monthly report (月报照片) and monthly reports imported from Excel.
-- A photo keeps who added it (by name, as report versions do) and, when it was added after
-- the month was locked, why; a month's reports become a kind of spreadsheet import.
ALTER TABLE report_photo ADD COLUMN created_name text;
ALTER TABLE report_photo ADD COLUMN reason text;

ALTER TABLE import_job DROP CONSTRAINT import_job_kind_check;
ALTER TABLE import_job ADD CONSTRAINT import_job_kind_check CHECK (kind IN ('projects','deals','evaluation-data','reports'));
