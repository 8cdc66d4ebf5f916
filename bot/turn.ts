// The per-turn context: built once per incoming message by the core and passed down to every
// handler (who is speaking, their unit and role, the clock, a logger tagged with the message id).
import type { Logger } from "pino";
import type { IncomingMessage, OutgoingMessage } from "./messages";
import type { Db } from "./storage/db";

export type Role = "admin" | "coordinator" | "member";

export interface TurnUser {
  id: number;
  name: string;
  unitId: number | null;
  unitName: string | null;
  role: Role;
  planId: string | null;
}

export interface TurnContext {
  msg: IncomingMessage;
  /** The instant of this turn; tests pass it, handlers never read the clock. */
  now: Date;
  /** now as a calendar date in Asia/Ho_Chi_Minh, YYYY-MM-DD. */
  today: string;
  /** The registered user behind this channel identity, or null. */
  user: TurnUser | null;
  db: Db;
  log: Logger;
}

/** A command handler: returns its replies, or null when the message is not for it. */
export type CommandHandler = (ctx: TurnContext) => Promise<OutgoingMessage[] | null>;
