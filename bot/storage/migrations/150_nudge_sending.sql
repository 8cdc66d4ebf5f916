-- Exactly-once nudges: a row is 'sending' from just before the channel is called until it is marked
-- sent. A 'sending' row left by a process that died may already have reached the user, so it is
-- never sent again (at most once); only 'claimed' rows (nothing sent yet) are taken over.
ALTER TABLE nudge_log DROP CONSTRAINT IF EXISTS nudge_log_status_check;
ALTER TABLE nudge_log ADD CONSTRAINT nudge_log_status_check CHECK (status IN ('claimed', 'sending', 'sent', 'failed', 'dead', 'skipped'));
DROP INDEX IF EXISTS nudge_log_pending;
CREATE INDEX nudge_log_pending ON nudge_log (status, next_attempt_at) WHERE status IN ('claimed', 'sending', 'failed');
