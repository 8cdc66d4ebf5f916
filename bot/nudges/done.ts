// "Đã xong" in answer to a nudge: a done report entry for that occurrence (its unit, obligation and
// period key), which ends the occurrence's nudges for the whole unit and its line in the summary.
import { audit } from "../audit";
import type { ChannelName } from "../messages";
import type { Db, DbQuery } from "../storage/db";
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

/**
 * Stores the done entry once per source message (a message delivered twice records once).
 * Returns the entry id, or null when that message was already recorded.
 */
export async function recordDone(
  db: Db,
  input: { unitId: number; userId: number; nudge: NudgePayload; channel: ChannelName; messageId: string; now: Date },
): Promise<number | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ id: number }>(
      `INSERT INTO report_entries (unit_id, reporter_id, plan_id, obligation_id, period, status, percent, note, channel, source_message_id, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, 100, $7, $8, $9, $10, $10)
       ON CONFLICT (channel, source_message_id) DO NOTHING RETURNING id`,
      [input.unitId, input.userId, input.nudge.planId, input.nudge.obligationId, input.nudge.periodKey, DONE_STATUS, "Trả lời nhắc hạn: đã xong", input.channel, input.messageId, input.now],
    );
    if (!row) return null;
    await audit(tx, {
      at: input.now,
      actorUserId: input.userId,
      action: "entry.create",
      entity: "report_entry",
      entityId: String(row.id),
      after: { unitId: input.unitId, planId: input.nudge.planId, obligationId: input.nudge.obligationId, period: input.nudge.periodKey, status: DONE_STATUS, via: "nudge" },
    });
    return Number(row.id);
  });
}
