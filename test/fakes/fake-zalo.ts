// A typed fake of the zca-js API port: the listener is a real EventEmitter, sendMessage records
// its calls (with the fake-time instant they were made at).
import { EventEmitter } from "node:events";
import { ThreadType, type GroupMessage, type TMention, type UserMessage } from "zca-js";
import type { ZaloListenerPort, ZaloPort } from "../../adapters/zalo/port";

export const BOT_UID = "900000000000000001";

export class FakeListener extends EventEmitter implements ZaloListenerPort {
  starts = 0;
  stops = 0;
  start(): void {
    this.starts += 1;
  }
  stop(): void {
    this.stops += 1;
  }
}

export interface SentCall {
  msg: string;
  attachments: unknown[];
  threadId: string;
  type: ThreadType | undefined;
  /** performance.now() at the call, the rate limiter's clock. */
  atMs: number;
}

export class FakeZaloApi implements ZaloPort {
  readonly listener = new FakeListener();
  readonly sent: SentCall[] = [];
  constructor(private readonly ownId: string = BOT_UID) {}
  getOwnId(): string {
    return this.ownId;
  }
  sendMessage: ZaloPort["sendMessage"] = async (message, threadId, type) => {
    const m = typeof message === "string" ? { msg: message } : message;
    const attachments = m.attachments === undefined ? [] : Array.isArray(m.attachments) ? m.attachments : [m.attachments];
    this.sent.push({ msg: m.msg, attachments, threadId, type, atMs: performance.now() });
    return { message: { msgId: this.sent.length }, attachment: [] };
  };
}

let nextMsgId = 1000;

function base(uidFrom: string, text: string, msgId?: string) {
  const id = msgId ?? String(++nextMsgId);
  return {
    actionId: "1", msgId: id, cliMsgId: id, msgType: "webchat", uidFrom, idTo: BOT_UID, dName: "Cán bộ " + uidFrom.slice(-3),
    ts: String(Date.UTC(2023, 4, 2, 2, 0, 0)), status: 1, content: text, notify: "1", ttl: 0, userId: "0", uin: "0",
    topOut: "0", topOutTimeOut: "0", topOutImprTimeOut: "0", propertyExt: undefined, paramsExt: undefined, cmd: 501, st: 3, at: 5, realMsgId: "0", quote: undefined,
  };
}

export function dm(uidFrom: string, text: string, msgId?: string): UserMessage {
  return { type: ThreadType.User, threadId: uidFrom, isSelf: false, data: base(uidFrom, text, msgId) } as unknown as UserMessage;
}

export function groupMsg(groupId: string, uidFrom: string, text: string, mentions?: TMention[], msgId?: string): GroupMessage {
  return {
    type: ThreadType.Group,
    threadId: groupId,
    isSelf: false,
    data: { ...base(uidFrom, text, msgId), idTo: groupId, mentions },
  } as unknown as GroupMessage;
}
