-- Units named by a plan as a collective ("Ủy ban nhân dân các phường, xã") are kept (they are what
-- the plan names) but marked, so invites and listings can prefer real units ("UBND phường Bắc
-- Hồng"). obligation_units links each real unit a collective covers (bot/users/unit-coverage.ts).
-- Existing rows are marked by refreshUnitCoverage() when the app starts.
ALTER TABLE units ADD COLUMN collective boolean NOT NULL DEFAULT false;
