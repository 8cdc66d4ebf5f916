// Fault: kill -9 of the real server (`npm start`'s entry, a child process) while 50 Teams users send
// progress updates through the Emulator endpoint, on PGlite and on PostgreSQL. Each writer sends its
// messages one after another; the kill comes when the bot replies to the WRITERS-th update (stored,
// not yet acknowledged), with requests in flight. After the restart every writer sends again, with the same activity id, each message it
// has no acknowledgement for, as the Bot Framework connector and the web page do. Then: every
// message stored exactly once (0 lost, 0 duplicated), every acknowledgement backed by a stored row.
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { EngineDb } from "../../bot/storage/engine";
import { openDb } from "../../bot/storage/open-db";
import { startFakeConnector } from "../fakes/fake-connector";
import { PG_MISSING, PG_URL } from "../bot/storage/engines";
import { DUPLICATE, freshDatabase, prepareInvites, replyTo, send as sendTo, startServer, faultWorkspace } from "./real-server";

const WRITERS = 50;
const PER_WRITER = 4;

const ws = faultWorkspace("tlkh-kill-");
const { root, plansDir, databases } = ws;

const send = (port: number, w: number, id: string, text: string) => sendTo(ws.connector!, port, w, id, text);

const messageId = (run: string, w: number, j: number) => `${run}-w${w}-m${j}`;
const updateText = (w: number, j: number) => `cập nhật số liệu tổng hợp: đang thực hiện ${10 + j}%, ghi chú người ${w} lần ${j}`;

async function killUnderLoad(env: { DATA_DIR: string; DATABASE_URL?: string }, openAfter: () => Promise<EngineDb>) {
  const run = randomBytes(3).toString("hex");
  const codes = await prepareInvites(env, plansDir, WRITERS);
  ws.connector ??= await startFakeConnector();
  let server = await startServer({ ...env, ZALO_CREDENTIALS_FILE: join(env.DATA_DIR, "none.json") }, plansDir);

  const registered = await Promise.all(codes.map((code, w) => send(server.port, w, `${run}-reg-${w}`, `đăng ký ${code}`).then(() => replyTo(ws.connector!, `${run}-reg-${w}`))));
  expect(registered.filter((t) => /thành công/.test(t)).length, registered.join("\n")).toBe(WRITERS);

  const acked = new Set<string>();
  const next = Array.from({ length: WRITERS }, () => 0);
  let inFlight = 0;
  // The kill comes the moment the bot posts its reply to the WRITERS-th update: that update is
  // committed, and its request is not answered yet, so its writer must resend it after the restart.
  const base = ws.connector.received.length;
  const replyPosted = ws.connector.waitFor(base + WRITERS, 300_000);

  /** Sends this writer's messages in order from the first unacknowledged one; stops when the server is gone. */
  const writer = async (port: number, w: number) => {
    while (next[w] < PER_WRITER) {
      const id = messageId(run, w, next[w]);
      inFlight += 1;
      const out = await send(port, w, id, updateText(w, next[w]));
      inFlight -= 1;
      if (out === "down") return;
      if (out !== "ack") throw new Error(`writer ${w}, ${id}: ${out.other}`);
      acked.add(id);
      next[w] += 1;
    }
  };

  const first = Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(server.port, w)));
  await Promise.race([replyPosted, first]);
  const inFlightAtKill = inFlight;
  const ackedAtKill = new Set(acked);
  server.child.kill("SIGKILL");
  await server.exited;
  await first;
  expect(server.child.signalCode).toBe("SIGKILL");
  expect(inFlightAtKill, "the kill came with requests in flight").toBeGreaterThan(0);
  expect(ackedAtKill.size).toBeLessThan(WRITERS * PER_WRITER);

  // Restart on the same data; every writer sends again what it has no acknowledgement for.
  server = await startServer({ ...env, ZALO_CREDENTIALS_FILE: join(env.DATA_DIR, "none.json") }, plansDir);
  const resent = WRITERS * PER_WRITER - acked.size;
  const before = ws.connector.received.length;
  await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(server.port, w)));
  const duplicatesAnswered = ws.connector.received.slice(before).filter((r) => DUPLICATE.test(r.activity.text ?? "")).length;
  expect(acked.size).toBe(WRITERS * PER_WRITER);
  expect(duplicatesAnswered, "the update committed just before the kill was resent and found stored").toBeGreaterThan(0);
  server.child.kill("SIGTERM");
  await server.exited;
  expect(server.log()).not.toMatch(/"level":60/);

  const db = await openAfter();
  try {
    const rows = await db.query<{ source_message_id: string; n: number }>(
      "SELECT source_message_id, count(*)::int AS n FROM report_entries WHERE channel = 'teams' AND withdrawn_at IS NULL GROUP BY 1",
    );
    const stored = new Map(rows.map((r) => [r.source_message_id, r.n]));
    const lost = [...ackedAtKill].filter((id) => !stored.has(id));
    const missing = [...acked].filter((id) => !stored.has(id));
    const duplicated = rows.filter((r) => r.n !== 1).map((r) => r.source_message_id);
    expect(lost, "acknowledged before the kill, gone after the restart").toEqual([]);
    expect(missing).toEqual([]);
    expect(duplicated).toEqual([]);
    expect(rows.length).toBe(WRITERS * PER_WRITER);
    const [audits] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'entry.create'");
    expect(audits.n, "one audit row per entry: no half-written transaction").toBe(WRITERS * PER_WRITER);
  } finally {
    await db.close();
  }
  return { inFlightAtKill, ackedAtKill: ackedAtKill.size, resent, duplicatesAnswered };
}

describe("kill -9 under 50 writers, restart, client retries with the same ids", { timeout: 600_000 }, () => {
  it("PGlite: 0 lost, 0 duplicated", async () => {
    const dataDir = join(root, "pglite");
    const r = await killUnderLoad({ DATA_DIR: dataDir, DATABASE_URL: "" }, () => openDb({ dataDir: join(dataDir, "db") }));
    console.log(`kill -9 on PGlite: ${r.ackedAtKill} acknowledged and ${r.inFlightAtKill} in flight at the kill; ${r.resent} sent after the restart (${r.duplicatesAnswered} already stored); ${WRITERS * PER_WRITER} stored once, 0 lost`);
  });

  it("PostgreSQL: 0 lost, 0 duplicated", async () => {
    expect(PG_URL, PG_MISSING).toBeTruthy();
    const url = await freshDatabase(databases);
    const r = await killUnderLoad({ DATA_DIR: join(root, "pg"), DATABASE_URL: url }, () => openDb({ databaseUrl: url }));
    console.log(`kill -9 on PostgreSQL: ${r.ackedAtKill} acknowledged and ${r.inFlightAtKill} in flight at the kill; ${r.resent} sent after the restart (${r.duplicatesAnswered} already stored); ${WRITERS * PER_WRITER} stored once, 0 lost`);
  });
});
