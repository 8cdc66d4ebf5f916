-- Which extractor version produced a stored plan (knowledge/version.ts); a different version
-- re-extracts an unchanged file at the next ingest. Plans stored before this column get NULL,
-- which never equals a version, so they are extracted again once.
ALTER TABLE plans ADD COLUMN extractor text;
