// "Đã xong" in answer to a nudge refers to the user's latest nudge: its done entry (unit,
// obligation, period key; stored by the core's recordEntry) ends the occurrence's nudges for the
// whole unit and its line in the coordinator's summary.
import type { DbQuery } from "../storage/db";
import { DONE_STATUS } from "./nudge-state";
import type { NudgePayload } from "./planner";

/** How long after a nudge "đã xong" / "nhắc lại sau" still refers to it. */
export const CURRENT_NUDGE_DAYS = 14;

export interface CurrentNudge {
  key: string;
  payload: NudgePayload;
  sentAt: Date;
}

/** The user's latest nudge sent within CURRENT_NUDGE_DAYS, or null. */
export async function currentNudge(db: DbQuery, userId: number, now: Date): Promise<CurrentNudge | null> {
  const since = new Date(now.getTime() - CURRENT_NUDGE_DAYS * 86_400_000);
  const [row] = await db.query<{ key: string; payload: NudgePayload; sent_at: Date }>(
    `SELECT key, payload, sent_at FROM nudge_log
      WHERE user_id = $1 AND kind = 'nudge' AND status = 'sent' AND sent_at >= $2 AND sent_at <= $3
      ORDER BY sent_at DESC, key DESC LIMIT 1`,
    [userId, since, now],
  );
  return row ? { key: row.key, payload: row.payload, sentAt: new Date(row.sent_at) } : null;
}

export async function isDone(db: DbQuery, unitId: number, p: Pick<NudgePayload, "planId" | "obligationId" | "periodKey">): Promise<boolean> {
  const r = await db.query(
    "SELECT 1 FROM report_entries WHERE unit_id = $1 AND plan_id = $2 AND obligation_id = $3 AND period = $4 AND status = $5 AND withdrawn_at IS NULL LIMIT 1",
    [unitId, p.planId, p.obligationId, p.periodKey, DONE_STATUS],
  );
  return r.length > 0;
}
