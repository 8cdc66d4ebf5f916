// The plan library in the store: a loaded Plan goes in whole (its JSON) and as rows (sections,
// obligations, responsible units). Same sha256 and extractor version: nothing happens. Otherwise the
// plan is replaced in one transaction, so readers see the old plan or the new one, never half of each.
import type { Plan } from "../../knowledge/types";
import { EXTRACTOR_VERSION } from "../../knowledge/version";
import { audit } from "../audit";
import type { Db, DbQuery } from "../storage/db";
import { linkCoveredUnits } from "../users/unit-links";
import { ensureUnit } from "../users/units";

export type IngestStatus = "ingested" | "replaced" | "unchanged";

// First key of the two-key advisory lock space for ingesting; the second is the plan id's hash.
const INGEST_LOCK = 7_351_002;

/** The stored plan's sha256, or null when there is none or it was extracted by another version. */
export async function storedSha(q: DbQuery, planId: string): Promise<string | null> {
  const [row] = await q.query<{ sha256: string; extractor: string | null }>("SELECT sha256, extractor FROM plans WHERE id = $1", [planId]);
  return row && row.extractor === EXTRACTOR_VERSION ? row.sha256 : null;
}

/** storedSha of every stored plan, by id. */
export async function storedShas(q: DbQuery): Promise<Map<string, string>> {
  const rows = await q.query<{ id: string; sha256: string }>("SELECT id, sha256 FROM plans WHERE extractor = $1", [EXTRACTOR_VERSION]);
  return new Map(rows.map((r) => [r.id, r.sha256]));
}

export async function ingestPlan(db: Db, plan: Plan, now: Date): Promise<IngestStatus> {
  return db.transaction(async (tx) => {
    // Two replicas ingesting the same new file at once take turns here.
    await tx.query("SELECT pg_advisory_xact_lock($1, hashtext($2))", [INGEST_LOCK, plan.id]);
    if ((await storedSha(tx, plan.id)) === plan.sha256) return "unchanged";
    const [old] = await tx.query("DELETE FROM plans WHERE id = $1 RETURNING id", [plan.id]);
    await tx.query("INSERT INTO plans (id, file, sha256, title, meta, doc, ingested_at, extractor) VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8)", [
      plan.id,
      plan.file,
      plan.sha256,
      plan.meta.title,
      JSON.stringify(plan.meta),
      JSON.stringify(plan),
      now,
      EXTRACTOR_VERSION,
    ]);
    // One statement a table: row-by-row inserts made the store most of the ingest time.
    await tx.query(
      `INSERT INTO sections (plan_id, id, number, title, level, parent_id, path)
       SELECT $1, x.id, x.number, x.title, x.level, x.parent_id, x.path
       FROM jsonb_to_recordset($2::jsonb) AS x(id text, number text, title text, level int, parent_id text, path text)`,
      [plan.id, JSON.stringify(plan.sections.map((s) => ({ id: s.id, number: s.number, title: s.title, level: s.level, parent_id: s.parentId, path: s.path })))],
    );
    await tx.query(
      `INSERT INTO obligations (plan_id, id, section_id, section, responsible, task, recipient, schedule, quote, ord)
       SELECT $1, x.id, x.section_id, x.section, x.responsible, x.task, x.recipient, x.schedule, x.quote, x.ord
       FROM jsonb_to_recordset($2::jsonb) AS x(id text, section_id text, section text, responsible jsonb, task text, recipient text, schedule jsonb, quote text, ord int)`,
      [
        plan.id,
        JSON.stringify(
          plan.obligations.map((o, ord) => ({ id: o.id, section_id: o.sectionId, section: o.section, responsible: o.responsible, task: o.task, recipient: o.recipient, schedule: o.schedule, quote: o.quote, ord })),
        ),
      ],
    );
    const names = new Set<string>();
    for (const o of plan.obligations) for (const name of o.responsible.map((n) => n.trim()).filter(Boolean)) names.add(name);
    // Units: one per responsible name; then links for every unit this plan's names cover
    // (bot/users/unit-coverage.ts), and for the new units, the other plans' obligations too.
    const created: number[] = [];
    for (const name of names) {
      const unit = await ensureUnit(tx, name, "plan", { link: false });
      if (unit.created) created.push(unit.id);
    }
    await linkCoveredUnits(tx, { planId: plan.id });
    await linkCoveredUnits(tx, { unitIds: created });
    const status: IngestStatus = old ? "replaced" : "ingested";
    await audit(tx, { at: now, actorUserId: null, action: "plan.ingest", entity: "plan", entityId: plan.id, after: { status, sha256: plan.sha256, file: plan.file } });
    return status;
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
