// The channel-adapter contract: the same cases against Teams, Zalo, web and console, through each
// adapter's public mapping and rendering functions. In: a channel's text message becomes an
// IncomingMessage the core accepts. Out: every kind of OutgoingMessage becomes something the user
// sees, with the answer text, the quick replies, the form's choices and the file, and a quote the
// answer already contains shown once.
import type { Activity } from "botbuilder";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { renderConsole } from "../../adapters/console/render";
import { consoleMessage } from "../../adapters/console/console-chat";
import { activityToIncoming } from "../../adapters/teams/inbound";
import { renderForTeams } from "../../adapters/teams/render";
import { createWebChat, renderWebReply } from "../../adapters/web/chat";
import { parseKeywords, zaloMessageToIncoming } from "../../adapters/zalo/inbound";
import { renderForZalo } from "../../adapters/zalo/render";
import { webhookBodySchema, zaloBotUpdateToIncoming } from "../../adapters/zalo-bot/inbound";
import { renderForZaloBot } from "../../adapters/zalo-bot/render";
import { incomingSchema } from "../../bot/core/router";
import type { ChannelName, IncomingMessage, OutgoingMessage, UpdateFormMessage } from "../../bot/messages";
import { BOT_UID, dm, groupMsg } from "../fakes/fake-zalo";
import { FAKE_BOT_NAME, textUpdate } from "../fakes/fake-zalo-bot";
import { messageActivity } from "./teams/activities";

// The instant every fake delivery carries (Zalo's fake messages are stamped with it).
const SENT_AT = new Date("2023-05-02T02:00:00Z");
const SERVICE_URL = "http://127.0.0.1:9/connector";
const link = async (f: { fileName: string }) => `https://bot.example/files/x/${f.fileName}?sig=1`;

interface Delivery {
  /** The sender, as the channel names them. */
  sender: string;
  /** The channel's id of this message (the same delivery twice has the same id). */
  id: string;
  text: string;
}

interface ChannelSurface {
  channel: ChannelName;
  /** A direct (one-to-one) text message through the adapter's inbound mapping. */
  direct(d: Delivery): Promise<IncomingMessage | null>;
  /** A group message addressing the bot, with the bot's marker in front; only channels with groups. */
  group?(d: Delivery): Promise<IncomingMessage | null>;
  /** The reply to an update form the channel showed, as it reaches the core. */
  answerForm(form: UpdateFormMessage, d: Omit<Delivery, "text">): Promise<IncomingMessage | null>;
  /** Everything the user sees of one outgoing message, as text. */
  seen(msg: OutgoingMessage): Promise<string>;
}

function teams(): ChannelSurface {
  const activity = (d: Delivery, over: Record<string, unknown> = {}) =>
    messageActivity({ serviceUrl: SERVICE_URL, id: d.id, text: d.text, userId: `29:${d.sender}`, aadObjectId: d.sender, timestamp: SENT_AT.toISOString(), ...over });
  return {
    channel: "teams",
    direct: async (d) => activityToIncoming(activity(d) as Partial<Activity>, new Date()),
    group: async (d) => activityToIncoming(activity(d, { conversationType: "channel", mention: true }) as Partial<Activity>, new Date()),
    // Action.Submit: a message without text whose value holds the card's inputs and its data.
    answerForm: async (form, d) =>
      activityToIncoming(activity({ ...d, text: "" }, { text: undefined, value: { kind: "update_form", obligation: form.obligations[0].id, status: form.statuses[0], percent: "60", note: "" } }) as Partial<Activity>, new Date()),
    async seen(msg) {
      const a = await renderForTeams(msg, { personal: true, link });
      const parts = [a.text ?? "", ...(a.suggestedActions?.actions ?? []).map((x) => x.title ?? "")];
      for (const att of a.attachments ?? []) parts.push(...strings(att.content));
      return parts.join("\n");
    },
  };
}

function zalo(): ChannelSurface {
  const kw = parseKeywords("@trolý,/tl");
  return {
    channel: "zalo",
    direct: async (d) => zaloMessageToIncoming(dm(d.sender, d.text, d.id), BOT_UID, kw, new Date()),
    group: async (d) => zaloMessageToIncoming(groupMsg("g-1", d.sender, `/tl ${d.text}`, undefined, d.id), BOT_UID, kw, new Date()),
    answerForm: async (_form, d) => zaloMessageToIncoming(dm(d.sender, "1: đang thực hiện 60%", d.id), BOT_UID, kw, new Date()),
    seen: async (msg) => renderForZalo(msg).map((c) => [c.msg, ...[c.attachments ?? []].flat().map((a) => (typeof a === "string" ? a : a.filename))].join("\n")).join("\n"),
  };
}

