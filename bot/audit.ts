// The audit log: who did what to which record, with the record before and after.
import type { DbQuery } from "./storage/db";

export type AuditAction =
  | "entry.create"
  | "entry.edit"
  | "entry.withdraw"
  | "invite.create"
  | "user.register"
  | "unit.create"
  | "plan.ingest"
  | (string & {});

export interface AuditRecord {
  at: Date;
  actorUserId: number | null;
  action: AuditAction;
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

export async function audit(q: DbQuery, r: AuditRecord): Promise<void> {
  await q.query(
    "INSERT INTO audit_log (at, actor_user_id, action, entity, entity_id, before, after) VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb)",
    [r.at, r.actorUserId, r.action, r.entity, r.entityId, json(r.before), json(r.after)],
  );
}

function json(v: unknown): string | null {
  return v === undefined || v === null ? null : JSON.stringify(v);
}

/** Several records in one statement (a batch of ingested plans), in the order given. */
export async function auditMany(q: DbQuery, rs: readonly AuditRecord[]): Promise<void> {
  if (rs.length === 0) return;
  // A missing key is NULL, as json(undefined) is for one record.
  const rows = rs.map((r) => ({ at: r.at, actor_user_id: r.actorUserId, action: r.action, entity: r.entity, entity_id: r.entityId, before: r.before ?? undefined, after: r.after ?? undefined }));
  await q.query(
    `INSERT INTO audit_log (at, actor_user_id, action, entity, entity_id, before, after)
     SELECT x.at, x.actor_user_id, x.action, x.entity, x.entity_id, x.before, x.after
     FROM jsonb_to_recordset($1::jsonb) AS x(at timestamptz, actor_user_id int, action text, entity text, entity_id text, before jsonb, after jsonb)`,
    [JSON.stringify(rows)],
  );
}
