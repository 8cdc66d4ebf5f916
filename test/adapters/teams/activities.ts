// Teams activity payloads as the connector posts them (shape of real msteams activities).
export interface ActivityOptions {
  serviceUrl: string;
  id?: string;
  text?: string;
  value?: Record<string, unknown>;
  conversationType?: "personal" | "groupChat" | "channel";
  conversationId?: string;
  userId?: string;
  aadObjectId?: string;
  mention?: boolean;
  timestamp?: string;
}

export const BOT = { id: "28:bot-app-id", name: "Trợ lý Kế hoạch" };
let seq = 0;

export function messageActivity(o: ActivityOptions): Record<string, unknown> {
  const conversationType = o.conversationType ?? "personal";
  const text = o.mention ? `<at>${BOT.name}</at> ${o.text ?? ""}` : o.text;
  return {
    type: "message",
    id: o.id ?? `act-${++seq}`,
    timestamp: o.timestamp ?? "2023-05-02T02:00:00.000Z",
    channelId: "msteams",
    serviceUrl: o.serviceUrl,
    from: { id: o.userId ?? "29:user-1", name: "Nguyễn Văn A", aadObjectId: o.aadObjectId ?? "aad-user-1" },
    recipient: BOT,
    conversation: {
      id: o.conversationId ?? (conversationType === "personal" ? "a:personal-chat-1" : "19:channel-1@thread.tacv2;messageid=1"),
      conversationType,
      tenantId: "tenant-1",
      isGroup: conversationType !== "personal" ? true : undefined,
    },
    channelData: { tenant: { id: "tenant-1" } },
    locale: "vi-VN",
    text,
    value: o.value,
    entities: o.mention
      ? [{ type: "mention", text: `<at>${BOT.name}</at>`, mentioned: { id: BOT.id, name: BOT.name } }]
      : undefined,
  };
}

export function installActivity(o: { serviceUrl: string; action: "add" | "remove"; conversationId?: string }): Record<string, unknown> {
  return {
    type: "installationUpdate",
    id: `inst-${++seq}`,
    action: o.action,
    timestamp: "2023-05-02T01:00:00.000Z",
    channelId: "msteams",
    serviceUrl: o.serviceUrl,
    from: { id: "29:user-1", name: "Nguyễn Văn A", aadObjectId: "aad-user-1" },
    recipient: BOT,
    conversation: { id: o.conversationId ?? "a:personal-chat-1", conversationType: "personal", tenantId: "tenant-1" },
    channelData: { tenant: { id: "tenant-1" }, source: { name: "message" } },
  };
}
