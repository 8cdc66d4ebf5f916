-- Obligation ids are content-derived ("o-1a2b3c4d", knowledge/obligations/ids.ts) so they survive
-- edits elsewhere in a plan; they no longer sort in document order. `ord` keeps that order
-- (0, 1, 2... within a plan) for listings and the draft report: ORDER BY plan_id, ord.
ALTER TABLE obligations ADD COLUMN ord int NOT NULL DEFAULT 0;
CREATE INDEX obligations_plan_ord ON obligations (plan_id, ord);
