// Invite codes: an admin creates one per unit and role; a person registers with "đăng ký MÃ".
// A code expires and works once; both checks happen inside the registering transaction.
import { randomInt } from "node:crypto";
import { audit } from "../audit";
import type { Db, DbQuery } from "../storage/db";
import type { Role, TurnUser } from "../turn";
import { getUser, requireUser } from "./users";

// No 0/O, 1/I/L: codes are read aloud and typed on phones.
const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const INVITE_CODE_LENGTH = 8;

export function newInviteCode(): string {
  let s = "";
  for (let i = 0; i < INVITE_CODE_LENGTH; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return s;
}

export interface Invite {
  code: string;
  unitId: number;
  role: Role;
  planId: string | null;
  expiresAt: Date;
}

export async function createInvite(
  db: Db,
  o: { unitId: number; role: Role; planId?: string | null; createdBy?: number | null; now: Date; days?: number },
): Promise<Invite> {
  const days = o.days ?? 7;
  if (!Number.isFinite(days) || days <= 0 || days > 365) throw new Error("An invite is valid for 1 to 365 days.");
  const expiresAt = new Date(o.now.getTime() + days * 86_400_000);
  return db.transaction(async (tx) => {
    const code = newInviteCode();
    await tx.query("INSERT INTO invites (code, unit_id, role, plan_id, created_by, expires_at) VALUES ($1, $2, $3, $4, $5, $6)", [
      code,
      o.unitId,
      o.role,
      o.planId ?? null,
      o.createdBy ?? null,
      expiresAt,
    ]);
    await audit(tx, {
      at: o.now,
      actorUserId: o.createdBy ?? null,
      action: "invite.create",
      entity: "invite",
      entityId: code,
      after: { unitId: o.unitId, role: o.role, planId: o.planId ?? null, expiresAt },
    });
    return { code, unitId: o.unitId, role: o.role, planId: o.planId ?? null, expiresAt };
  });
}

export type RedeemResult =
  | { ok: true; user: TurnUser; changed: boolean }
  | { ok: false; reason: "unknown" | "expired" | "used" | "already" ; user?: TurnUser };

/** The plan a unit works under: the one holding most of its obligations (null when none or a tie). */
async function planOfUnit(q: DbQuery, unitId: number): Promise<string | null> {
  const rows = await q.query<{ plan_id: string; n: number }>(
    "SELECT plan_id, count(*)::int AS n FROM obligation_units WHERE unit_id = $1 GROUP BY plan_id ORDER BY n DESC, plan_id",
    [unitId],
  );
  if (!rows.length || (rows[1] && rows[1].n === rows[0].n)) return null;
  return rows[0].plan_id;
}

export async function redeemInvite(
  db: Db,
  o: { code: string; channel: string; channelUserId: string; name: string; now: Date },
): Promise<RedeemResult> {
  const code = o.code.trim().toUpperCase();
  return db.transaction(async (tx) => {
    const [inv] = await tx.query<{ unit_id: number; role: Role; plan_id: string | null; expires_at: Date; used_by: number | null }>(
      "SELECT unit_id, role, plan_id, expires_at, used_by FROM invites WHERE code = $1 FOR UPDATE",
      [code],
    );
    const [ident] = await tx.query<{ user_id: number }>("SELECT user_id FROM identities WHERE channel = $1 AND channel_user_id = $2", [
      o.channel,
      o.channelUserId,
    ]);
    if (!inv) return { ok: false, reason: "unknown" };
    if (inv.used_by !== null) {
      // The same person sending the same code again (or the message delivered twice).
      if (ident && ident.user_id === inv.used_by) return { ok: false, reason: "already", user: await requireUser(tx, ident.user_id) };
      return { ok: false, reason: "used" };
    }
    if (new Date(inv.expires_at).getTime() <= o.now.getTime()) return { ok: false, reason: "expired" };
    const planId = inv.plan_id ?? (await planOfUnit(tx, inv.unit_id));
    let userId: number;
    let before: TurnUser | null = null;
    if (ident) {
      // A registered person with a new code moves to that unit and role.
      userId = ident.user_id;
      before = await getUser(tx, userId);
      await tx.query("UPDATE users SET unit_id = $2, role = $3, plan_id = COALESCE($4, plan_id) WHERE id = $1", [userId, inv.unit_id, inv.role, planId]);
    } else {
      const [u] = await tx.query<{ id: number }>(
        "INSERT INTO users (name, unit_id, role, plan_id, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
        [o.name.slice(0, 200) || "Người dùng", inv.unit_id, inv.role, planId, o.now],
      );
      userId = u.id;
      await tx.query("INSERT INTO identities (channel, channel_user_id, user_id) VALUES ($1, $2, $3)", [o.channel, o.channelUserId, userId]);
    }
    await tx.query("UPDATE invites SET used_by = $2, used_at = $3 WHERE code = $1", [code, userId, o.now]);
    const user = await requireUser(tx, userId);
    await audit(tx, { at: o.now, actorUserId: userId, action: "user.register", entity: "user", entityId: String(userId), before, after: { ...user, invite: code } });
    return { ok: true, user, changed: before !== null };
  });
}
