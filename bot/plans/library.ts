// The plan library in the store: a loaded Plan goes in whole (its JSON) and as rows (sections,
// obligations, responsible units). Same sha256 and extractor version: nothing happens. Otherwise the
// plan is replaced in one transaction, so readers see the old plan or the new one, never half of each.
import type { Plan } from "../../knowledge/types";
import { EXTRACTOR_VERSION } from "../../knowledge/version";
import { auditMany } from "../audit";
import type { Db, DbQuery } from "../storage/db";
import { linkCoveredUnits } from "../users/unit-links";
import { ensureUnits } from "../users/units";

export type IngestStatus = "ingested" | "replaced" | "unchanged";

// First key of the two-key advisory lock space for ingesting; the second is the plan id's hash.
const INGEST_LOCK = 7_351_002;

/** The sha256 of every stored plan extracted by this extractor version, by id. */
export async function storedShas(q: DbQuery): Promise<Map<string, string>> {
  const rows = await q.query<{ id: string; sha256: string }>("SELECT id, sha256 FROM plans WHERE extractor = $1", [EXTRACTOR_VERSION]);
  return new Map(rows.map((r) => [r.id, r.sha256]));
}

export interface IngestOptions {
  /**
   * Link the plans' obligations to the units they cover, and the new units to every plan (default
   * true). A folder ingest leaves it to one pass at its end (refreshUnitCoverage), which also runs
   * on the next start when this one stops before it.
   */
  linkUnits?: boolean;
}

export async function ingestPlan(db: Db, plan: Plan, now: Date, o: IngestOptions = {}): Promise<IngestStatus> {
  return (await ingestPlans(db, [plan], now, o))[0];
}

/**
 * Several plans (distinct ids) in one transaction: a first start with 1,000 files pays the
 * statements, the triggers and the commit once per batch instead of once per plan.
 */
export async function ingestPlans(db: Db, plans: readonly Plan[], now: Date, o: IngestOptions = {}): Promise<IngestStatus[]> {
  if (plans.length === 0) return [];
  const ids = plans.map((p) => p.id);
  if (new Set(ids).size !== ids.length) throw new Error("ingestPlans: a batch holds each plan id once.");
  return db.transaction(async (tx) => {
    // Two replicas ingesting the same new files at once take turns here (locks in one order).
    await tx.query("SELECT pg_advisory_xact_lock($1, h) FROM (SELECT DISTINCT hashtext(x) AS h FROM unnest($2::text[]) AS x ORDER BY 1) AS k", [INGEST_LOCK, ids]);
    const stored = await tx.query<{ id: string; sha256: string; extractor: string | null }>("SELECT id, sha256, extractor FROM plans WHERE id = ANY($1::text[])", [ids]);
    const before = new Map(stored.map((r) => [r.id, r]));
    const statuses = plans.map((p): IngestStatus => {
      const old = before.get(p.id);
      return !old ? "ingested" : old.extractor === EXTRACTOR_VERSION && old.sha256 === p.sha256 ? "unchanged" : "replaced";
    });
    const todo = plans.filter((_, i) => statuses[i] !== "unchanged");
    if (todo.length === 0) return statuses;
    const todoIds = todo.map((p) => p.id);
    await tx.query("DELETE FROM plans WHERE id = ANY($1::text[])", [todoIds]);
    // One statement a table for the whole batch: row-by-row inserts made the store most of the ingest time.
    await tx.query(
      `INSERT INTO plans (id, file, sha256, title, meta, doc, ingested_at, extractor)
       SELECT x.id, x.file, x.sha256, x.title, x.meta, x.doc, $2, $3
       FROM json_to_recordset($1::json) AS x(id text, file text, sha256 text, title text, meta jsonb, doc json)`,
      [JSON.stringify(todo.map((p) => ({ id: p.id, file: p.file, sha256: p.sha256, title: p.meta.title, meta: p.meta, doc: p }))), now, EXTRACTOR_VERSION],
    );
    await tx.query(
      `INSERT INTO sections (plan_id, id, number, title, level, parent_id, path)
       SELECT x.plan_id, x.id, x.number, x.title, x.level, x.parent_id, x.path
       FROM jsonb_to_recordset($1::jsonb) AS x(plan_id text, id text, number text, title text, level int, parent_id text, path text)`,
      [JSON.stringify(todo.flatMap((p) => p.sections.map((s) => ({ plan_id: p.id, id: s.id, number: s.number, title: s.title, level: s.level, parent_id: s.parentId, path: s.path }))))],
    );
    await tx.query(
      `INSERT INTO obligations (plan_id, id, section_id, section, responsible, task, recipient, schedule, quote, ord)
       SELECT x.plan_id, x.id, x.section_id, x.section, x.responsible, x.task, x.recipient, x.schedule, x.quote, x.ord
       FROM jsonb_to_recordset($1::jsonb) AS x(plan_id text, id text, section_id text, section text, responsible jsonb, task text, recipient text, schedule jsonb, quote text, ord int)`,
      [
        JSON.stringify(
          todo.flatMap((p) =>
            p.obligations.map((o, ord) => ({ plan_id: p.id, id: o.id, section_id: o.sectionId, section: o.section, responsible: o.responsible, task: o.task, recipient: o.recipient, schedule: o.schedule, quote: o.quote, ord })),
          ),
        ),
      ],
    );
    // Units: one per responsible name; then links for every unit these plans' names cover
    // (bot/users/unit-coverage.ts), and for the new units, the other plans' obligations too.
    const created = await ensureUnits(tx, todo.flatMap((p) => p.obligations.flatMap((ob) => ob.responsible)));
    if (o.linkUnits !== false) {
      await linkCoveredUnits(tx, { planIds: todoIds });
      await linkCoveredUnits(tx, { unitIds: created });
    }
    await auditMany(
      tx,
      plans.flatMap((p, i) => {
        const status = statuses[i];
        return status === "unchanged" ? [] : [{ at: now, actorUserId: null, action: "plan.ingest", entity: "plan", entityId: p.id, after: { status, sha256: p.sha256, file: p.file } }];
      }),
    );
    return statuses;
  });
}

/** Every stored plan that is not retired (see plan-folder.ts), as it was ingested. */
export async function loadStoredPlans(q: DbQuery): Promise<Plan[]> {
  const rows = await q.query<{ doc: Plan }>("SELECT doc FROM plans WHERE retired_at IS NULL ORDER BY id");
  return rows.map((r) => r.doc);
}

export interface PlanSummary {
  id: string;
  title: string;
  sections: number;
  obligations: number;
}

export async function planSummaries(q: DbQuery): Promise<PlanSummary[]> {
  return q.query<PlanSummary>(
    `SELECT p.id, p.title,
       (SELECT count(*)::int FROM sections s WHERE s.plan_id = p.id) AS sections,
       (SELECT count(*)::int FROM obligations o WHERE o.plan_id = p.id) AS obligations
     FROM plans p ORDER BY p.id`,
  );
}
