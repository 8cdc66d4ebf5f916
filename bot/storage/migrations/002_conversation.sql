-- Conversation state kept in the database (never in memory, so replicas and restarts agree):
-- the numbered choice the bot asked for, and the plan an invite binds its user to.

ALTER TABLE invites ADD COLUMN plan_id text;

-- A question the bot asked and the next message answers ("1", "2"): one per channel identity.
CREATE TABLE pending_choices (
  channel         text NOT NULL,
  channel_user_id text NOT NULL,
  kind            text NOT NULL,           -- e.g. 'update.obligation'
  payload         jsonb NOT NULL,
  expires_at      timestamptz NOT NULL,
  PRIMARY KEY (channel, channel_user_id)
);

-- The day an update says the work was done ("đã gửi ngày 20/11"), when it says one.
ALTER TABLE report_entries ADD COLUMN done_on date;

CREATE INDEX report_entries_reporter ON report_entries (reporter_id, created_at DESC);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
