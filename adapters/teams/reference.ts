// Our own stored form of a Teams conversation reference. It is what goes into the addresses table
// (ConversationAddress.data), so a later move from botbuilder to the Microsoft 365 Agents SDK (which
// renames `bot` to `agent`) only changes the two mapping functions here.
import type { Activity, ConversationReference } from "botbuilder";
import { z } from "zod";
import type { ConversationAddress } from "../../bot/messages";

export const teamsReferenceSchema = z.object({
  channelId: z.string().min(1),
  serviceUrl: z.string().url(),
  conversationId: z.string().min(1),
  /** personal, groupChat or channel. */
  conversationType: z.string().optional(),
  tenantId: z.string().optional(),
  userId: z.string().min(1),
  aadObjectId: z.string().optional(),
  userName: z.string().optional(),
  botId: z.string().min(1),
  botName: z.string().optional(),
  locale: z.string().optional(),
});

export type TeamsReference = z.infer<typeof teamsReferenceSchema>;

/** The reference of the conversation an inbound activity came from. */
export function referenceFromActivity(a: Partial<Activity>): TeamsReference | null {
  const channelData = (a.channelData ?? {}) as { tenant?: { id?: string } };
  const parsed = teamsReferenceSchema.safeParse({
    channelId: a.channelId,
    serviceUrl: a.serviceUrl,
    conversationId: a.conversation?.id,
    conversationType: a.conversation?.conversationType,
    tenantId: a.conversation?.tenantId ?? channelData.tenant?.id,
    userId: a.from?.id,
    aadObjectId: a.from?.aadObjectId,
    userName: a.from?.name,
    botId: a.recipient?.id,
    botName: a.recipient?.name,
    locale: a.locale,
  });
  return parsed.success ? parsed.data : null;
}

/** The botbuilder shape for continueConversationAsync. */
export function toConversationReference(r: TeamsReference): Partial<ConversationReference> {
  return {
    channelId: r.channelId,
    serviceUrl: r.serviceUrl,
    locale: r.locale,
    conversation: {
      id: r.conversationId,
      conversationType: r.conversationType ?? "personal",
      tenantId: r.tenantId,
      isGroup: r.conversationType !== undefined && r.conversationType !== "personal",
      name: "",
    },
    user: { id: r.userId, name: r.userName ?? "", aadObjectId: r.aadObjectId },
    bot: { id: r.botId, name: r.botName ?? "" },
  };
}

export function isPersonal(r: TeamsReference): boolean {
  return r.conversationType === undefined || r.conversationType === "personal";
}

/** The neutral address the core stores; the sender reads `data` back with teamsReferenceSchema. */
export function teamsAddress(r: TeamsReference): ConversationAddress {
  return {
    channel: "teams",
    channelUserId: r.aadObjectId ?? r.userId,
    conversationKey: r.conversationId,
    data: { ...r },
  };
}
