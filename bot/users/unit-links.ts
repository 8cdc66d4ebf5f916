// obligation_units from the coverage rule: which units each obligation's responsible names make
// responsible (exact names and the real units a collective name covers). Links are only added;
// replacing a plan drops its old links with its obligations (ON DELETE CASCADE).
import type { Db, DbQuery } from "../storage/db";
import { covers, parseCollective, prepareResponsible, prepareUnit } from "./unit-coverage";

export interface LinkScope {
  /** Only this plan's obligations (default: every plan). */
  planId?: string;
  /** Only these plans' obligations. */
  planIds?: string[];
  /** Only these units (default: every unit). */
  unitIds?: number[];
}

/** Adds the missing obligation_units rows in the scope; returns how many were added. */
export async function linkCoveredUnits(q: DbQuery, scope: LinkScope = {}): Promise<number> {
  if (scope.unitIds && scope.unitIds.length === 0) return 0;
  const planIds = scope.planIds ?? (scope.planId !== undefined ? [scope.planId] : null);
  const [units, obligations] = await Promise.all([
    scope.unitIds
      ? q.query<{ id: number; name: string }>("SELECT id, name FROM units WHERE id = ANY($1::int[])", [scope.unitIds])
      : q.query<{ id: number; name: string }>("SELECT id, name FROM units"),
    planIds
      ? q.query<{ plan_id: string; id: string; responsible: string[] }>("SELECT plan_id, id, responsible FROM obligations WHERE plan_id = ANY($1::text[])", [planIds])
      : q.query<{ plan_id: string; id: string; responsible: string[] }>("SELECT plan_id, id, responsible FROM obligations"),
  ]);
  if (units.length === 0 || obligations.length === 0) return 0;
  // Each unit's name is prepared once; a name that is not a collective covers only the units of
  // its exact key (a map lookup), so only collectives are checked against every unit (at 1,000
  // plans, names × units calls were most of the first start's CPU).
  const prepared = units.map((u) => ({ id: u.id, name: prepareUnit(u.name) }));
  const byKey = new Map<string, number[]>();
  for (const u of prepared) {
    if (!u.name.key) continue;
    const list = byKey.get(u.name.key);
    if (list) list.push(u.id);
    else byKey.set(u.name.key, [u.id]);
  }
  // Each distinct name is checked against the units once.
  const coveredBy = new Map<string, number[]>();
  const plans: string[] = [];
  const ids: string[] = [];
  const unitIds: number[] = [];
  for (const o of obligations) {
    const linked = new Set<number>();
    for (const name of o.responsible) {
      let covered = coveredBy.get(name);
      if (!covered) {
        const r = prepareResponsible(name);
        covered = r.collective ? prepared.filter((u) => covers(r, u.name)).map((u) => u.id) : (byKey.get(r.key) ?? []);
        coveredBy.set(name, covered);
      }
      for (const id of covered) linked.add(id);
    }
    for (const u of linked) {
      plans.push(o.plan_id);
      ids.push(o.id);
      unitIds.push(u);
    }
  }
  // In slices: one statement of 220,000 rows (1,000 plans) grew the embedded database's memory,
  // which it never gives back, by some 45 MB, and this thread's heap by 100 MB of parameter text.
  let added = 0;
  for (let from = 0; from < plans.length; from += LINK_SLICE) {
    const to = Math.min(from + LINK_SLICE, plans.length);
    const r = await q.query<{ n: number }>(
      `WITH ins AS (
         INSERT INTO obligation_units (plan_id, obligation_id, unit_id)
         SELECT * FROM unnest($1::text[], $2::text[], $3::int[]) ON CONFLICT DO NOTHING RETURNING 1)
       SELECT count(*)::int AS n FROM ins`,
      [plans.slice(from, to), ids.slice(from, to), unitIds.slice(from, to)],
    );
    added += r[0]?.n ?? 0;
  }
  return added;
}

const LINK_SLICE = 10_000;

/**
 * Marks collective units and adds every missing link, in one transaction: for a store written
 * before the coverage rule (migration 004), run when the app starts. One pass over units and
 * obligations.
 */
export async function refreshUnitCoverage(db: Db, o: { onlyIfFlipped?: boolean } = {}): Promise<number> {
  return db.transaction(async (tx) => {
    const units = await tx.query<{ id: number; name: string; collective: boolean }>("SELECT id, name, collective FROM units");
    const flip = units.filter((u) => (parseCollective(u.name) !== null) !== u.collective);
    if (flip.length) await tx.query("UPDATE units SET collective = NOT collective WHERE id = ANY($1::int[])", [flip.map((u) => u.id)]);
    // Linking every obligation against every unit costs seconds at 1,000 plans: a restart that
    // changed nothing (and whose store was refreshed before) skips it.
    if (o.onlyIfFlipped && flip.length === 0) return 0;
    return linkCoveredUnits(tx);
  });
}
