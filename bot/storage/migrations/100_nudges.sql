-- Deadline nudges (bot/nudges): what each nudge_log row sends, per-obligation mutes, snoozes and
-- deadlines set by the office for periods a plan gives no date.

-- 'nudge' rows remind one user of one occurrence; 'escalation' rows are a coordinator's daily
-- summary (plan_id and obligation_id '*', occurrence = the day of the summary).
ALTER TABLE nudge_log ADD COLUMN kind text NOT NULL DEFAULT 'nudge' CHECK (kind IN ('nudge', 'escalation'));
-- What to render when sending (task, plan, last day, units...), kept so a retry or a recovered
-- claim sends the same nudge.
ALTER TABLE nudge_log ADD COLUMN payload jsonb;
CREATE INDEX nudge_log_pending ON nudge_log (status, next_attempt_at) WHERE status IN ('claimed', 'failed');
CREATE INDEX nudge_log_user_sent ON nudge_log (user_id, sent_at DESC) WHERE status = 'sent';
CREATE INDEX nudge_log_occurrence ON nudge_log (occurrence);

-- "tắt nhắc việc này": one user stops the nudges of one obligation ("tắt nhắc" mutes all: users.nudges_muted).
CREATE TABLE nudge_mutes (
  user_id       int  NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  plan_id       text NOT NULL,
  obligation_id text NOT NULL,
  muted_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, plan_id, obligation_id)
);

-- "nhắc lại sau 2 ngày": no nudge of this occurrence to this user before `until`, then one.
CREATE TABLE nudge_snoozes (
  user_id       int  NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  plan_id       text NOT NULL,
  obligation_id text NOT NULL,
  occurrence    date NOT NULL,             -- the occurrence's last day
  until         date NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, plan_id, obligation_id, occurrence)
);

-- "đặt hạn báo cáo 6 tháng 15/6": a date the office set for a period the plan states without one.
-- No foreign key: re-ingesting a plan must not drop what the office decided.
CREATE TABLE office_deadlines (
  plan_id       text NOT NULL,
  obligation_id text NOT NULL,
  period        text NOT NULL CHECK (period IN ('once', 'monthly', 'quarterly', 'half_year', 'nine_months', 'yearly', 'multi_year', 'ad_hoc')),
  due           jsonb NOT NULL,            -- a Due (knowledge/types.ts)
  set_by        int REFERENCES users(id) ON DELETE SET NULL,
  set_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (plan_id, obligation_id, period)
);
