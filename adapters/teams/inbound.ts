// A Teams message activity as the neutral IncomingMessage: the bot's @mention removed in channels
// and group chats, card submits passed as `value` (the core reads the form values itself), an address only for personal chats (nudges must
// not land in a shared channel).
import { TurnContext, type Activity } from "botbuilder";
import type { IncomingMessage } from "../../bot/messages";
import { isPersonal, referenceFromActivity, teamsAddress } from "./reference";

/** Removes the bot's mention the way Teams sends it (entity + <at>Name</at> in the text). */
export function textWithoutMention(activity: Partial<Activity>): string {
  if (typeof activity.text !== "string") return ""; // a card submit has no text
  const copy = { ...activity } as Activity;
  const stripped = TurnContext.removeRecipientMention(copy) ?? activity.text;
  // Some clients leave the <at> tag without a matching entity; drop a leading one naming the bot.
  const name = activity.recipient?.name;
  const leading = name ? new RegExp(`^\\s*<at>${escapeRegExp(name)}</at>`, "i") : null;
  return (leading ? stripped.replace(leading, "") : stripped).replace(/&nbsp;/g, " ").trim();
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export function activityToIncoming(activity: Partial<Activity>, fallbackNow: Date): IncomingMessage | null {
  const ref = referenceFromActivity(activity);
  if (!ref || !activity.id) return null;
  const value =
    activity.value && typeof activity.value === "object" && !Array.isArray(activity.value)
      ? (activity.value as Record<string, unknown>)
      : undefined;
  const timestamp = activity.timestamp ? new Date(activity.timestamp) : fallbackNow;
  return {
    channel: "teams",
    messageId: activity.id,
    channelUserId: ref.aadObjectId ?? ref.userId,
    userName: ref.userName,
    isGroup: !isPersonal(ref),
    text: textWithoutMention(activity),
    value,
    address: isPersonal(ref) ? teamsAddress(ref) : undefined,
    receivedAt: Number.isNaN(timestamp.getTime()) ? fallbackNow : timestamp,
  };
}