function zaloBot(): ChannelSurface {
  // Through the webhook body parser, as POST /api/zalo receives it.
  const incoming = (update: ReturnType<typeof textUpdate>) => zaloBotUpdateToIncoming(webhookBodySchema.parse({ ok: true, result: update }), FAKE_BOT_NAME, new Date());
  const date = SENT_AT.getTime();
  return {
    channel: "zalo-bot",
    direct: async (d) => incoming(textUpdate({ from: d.sender, text: d.text, id: d.id, date })),
    group: async (d) => incoming(textUpdate({ from: d.sender, chatId: "g-1", group: true, text: `@${FAKE_BOT_NAME} ${d.text}`, id: d.id, date })),
    answerForm: async (_form, d) => incoming(textUpdate({ from: d.sender, text: "1: đang thực hiện 60%", id: d.id, date })),
    seen: async (msg) => (await renderForZaloBot(msg, link)).join("\n"),
  };
}

function web(): ChannelSurface {
  const received: IncomingMessage[] = [];
  const chat = createWebChat({ core: { handle: async (m) => (received.push(m), []) }, secret: "s".repeat(40), secureCookies: false, link, log: pino({ level: "silent" }) });
  // One browser per sender: the identity is the signed session cookie the first reply sets.
  const cookies = new Map<string, string>();
  async function post(d: Omit<Delivery, "text">, body: Record<string, unknown>): Promise<IncomingMessage | null> {
    const before = received.length;
    const res = await chat.handle({ cookieHeader: cookies.get(d.sender), body: { name: d.sender, id: d.id, ...body }, now: SENT_AT });
    const set = res.headers["set-cookie"];
    if (set) cookies.set(d.sender, set.split(";")[0]);
    return received.length > before ? received[received.length - 1] : null;
  }
  return {
    channel: "web",
    direct: (d) => post(d, { text: d.text }),
    answerForm: (form, d) => post(d, { value: { kind: "update_form", obligation: form.obligations[0].id, status: form.statuses[0], percent: "60" } }),
    seen: async (msg) => strings(await renderWebReply(msg, link, SENT_AT)).join("\n"),
  };
}

function consoleSurface(): ChannelSurface {
  // The terminal has no message ids of its own; consoleMessage makes a fresh one per line typed.
  const ids = new Map<string, IncomingMessage>();
  const once = (d: Delivery) => ids.get(d.id) ?? ids.set(d.id, consoleMessage(d.sender, d.text, SENT_AT)).get(d.id) ?? null;
  return {
    channel: "console",
    direct: async (d) => once(d),
    answerForm: async (_form, d) => once({ ...d, text: "1: đang thực hiện 60%" }),
    seen: async (msg) => renderConsole([msg], new Map(msg.kind === "file" ? [[msg, `/tmp/files/${msg.fileName}`]] : [])),
  };
}

/** Every string inside a rendered value (cards, JSON replies). */
function strings(x: unknown): string[] {
  if (typeof x === "string") return [x];
  if (Array.isArray(x)) return x.flatMap(strings);
  if (x && typeof x === "object") return Object.values(x).flatMap(strings);
  return [];
}

function occurrences(hay: string, needle: string): number {
  return hay.split(needle).length - 1;
}

const QUOTE = "Phòng Nội vụ tổng hợp báo cáo 6 tháng (trước ngày 10/6)";
const ANSWER: OutgoingMessage = {
  kind: "text",
  text: `Hạn nộp báo cáo 6 tháng: trước ngày 10/6, tức hạn cuối là ngày 9/6/2026.\nNguồn: Kế hoạch năm 2026, mục “II › 1. Chế độ báo cáo”: “${QUOTE}”`,
  citations: [{ plan: "thixa-2026", planTitle: "Kế hoạch năm 2026", section: "II › 1. Chế độ báo cáo", quote: QUOTE }],
  quickReplies: ["Đã xong", "Nhắc lại sau 2 ngày"],
};
const FORM: UpdateFormMessage = {
  kind: "update_form",
  text: "Cập nhật tiến độ của Phòng Nội vụ: chọn việc, tình trạng, phần trăm hoàn thành và ghi chú.",
  obligations: [
    { id: "thixa-2026/o2", label: "tổng hợp báo cáo 6 tháng · Kế hoạch năm 2026 · hạn tới 9/6/2026" },
    { id: "thixa-2026/o3", label: "báo cáo quy chế dân chủ · Kế hoạch năm 2026 · 6 tháng, không nêu ngày" },
  ],
  statuses: ["đang thực hiện", "hoàn thành", "vướng mắc", "chưa bắt đầu"],
};

const surfaces = [teams(), zalo(), zaloBot(), web(), consoleSurface()];

