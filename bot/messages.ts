// The one neutral message at the seam between channels and the bot core.
// Adapters turn their events into IncomingMessage and render OutgoingMessage; bot/ never sees a
// botbuilder Activity or a zca-js Message.

/** Every channel; "zalo" is the personal account (zca-js), "zalo-bot" the official Zalo Bot API. */
export const CHANNEL_NAMES = ["teams", "zalo", "zalo-bot", "web", "console"] as const;
export type ChannelName = (typeof CHANNEL_NAMES)[number];

/**
 * Where a proactive message (a nudge) can be sent later. Opaque to the core: each adapter stores
 * what it needs in `data` (Teams: its own conversation-reference shape; Zalo: thread id and type).
 */
export interface ConversationAddress {
  channel: ChannelName;
  /** The channel's user id of the person this address reaches. */
  channelUserId: string;
  /** Stable key of the conversation, unique within the channel. */
  conversationKey: string;
  data: Record<string, unknown>;
}

export interface IncomingMessage {
  channel: ChannelName;
  /** The channel's id for this message; the same message delivered twice has the same id. */
  messageId: string;
  /** The sender's id on this channel (Teams aad/user id, Zalo uid, web session user, console user). */
  channelUserId: string;
  /** The sender's display name, when the channel gives one. */
  userName?: string;
  /** True in group chats and channels (the adapter already removed the bot's @mention). */
  isGroup: boolean;
  text: string;
  /** Values of a submitted card or button (Teams Action.Submit, a web button), if any. */
  value?: Record<string, unknown>;
  /** Where to reach this user later; stored on every turn for nudges. */
  address?: ConversationAddress;
  receivedAt: Date;
}

export interface Citation {
  /** Plan id (file name without extension). */
  plan: string;
  planTitle: string;
  section: string;
  quote: string;
}

export interface TextMessage {
  kind: "text";
  text: string;
  citations?: Citation[];
  /** Short replies the user can tap (Teams buttons, Zalo keyword hints, web chips). */
  quickReplies?: string[];
}

/** A form for a progress update (Teams Adaptive Card; other channels render it as text). */
export interface UpdateFormMessage {
  kind: "update_form";
  text: string;
  obligations: { id: string; label: string }[];
  statuses: string[];
  /** Reporting periods to choose from, the current half-year (the default) first. */
  periods?: { id: string; label: string }[];
}

export interface FileMessage {
  kind: "file";
  fileName: string;
  mimeType: string;
  data: Buffer;
  caption: string;
}

export type OutgoingMessage = TextMessage | UpdateFormMessage | FileMessage;

/** What every channel adapter offers the core for proactive delivery (nudges, alerts). */
export interface ProactiveSender {
  readonly channel: ChannelName;
  /**
   * Sends to a stored address. Throws DeadAddressError when the channel says the address no
   * longer works (Teams 403/404, Zalo user gone); other errors may be retried.
   */
  send(address: ConversationAddress, messages: OutgoingMessage[]): Promise<void>;
}

export class DeadAddressError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DeadAddressError";
  }
}
