-- Secrets every replica must share (the web session signing key when WEB_SESSION_SECRET is not
-- set): generated once by the first replica, read by the others.
CREATE TABLE app_secrets (
  name       text PRIMARY KEY,
  value      text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Web chat sessions. The cookie carries a random token; only its SHA-256 is stored. `identity` is
-- the web user's stable id (channel_user_id of the web channel), kept across a rotation.
CREATE TABLE web_sessions (
  token_hash   text PRIMARY KEY,
  identity     text NOT NULL,
  created_at   timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  revoked_at   timestamptz
);
CREATE INDEX web_sessions_identity ON web_sessions (identity);