describe.each(surfaces.map((s) => [s.channel, s] as const))("%s adapter", (channel, s) => {
  it("maps a direct text message to an IncomingMessage the core accepts", async () => {
    const msg = await s.direct({ sender: "u-1", id: "msg-0001", text: "khi nào nộp báo cáo 6 tháng?" });
    expect(msg).not.toBeNull();
    expect(incomingSchema.safeParse(msg).success).toBe(true);
    expect(msg).toMatchObject({ channel, isGroup: false, text: "khi nào nộp báo cáo 6 tháng?" });
    expect(msg?.messageId).not.toBe("");
    expect(msg?.channelUserId).not.toBe("");
    expect(msg?.receivedAt.getTime()).toBe(SENT_AT.getTime());
  });

  it("keeps one messageId per delivery and one channelUserId per sender", async () => {
    const a = await s.direct({ sender: "u-2", id: "msg-0002", text: "tiến độ" });
    const again = await s.direct({ sender: "u-2", id: "msg-0002", text: "tiến độ" });
    const next = await s.direct({ sender: "u-2", id: "msg-0003", text: "lịch nhắc" });
    const other = await s.direct({ sender: "u-3", id: "msg-0004", text: "tiến độ" });
    expect(again?.messageId).toBe(a?.messageId);
    expect(next?.messageId).not.toBe(a?.messageId);
    expect(next?.channelUserId).toBe(a?.channelUserId);
    expect(other?.channelUserId).not.toBe(a?.channelUserId);
  });

  if (s.group) {
    const group = s.group;
    it("maps a group message addressing the bot, without the bot's marker", async () => {
      const msg = await group({ sender: "u-1", id: "msg-000g", text: "hạn báo cáo năm?" });
      expect(msg).toMatchObject({ channel, isGroup: true, text: "hạn báo cáo năm?" });
      expect(msg?.address, "nudges never go to a shared conversation").toBeUndefined();
      expect(incomingSchema.safeParse(msg).success).toBe(true);
    });
  }

  it("brings the answer to an update form back to the core", async () => {
    const msg = await s.answerForm(FORM, { sender: "u-1", id: "msg-form" });
    expect(msg).not.toBeNull();
    expect(incomingSchema.safeParse(msg).success).toBe(true);
    if (msg?.value) expect(msg.value).toMatchObject({ kind: "update_form", obligation: FORM.obligations[0].id, status: FORM.statuses[0] });
    else expect(msg?.text).toMatch(/^1: đang thực hiện 60%$/);
  });

  it("shows an answer with its quick replies, and a quote the text already has only once", async () => {
    const seen = await s.seen(ANSWER);
    expect(seen).toContain("Hạn nộp báo cáo 6 tháng: trước ngày 10/6");
    for (const q of ["Đã xong", "Nhắc lại sau 2 ngày"]) expect(seen).toContain(q);
    expect(occurrences(seen, QUOTE)).toBe(1);
  });

  it("shows a citation the text lacks", async () => {
    const seen = await s.seen({ kind: "text", text: "Hạn: 9/6/2026.", citations: [{ plan: "p", planTitle: "Kế hoạch năm 2026", section: "II", quote: QUOTE }] });
    expect(seen).toContain("Hạn: 9/6/2026.");
    expect(occurrences(seen, QUOTE)).toBe(1);
  });

  it("shows the update form: its text, every task and every status", async () => {
    const seen = await s.seen(FORM);
    expect(seen).toContain(FORM.text);
    for (const o of FORM.obligations) expect(seen).toContain(o.label);
    for (const st of FORM.statuses) expect(seen).toContain(st);
  });

  it("delivers a file with its caption and name", async () => {
    const seen = await s.seen({ kind: "file", fileName: "du-thao-bao-cao-2026-H1.docx", mimeType: "application/octet-stream", data: Buffer.from("PK"), caption: "Dự thảo báo cáo 6 tháng đầu năm 2026" });
    expect(seen).toContain("Dự thảo báo cáo 6 tháng đầu năm 2026");
    expect(seen).toContain("du-thao-bao-cao-2026-H1.docx");
  });
});

describe("text channels number the form the way the core reads it back", () => {
  it.each([["zalo", zalo()], ["zalo-bot", zaloBot()], ["console", consoleSurface()]] as const)("%s", async (_name, s) => {
    const seen = await s.seen(FORM);
    FORM.obligations.forEach((o, i) => expect(seen).toContain(`${i + 1}. ${o.label}`));
    expect(seen).toMatch(/“1: đang thực hiện 60%/);
  });

  it("Teams renders the form as an Adaptive Card whose choices are the offered ids", async () => {
    const a = await renderForTeams(FORM, { personal: true, link });
    const card = a.attachments?.[0].content as { body: { id?: string; choices?: { value: string }[] }[] };
    expect(card.body.find((b) => b.id === "obligation")?.choices?.map((c) => c.value)).toEqual(FORM.obligations.map((o) => o.id));
  });
});
