-- A bonus/penalty item's evidence document (加减分依据：表彰决定、通报文件的扫描件), optional,
-- kept with the other files; replaced or removed with the item until the period is published.
ALTER TABLE competition_adjustment ADD COLUMN evidence_file_id bigint;
ALTER TABLE competition_adjustment ADD CONSTRAINT competition_adjustment_evidence_file
  FOREIGN KEY (city_code, evidence_file_id) REFERENCES file_blob (city_code, id);
