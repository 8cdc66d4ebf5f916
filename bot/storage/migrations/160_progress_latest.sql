-- What the progress board reads, kept up to date on every write by triggers, in the writing
-- transaction, on PGlite and PostgreSQL alike; the rows already stored are backfilled here.
--
-- progress_latest: for each (period, plan, unit) one row holding the latest live entry of each of
-- that plan's tasks as one JSON object {"obligation id": [status, percent, updated_at in ms, entry
-- id]}. The board reads a few hundred such rows where it used to pick the latest of every entry of
-- the period (13,000 entries took over a second on PGlite). Entries on no task (plan or obligation
-- empty) are not here: the board shows tasks only; the report reads report_entries itself.
CREATE TABLE progress_latest (
  period  text NOT NULL,
  plan_id text NOT NULL,
  unit_id int  NOT NULL,
  cells   json NOT NULL,
  PRIMARY KEY (period, plan_id, unit_id)
);

-- A unit's last update (any period) is one index probe instead of a scan of its entries.
CREATE INDEX report_entries_unit_updated ON report_entries (unit_id, updated_at) WHERE withdrawn_at IS NULL;

-- Recomputes the rows of the given (plan, unit, period) keys from report_entries.
CREATE FUNCTION progress_latest_refresh(plans text[], units int[], periods text[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  k record;
BEGIN
  -- Writers of the same row take turns (replicas sharing one PostgreSQL): each key's lock is one
  -- of 64, taken in one order so two writers never wait on each other and a bulk write holds at
  -- most 64 locks. Under READ COMMITTED each statement below then sees every entry committed
  -- before the lock was granted.
  FOR k IN SELECT DISTINCT hashtext(x.p || '|' || x.u || '|' || x.d) & 63 AS h
             FROM unnest(plans, units, periods) AS x(p, u, d) ORDER BY 1 LOOP
    PERFORM pg_advisory_xact_lock(7351160, k.h);
  END LOOP;
  DELETE FROM progress_latest l
   USING unnest(plans, units, periods) AS x(p, u, d)
   WHERE l.plan_id = x.p AND l.unit_id = x.u AND l.period = x.d;
  INSERT INTO progress_latest (period, plan_id, unit_id, cells)
  SELECT e.period, e.plan_id, e.unit_id,
         json_object_agg(e.obligation_id, json_build_array(e.status, e.percent, (extract(epoch FROM e.updated_at) * 1000)::bigint, e.id))
    FROM (SELECT DISTINCT ON (r.period, r.plan_id, r.unit_id, r.obligation_id) r.*
            FROM report_entries r
            JOIN (SELECT DISTINCT * FROM unnest(plans, units, periods) AS x(p, u, d)) x
              ON r.plan_id = x.p AND r.unit_id = x.u AND r.period = x.d
           WHERE r.withdrawn_at IS NULL AND r.obligation_id IS NOT NULL
           ORDER BY r.period, r.plan_id, r.unit_id, r.obligation_id, r.updated_at DESC, r.id DESC) e
   GROUP BY e.period, e.plan_id, e.unit_id;
END $$;

-- One statement-level trigger per event: the keys come from the rows the statement wrote (old
-- and new, as an edit may move an entry to another task or period), so a bulk insert recomputes
-- each row once.
CREATE FUNCTION progress_latest_on_write() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  plans text[];
  units int[];
  periods text[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(p), array_agg(u), array_agg(d) INTO plans, units, periods
      FROM (SELECT DISTINCT plan_id, unit_id, period FROM new_rows WHERE plan_id IS NOT NULL AND obligation_id IS NOT NULL) AS k(p, u, d);
  ELSIF TG_OP = 'UPDATE' THEN
    SELECT array_agg(p), array_agg(u), array_agg(d) INTO plans, units, periods
      FROM (SELECT plan_id, unit_id, period FROM new_rows WHERE plan_id IS NOT NULL AND obligation_id IS NOT NULL
             UNION
            SELECT plan_id, unit_id, period FROM old_rows WHERE plan_id IS NOT NULL AND obligation_id IS NOT NULL) AS k(p, u, d);
  ELSE
    SELECT array_agg(p), array_agg(u), array_agg(d) INTO plans, units, periods
      FROM (SELECT DISTINCT plan_id, unit_id, period FROM old_rows WHERE plan_id IS NOT NULL AND obligation_id IS NOT NULL) AS k(p, u, d);
  END IF;
  IF plans IS NOT NULL THEN
    PERFORM progress_latest_refresh(plans, units, periods);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER progress_latest_insert AFTER INSERT ON report_entries
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION progress_latest_on_write();
CREATE TRIGGER progress_latest_update AFTER UPDATE ON report_entries
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION progress_latest_on_write();
CREATE TRIGGER progress_latest_delete AFTER DELETE ON report_entries
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION progress_latest_on_write();

-- Backfill: the entries stored before this migration.
SELECT progress_latest_refresh(array_agg(p), array_agg(u), array_agg(d))
  FROM (SELECT DISTINCT plan_id, unit_id, period FROM report_entries WHERE plan_id IS NOT NULL AND obligation_id IS NOT NULL) AS k(p, u, d);

-- The units responsible for each task as one array (obligation_units aggregated), kept up to date
-- by triggers on obligation_units: the board reads 100 rows instead of grouping 20,000 links.
CREATE TABLE obligation_unit_lists (
  plan_id       text  NOT NULL,
  obligation_id text  NOT NULL,
  unit_ids      int[] NOT NULL,
  PRIMARY KEY (plan_id, obligation_id)
);

CREATE FUNCTION obligation_unit_lists_refresh(plans text[], obligations text[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  k record;
BEGIN
  -- As in progress_latest_refresh: one of 64 locks per key, in one order.
  FOR k IN SELECT DISTINCT hashtext(x.p || '|' || x.o) & 63 AS h FROM unnest(plans, obligations) AS x(p, o) ORDER BY 1 LOOP
    PERFORM pg_advisory_xact_lock(7351161, k.h);
  END LOOP;
  DELETE FROM obligation_unit_lists l USING unnest(plans, obligations) AS x(p, o) WHERE l.plan_id = x.p AND l.obligation_id = x.o;
  INSERT INTO obligation_unit_lists (plan_id, obligation_id, unit_ids)
  SELECT ou.plan_id, ou.obligation_id, array_agg(ou.unit_id ORDER BY ou.unit_id)
    FROM obligation_units ou
    JOIN (SELECT DISTINCT * FROM unnest(plans, obligations) AS x(p, o)) x ON ou.plan_id = x.p AND ou.obligation_id = x.o
   GROUP BY ou.plan_id, ou.obligation_id;
END $$;

CREATE FUNCTION obligation_unit_lists_on_write() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  plans text[];
  obligations text[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(p), array_agg(o) INTO plans, obligations FROM (SELECT DISTINCT plan_id, obligation_id FROM new_rows) AS k(p, o);
  ELSIF TG_OP = 'UPDATE' THEN
    SELECT array_agg(p), array_agg(o) INTO plans, obligations
      FROM (SELECT plan_id, obligation_id FROM new_rows UNION SELECT plan_id, obligation_id FROM old_rows) AS k(p, o);
  ELSE
    SELECT array_agg(p), array_agg(o) INTO plans, obligations FROM (SELECT DISTINCT plan_id, obligation_id FROM old_rows) AS k(p, o);
  END IF;
  IF plans IS NOT NULL THEN
    PERFORM obligation_unit_lists_refresh(plans, obligations);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER obligation_unit_lists_insert AFTER INSERT ON obligation_units
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION obligation_unit_lists_on_write();
CREATE TRIGGER obligation_unit_lists_update AFTER UPDATE ON obligation_units
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION obligation_unit_lists_on_write();
CREATE TRIGGER obligation_unit_lists_delete AFTER DELETE ON obligation_units
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION obligation_unit_lists_on_write();

SELECT obligation_unit_lists_refresh(array_agg(p), array_agg(o))
  FROM (SELECT DISTINCT plan_id, obligation_id FROM obligation_units) AS k(p, o);
