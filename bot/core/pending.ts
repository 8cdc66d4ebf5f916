// A question the bot asked and the sender's next message answers (a numbered choice). Kept in
// the database, so it survives a restart and works across replicas.
import type { DbQuery } from "../storage/db";
import { turnCacheOf, type PendingRow } from "../storage/turn-cache";

export interface Pending<T> {
  kind: string;
  payload: T;
  expiresAt: Date;
}

export const PENDING_MINUTES = 60;

export async function setPending(q: DbQuery, channel: string, channelUserId: string, kind: string, payload: unknown, now: Date): Promise<void> {
  const expires = new Date(now.getTime() + PENDING_MINUTES * 60_000);
  await q.query(
    `INSERT INTO pending_choices (channel, channel_user_id, kind, payload, expires_at) VALUES ($1, $2, $3, $4::jsonb, $5)
     ON CONFLICT (channel, channel_user_id) DO UPDATE SET kind = EXCLUDED.kind, payload = EXCLUDED.payload, expires_at = EXCLUDED.expires_at`,
    [channel, channelUserId, kind, JSON.stringify(payload), expires],
  );
  turnCacheOf(q)?.forgetPending(channel, channelUserId);
}

/** The live pending question of this identity; an expired one is removed and ignored. */
export async function getPending<T>(q: DbQuery, channel: string, channelUserId: string, now: Date): Promise<Pending<T> | null> {
  const read = async () => {
    const [r] = await q.query<PendingRow<T>>("SELECT kind, payload, expires_at FROM pending_choices WHERE channel = $1 AND channel_user_id = $2", [channel, channelUserId]);
    return r ?? null;
  };
  // In a turn, from the turn cache (most people have no pending question most of the time).
  const cache = turnCacheOf(q);
  const row = (cache ? await cache.pendingRow(channel, channelUserId, read) : await read()) as PendingRow<T> | null;
  if (!row) return null;
  if (new Date(row.expires_at).getTime() <= now.getTime()) {
    await clearPending(q, channel, channelUserId);
    return null;
  }
  return { kind: row.kind, payload: row.payload, expiresAt: row.expires_at };
}

export async function clearPending(q: DbQuery, channel: string, channelUserId: string): Promise<void> {
  await q.query("DELETE FROM pending_choices WHERE channel = $1 AND channel_user_id = $2", [channel, channelUserId]);
  turnCacheOf(q)?.forgetPending(channel, channelUserId);
}
