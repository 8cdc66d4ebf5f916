// Registered users and their channel identities.
import type { Role, TurnUser } from "../turn";
import type { DbQuery } from "../storage/db";

export const ROLES: readonly Role[] = ["admin", "coordinator", "member"];

export const ROLE_LABEL: Record<Role, string> = { admin: "quản trị", coordinator: "điều phối (tổng hợp)", member: "thành viên" };

const USER_SELECT = `SELECT u.id, u.name, u.unit_id AS "unitId", n.name AS "unitName", u.role, u.plan_id AS "planId"
  FROM users u LEFT JOIN units n ON n.id = u.unit_id`;

export async function findUserByIdentity(q: DbQuery, channel: string, channelUserId: string): Promise<TurnUser | null> {
  const [u] = await q.query<TurnUser>(
    `${USER_SELECT} JOIN identities i ON i.user_id = u.id WHERE i.channel = $1 AND i.channel_user_id = $2`,
    [channel, channelUserId],
  );
  return u ?? null;
}

export async function getUser(q: DbQuery, id: number): Promise<TurnUser | null> {
  const [u] = await q.query<TurnUser>(`${USER_SELECT} WHERE u.id = $1`, [id]);
  return u ?? null;
}

export async function listUsers(q: DbQuery): Promise<(TurnUser & { identities: string[] })[]> {
  return q.query<TurnUser & { identities: string[] }>(
    `SELECT u.id, u.name, u.unit_id AS "unitId", n.name AS "unitName", u.role, u.plan_id AS "planId",
       COALESCE((SELECT json_agg(i.channel || ':' || i.channel_user_id ORDER BY i.channel) FROM identities i WHERE i.user_id = u.id), '[]'::json) AS identities
     FROM users u LEFT JOIN units n ON n.id = u.unit_id ORDER BY u.id`,
  );
}

/** A user that must exist (just created or referenced by a foreign key). */
export async function requireUser(q: DbQuery, id: number): Promise<TurnUser> {
  const u = await getUser(q, id);
  if (!u) throw new Error(`User ${id} does not exist; the database may have been changed by hand.`);
  return u;
}
