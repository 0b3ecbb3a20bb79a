-- The audit chain is sealed after commit (decision 0004, revised): a business transaction
-- inserts its record unsealed (seq, prev_hash, hash NULL) and takes no city-wide lock; one
-- sealer per city links committed records into the SM3 chain right after, in batches.
ALTER TABLE audit_log
  ALTER COLUMN seq DROP NOT NULL,
  ALTER COLUMN prev_hash DROP NOT NULL,
  ALTER COLUMN hash DROP NOT NULL,
  ADD CONSTRAINT audit_log_sealed_whole CHECK ((seq IS NULL) = (hash IS NULL) AND (seq IS NULL) = (prev_hash IS NULL));
-- What the sealer reads: only the few records not sealed yet.
CREATE INDEX audit_log_unsealed ON audit_log (city_code, id) WHERE seq IS NULL;

-- Still refused: DELETE and TRUNCATE, and any UPDATE except sealing a record once, which
-- sets the three seal columns of an unsealed record and changes nothing else.
DROP TRIGGER audit_log_append_only ON audit_log;
CREATE TRIGGER audit_log_append_only BEFORE DELETE OR TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
CREATE FUNCTION audit_log_seal_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.seq IS NOT NULL OR NEW.seq IS NULL
     OR (to_jsonb(NEW) - 'seq' - 'prev_hash' - 'hash') IS DISTINCT FROM (to_jsonb(OLD) - 'seq' - 'prev_hash' - 'hash') THEN
    RAISE EXCEPTION 'audit_log is append-only';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER audit_log_seal_once BEFORE UPDATE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_seal_once();
