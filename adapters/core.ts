// What the channel adapters need from the application: the conversation core and the address
// book. bot/app.ts provides both; adapters depend on this narrow shape so they can be tested with a
// typed fake and so that they never reach into bot/ internals.
import type { ChannelName, ConversationAddress, IncomingMessage, OutgoingMessage } from "../bot/messages";

export interface BotCore {
  handle(msg: IncomingMessage): Promise<OutgoingMessage[]>;
}

export interface AddressBook {
  /** Stores (or refreshes) where a user can be reached later. */
  save(address: ConversationAddress): Promise<void>;
  /** The channel said the address no longer works (uninstalled, blocked). */
  markDead(address: Pick<ConversationAddress, "channel" | "conversationKey">): Promise<void>;
  /** Live addresses of admins on a channel, for operator alerts. */
  adminAddresses(channel: ChannelName): Promise<ConversationAddress[]>;
}
