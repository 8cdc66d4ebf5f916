-- A plan whose file left PLANS_DIR is retired, not deleted: answers, forms and nudges no longer use
-- it, and its report entries are still exported under their period (the plan's title and
-- obligations stay for that). NULL: a current plan.
ALTER TABLE plans ADD COLUMN retired_at timestamptz;
