-- progress_latest's cells in a compact form: one flat JSON array per row,
-- [obligation id, status, percent, updated_at in ms, entry id, obligation id, ...], the status as
-- its index in ('chưa bắt đầu', 'đang thực hiện', 'hoàn thành', 'vướng mắc'), the order of STATUSES
-- in bot/updates/status.ts and of report_entries' CHECK. The object of 160 repeated each status's
-- words and spaces in every cell: 600 KB for 200 units × 100 tasks, whose parsing was most of the
-- board's read; this is about half the bytes and one array per row instead of one per cell.
CREATE OR REPLACE FUNCTION progress_latest_refresh(plans text[], units int[], periods text[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  k record;
BEGIN
  -- As in 160: one of 64 locks per key, taken in one order.
  FOR k IN SELECT DISTINCT hashtext(x.p || '|' || x.u || '|' || x.d) & 63 AS h
             FROM unnest(plans, units, periods) AS x(p, u, d) ORDER BY 1 LOOP
    PERFORM pg_advisory_xact_lock(7351160, k.h);
  END LOOP;
  DELETE FROM progress_latest l
   USING unnest(plans, units, periods) AS x(p, u, d)
   WHERE l.plan_id = x.p AND l.unit_id = x.u AND l.period = x.d;
  INSERT INTO progress_latest (period, plan_id, unit_id, cells)
  SELECT e.period, e.plan_id, e.unit_id,
         ('[' || string_agg(
                   concat_ws(',', to_json(e.obligation_id)::text,
                             array_position(ARRAY['chưa bắt đầu', 'đang thực hiện', 'hoàn thành', 'vướng mắc'], e.status) - 1,
                             coalesce(e.percent::text, 'null'),
                             (extract(epoch FROM e.updated_at) * 1000)::bigint,
                             e.id),
                   ',' ORDER BY e.obligation_id) || ']')::json
    FROM (SELECT DISTINCT ON (r.period, r.plan_id, r.unit_id, r.obligation_id) r.*
            FROM report_entries r
            JOIN (SELECT DISTINCT * FROM unnest(plans, units, periods) AS x(p, u, d)) x
              ON r.plan_id = x.p AND r.unit_id = x.u AND r.period = x.d
           WHERE r.withdrawn_at IS NULL AND r.obligation_id IS NOT NULL
           ORDER BY r.period, r.plan_id, r.unit_id, r.obligation_id, r.updated_at DESC, r.id DESC) e
   GROUP BY e.period, e.plan_id, e.unit_id;
END $$;

-- The rows already stored, in the new form.
SELECT progress_latest_refresh(array_agg(plan_id), array_agg(unit_id), array_agg(period)) FROM progress_latest;
