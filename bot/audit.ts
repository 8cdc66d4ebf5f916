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
