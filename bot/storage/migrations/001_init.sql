-- The base schema. Migrations are applied in order of their number, each in a transaction, and
-- recorded in schema_migrations. Never edit an applied migration: add a new file.

CREATE TABLE plans (
  id          text PRIMARY KEY,            -- file name without extension
  file        text NOT NULL,
  sha256      text NOT NULL,
  title       text NOT NULL,
  meta        jsonb NOT NULL,              -- PlanMeta
  doc         jsonb NOT NULL,              -- the whole Plan (text, sections, sentences, obligations)
  ingested_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sections (
  plan_id   text NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  id        text NOT NULL,
  number    text NOT NULL,
  title     text NOT NULL,
  level     int  NOT NULL,
  parent_id text,
  path      text NOT NULL,
  PRIMARY KEY (plan_id, id)
);

CREATE TABLE obligations (
  plan_id     text NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  id          text NOT NULL,
  section_id  text NOT NULL,
  section     text NOT NULL,
  responsible jsonb NOT NULL,              -- string[]
  task        text NOT NULL,
  recipient   text,
  schedule    jsonb NOT NULL,              -- ScheduleItem[]
  quote       text NOT NULL,
  PRIMARY KEY (plan_id, id)
);

CREATE TABLE units (
  id         serial PRIMARY KEY,
  name       text NOT NULL,
  name_key   text NOT NULL UNIQUE,         -- folded lower-case name, for matching
  source     text NOT NULL DEFAULT 'admin' CHECK (source IN ('plan', 'admin')),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Which units are responsible for which obligation (from the plans' responsible names).
CREATE TABLE obligation_units (
  plan_id       text NOT NULL,
  obligation_id text NOT NULL,
  unit_id       int  NOT NULL REFERENCES units(id) ON DELETE CASCADE,
  PRIMARY KEY (plan_id, obligation_id, unit_id),
  FOREIGN KEY (plan_id, obligation_id) REFERENCES obligations(plan_id, id) ON DELETE CASCADE
);

CREATE TABLE users (
  id           serial PRIMARY KEY,
  name         text NOT NULL,
  unit_id      int REFERENCES units(id),
  role         text NOT NULL CHECK (role IN ('admin', 'coordinator', 'member')),
  plan_id      text,                       -- the plan the user works under, when known
  nudges_muted boolean NOT NULL DEFAULT false,
  created_at   timestamptz NOT NULL DEFAULT now()
);

-- A person's identity on a channel (Teams user id, Zalo uid, web session user, console user).
CREATE TABLE identities (
  channel         text NOT NULL,
  channel_user_id text NOT NULL,
  user_id         int  NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (channel, channel_user_id)
);

CREATE TABLE invites (
  code       text PRIMARY KEY,
  unit_id    int  NOT NULL REFERENCES units(id),
  role       text NOT NULL CHECK (role IN ('admin', 'coordinator', 'member')),
  created_by int REFERENCES users(id),
  expires_at timestamptz NOT NULL,
  used_by    int REFERENCES users(id),
  used_at    timestamptz
);

-- Where to reach a user proactively; stored by the adapters on every turn and on install.
CREATE TABLE addresses (
  channel          text NOT NULL,
  conversation_key text NOT NULL,
  channel_user_id  text NOT NULL,
  user_id          int REFERENCES users(id) ON DELETE SET NULL,
  data             jsonb NOT NULL,
  dead             boolean NOT NULL DEFAULT false,
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (channel, conversation_key)
);
CREATE INDEX addresses_user ON addresses (user_id) WHERE NOT dead;

CREATE TABLE report_entries (
  id                bigserial PRIMARY KEY,
  unit_id           int  NOT NULL REFERENCES units(id),
  reporter_id       int  NOT NULL REFERENCES users(id),
  plan_id           text,                  -- no FK: a re-ingested plan must not delete reports
  obligation_id     text,
  period            text NOT NULL,         -- 2026-H1, 2026, 2026-Q2, 2026-09, 2026-9M
  status            text NOT NULL CHECK (status IN ('chưa bắt đầu', 'đang thực hiện', 'hoàn thành', 'vướng mắc')),
  percent           int CHECK (percent BETWEEN 0 AND 100),
  note              text NOT NULL DEFAULT '',
  channel           text NOT NULL,
  source_message_id text NOT NULL,
  withdrawn_at      timestamptz,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  UNIQUE (channel, source_message_id)
);
CREATE INDEX report_entries_unit_period ON report_entries (unit_id, period) WHERE withdrawn_at IS NULL;

-- One row per nudge (user, obligation, occurrence, offset): the unique key makes delivery exactly-once.
CREATE TABLE nudge_log (
  key             text PRIMARY KEY,
  user_id         int  NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  plan_id         text NOT NULL,
  obligation_id   text NOT NULL,
  occurrence      date NOT NULL,           -- the occurrence's last day
  offset_days     int  NOT NULL,
  status          text NOT NULL CHECK (status IN ('claimed', 'sent', 'failed', 'dead', 'skipped')),
  attempts        int  NOT NULL DEFAULT 0,
  claimed_by      text,
  claimed_at      timestamptz,
  sent_at         timestamptz,
  next_attempt_at timestamptz,
  last_error      text
);

CREATE TABLE audit_log (
  id            bigserial PRIMARY KEY,
  at            timestamptz NOT NULL DEFAULT now(),
  actor_user_id int,
  action        text NOT NULL,             -- e.g. entry.create, entry.edit, entry.withdraw, invite.create, user.register
  entity        text,
  entity_id     text,
  before        jsonb,
  after         jsonb
);
