-- What a note the system writes on a problem's timeline says, as data (who it was assigned to,
-- by when; which escalation step, how far overdue), so each reader sees it in the UI's
-- language. The Chinese note stays as written (documents and exports use it); events whose
-- note a person typed, and events recorded before this migration, have no facts.
ALTER TABLE problem_event ADD COLUMN facts jsonb;
