// Conversation addresses for proactive messages (nudges). Adapters and the core save the address
// of every turn; a sender that gets "gone" from its channel marks it dead.
import type { ChannelName, ConversationAddress } from "./messages";
import type { DbQuery } from "./storage/db";
import { GroupWrite } from "./storage/group-write";
import { turnCacheOf, type TurnCache } from "./storage/turn-cache";

/** Upserts the address; a later turn revives a dead one. userId null keeps a known user link. */
export async function saveAddress(db: DbQuery, address: ConversationAddress, userId: number | null = null, at?: Date): Promise<void> {
  await saveAddresses(db, [{ address, userId, at }]);
}

interface AddressWrite {
  address: ConversationAddress;
  userId: number | null;
  at?: Date;
}

/** saveAddress for several addresses in one statement; of two for the same conversation, the later wins. */
async function saveAddresses(db: DbQuery, writes: readonly AddressWrite[]): Promise<void> {
  const rows = new Map<string, { user_id: number | null }>();
  for (const { address: a, userId, at } of writes) {
    const key = addressKey(a.channel, a.conversationKey);
    const user = userId ?? rows.get(key)?.user_id ?? null; // null keeps a known link, as one by one
    rows.set(key, { channel: a.channel, conversation_key: a.conversationKey, channel_user_id: a.channelUserId, user_id: user, data: a.data ?? {}, at: at?.toISOString() ?? null } as { user_id: number | null });
  }
  await db.query(
    `INSERT INTO addresses (channel, conversation_key, channel_user_id, user_id, data, dead, updated_at)
     SELECT channel, conversation_key, channel_user_id, user_id, data, false, COALESCE(at, now())
       FROM jsonb_to_recordset($1::jsonb) AS x(channel text, conversation_key text, channel_user_id text, user_id int, data jsonb, at timestamptz)
     ON CONFLICT (channel, conversation_key) DO UPDATE SET
       channel_user_id = EXCLUDED.channel_user_id,
       user_id = COALESCE(EXCLUDED.user_id, addresses.user_id),
       data = EXCLUDED.data, dead = false, updated_at = EXCLUDED.updated_at`,
    [JSON.stringify([...rows.values()])],
  );
}

// Addresses of concurrent turns are saved together (one statement while another runs, not one per turn).
const turnWrites = new WeakMap<DbQuery, GroupWrite<AddressWrite & { key: string }>>();

/**
 * saveAddress on a turn, skipped when the same address was saved lately (TurnCache): most turns
 * come from a conversation whose address is already stored as it is. Saved before the turn goes on.
 */
export async function saveAddressOnTurn(db: DbQuery, cache: TurnCache, address: ConversationAddress, userId: number | null, at: Date): Promise<void> {
  const key = addressKey(address.channel, address.conversationKey);
  const stored = JSON.stringify([address.channelUserId, userId, address.data ?? {}]);
  if (cache.addressFresh(key, stored, at.getTime())) return;
  let group = turnWrites.get(db);
  if (!group) turnWrites.set(db, (group = new GroupWrite((items) => saveAddresses(db, items).then(() => []), 0)));
  await group.add({ key, address, userId, at });
  cache.addressSaved(key, stored, at.getTime());
}

export async function markAddressDead(db: DbQuery, channel: ChannelName, conversationKey: string): Promise<void> {
  await db.query("UPDATE addresses SET dead = true WHERE channel = $1 AND conversation_key = $2", [channel, conversationKey]);
  turnCacheOf(db)?.forgetAddress(addressKey(channel, conversationKey));
}

const addressKey = (channel: string, conversationKey: string) => `${channel}\u0000${conversationKey}`;

/** Live addresses of a user, most recently used first. */
export async function addressesForUser(db: DbQuery, userId: number): Promise<ConversationAddress[]> {
  const rows = await db.query<{ channel: ChannelName; conversation_key: string; channel_user_id: string; data: Record<string, unknown> }>(
    "SELECT channel, conversation_key, channel_user_id, data FROM addresses WHERE user_id = $1 AND NOT dead ORDER BY updated_at DESC",
    [userId],
  );
  return rows.map((r) => ({ channel: r.channel, conversationKey: r.conversation_key, channelUserId: r.channel_user_id, data: r.data }));
}
