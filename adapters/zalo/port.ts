// The narrow part of the zca-js API the adapter uses. A real logged-in `API` satisfies it (checked
// in login.ts); tests pass a typed fake with an EventEmitter listener.
import type { API, Message, ThreadType as ZcaThreadType } from "zca-js";

/** zca-js' ThreadType values, kept here so that a server without Zalo never loads zca-js (a second at start). */
export const ThreadType = { User: 0 as ZcaThreadType.User, Group: 1 as ZcaThreadType.Group } as const;

export interface ZaloListenerPort {
  on(event: "message", fn: (message: Message) => void): unknown;
  on(event: "closed", fn: (code: number, reason: string) => void): unknown;
  on(event: "error", fn: (error: unknown) => void): unknown;
  on(event: "connected", fn: () => void): unknown;
  off(event: "message", fn: (message: Message) => void): unknown;
  off(event: "closed", fn: (code: number, reason: string) => void): unknown;
  off(event: "error", fn: (error: unknown) => void): unknown;
  off(event: "connected", fn: () => void): unknown;
  start(opts?: { retryOnClose?: boolean }): void;
  stop(): void;
}

export interface ZaloPort {
  getOwnId(): string;
  sendMessage: API["sendMessage"];
  listener: ZaloListenerPort;
}

export type ZaloMessage = Message;
