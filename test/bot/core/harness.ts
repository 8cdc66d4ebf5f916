// A core on an in-memory database with the test plan, and a way to talk to it as a person.
import { createCore } from "../../../bot/core/router";
import { defaultHandlers } from "../../../bot/core/handlers";
import type { IncomingMessage, OutgoingMessage } from "../../../bot/messages";
import { ingestPlan } from "../../../bot/plans/library";
import type { EngineDb } from "../../../bot/storage/engine";
import { openDb } from "../../../bot/storage/open-db";
import type { Role } from "../../../bot/turn";
import { createInvite } from "../../../bot/users/invites";
import { ensureUnit } from "../../../bot/users/units";
import { FakeAnswerer, msgFrom, silentLog, testPlan } from "../fixtures";

export interface Harness {
  db: EngineDb;
  answerer: FakeAnswerer;
  handle(m: IncomingMessage): Promise<OutgoingMessage[]>;
  /** Sends text as `user` and returns the replies' text joined. */
  say(user: string, text: string, over?: Partial<IncomingMessage>): Promise<string>;
  invite(unit: string, role: Role, days?: number): Promise<string>;
  register(user: string, unit: string, role: Role): Promise<void>;
  now: Date;
}

export function textOf(out: OutgoingMessage[]): string {
  return out.map((m) => (m.kind === "file" ? `[file ${m.fileName}] ${m.caption}` : m.text)).join("\n");
}

export async function harness(now = new Date("2026-03-15T03:00:00Z"), db?: EngineDb): Promise<Harness> {
  const store = db ?? (await openDb({ dataDir: "memory" }));
  await ingestPlan(store, testPlan(), now);
  const answerer = new FakeAnswerer();
  const core = createCore({ db: store, answerer, log: silentLog, handlers: defaultHandlers() });
  const h: Harness = {
    db: store,
    answerer,
    now,
    handle: core.handle,
    say: async (user, text, over) => textOf(await core.handle(msgFrom(user, text, h.now, over))),
    async invite(unit, role, days) {
      const u = await ensureUnit(store, unit, "admin");
      return (await createInvite(store, { unitId: u.id, role, now: h.now, days })).code;
    },
    async register(user, unit, role) {
      const reply = await h.say(user, `đăng ký ${await h.invite(unit, role)}`);
      if (!reply.includes("thành công")) throw new Error(`registration failed: ${reply}`);
    },
  };
  return h;
}
