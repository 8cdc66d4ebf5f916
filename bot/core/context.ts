// Builds the TurnContext once per incoming message: who speaks, their unit and role, the instant
// of the turn (the message's receivedAt, set by the channel edge) and a logger tagged with the id.
import type { Logger } from "pino";
import { localDate } from "../../knowledge/occurrences";
import type { IncomingMessage } from "../messages";
import type { Db } from "../storage/db";
import type { TurnContext } from "../turn";
import type { TurnCache } from "../storage/turn-cache";
import { findUserByIdentity } from "../users/users";

/** With a cache (the core keeps one, synced at the start of the turn) the user is read from it. */
export async function buildTurn(db: Db, msg: IncomingMessage, log: Logger, cache?: TurnCache): Promise<TurnContext> {
  const read = () => findUserByIdentity(db, msg.channel, msg.channelUserId);
  const user = cache ? await cache.user(msg.channel, msg.channelUserId, read) : await read();
  return {
    msg,
    now: msg.receivedAt,
    today: localDate(msg.receivedAt),
    user,
    db,
    log: log.child({ messageId: msg.messageId, channel: msg.channel, userId: user?.id ?? null }),
  };
}

/** The message text with single spaces, folded and lower-cased, for command matching. */
export { key as commandKey } from "../../knowledge/vietnamese";
