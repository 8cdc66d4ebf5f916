// Fault: kill -9 of the real server (`npm start`'s entry, a child process) while 50 Teams users send
// progress updates through the Emulator endpoint, on PGlite and on PostgreSQL. Each writer sends its
// messages one after another; the kill comes when the bot replies to the WRITERS-th update (stored,
// not yet acknowledged), with requests in flight. After the restart every writer sends again, with the same activity id, each message it
// has no acknowledgement for, as the Bot Framework connector and the web page do. Then: every
// message stored exactly once (0 lost, 0 duplicated), every acknowledgement backed by a stored row.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../bot/config";
import type { EngineDb } from "../../bot/storage/engine";
import { openDb, openDbFromConfig } from "../../bot/storage/open-db";
import { createInvite } from "../../bot/users/invites";
import { ensureUnit } from "../../bot/users/units";
import { startFakeConnector, type FakeConnector } from "../fakes/fake-connector";
import { PG_MISSING, PG_URL } from "../bot/storage/engines";
import { freePort } from "../support/free-port";

const WRITERS = 50;
const PER_WRITER = 4;
const ACK = /Đã ghi nhận cập nhật|đã được ghi nhận trước đó/;
const DUPLICATE = /đã được ghi nhận trước đó/;

const root = mkdtempSync(join(tmpdir(), "tlkh-kill-"));
const plansDir = join(root, "plans"); // no plans: the start is quick and every update stands alone
mkdirSync(plansDir);
const children = new Set<ChildProcess>();
const databases: string[] = [];
let connector: FakeConnector | undefined;

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  await connector?.close();
  if (PG_URL && databases.length) {
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    for (const d of databases) await admin.query(`DROP DATABASE IF EXISTS "${d}" WITH (FORCE)`);
    await admin.end();
  }
  rmSync(root, { recursive: true, force: true });
});

interface Server {
  child: ChildProcess;
  port: number;
  exited: Promise<void>;
  log(): string;
}

/** Starts `scripts/start.ts` as `npm start` does and resolves once it listens. */
async function startServer(env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env: { ...process.env, ...env, PORT: String(port), PLANS_DIR: plansDir, NUDGES_ENABLED: "false", LOG_LEVEL: "info", MicrosoftAppId: "", MicrosoftAppPassword: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  let log = "";
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const listening = new Promise<void>((resolve, reject) => {
    const onData = (d: Buffer) => {
      log += d.toString();
      if (log.includes("is listening")) resolve();
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code, signal) => reject(new Error(`server exited (${code ?? signal}) before listening:\n${log}`)));
  });
  await listening;
  return { child, port, exited, log: () => log };
}

const activity = (w: number, id: string, text: string, serviceUrl: string) => ({
  type: "message",
  id,
  timestamp: new Date().toISOString(),
  channelId: "msteams",
  serviceUrl,
  from: { id: `29:writer-${w}`, name: `Người ${w}`, aadObjectId: `aad-writer-${w}` },
  recipient: { id: "28:bot-app-id", name: "Trợ lý Kế hoạch" },
  conversation: { id: `a:writer-${w}`, conversationType: "personal", tenantId: "tenant-1" },
  channelData: { tenant: { id: "tenant-1" } },
  locale: "vi-VN",
  text,
});

type Outcome = "ack" | "down" | { other: string };

/** Posts one activity; "ack" when the server answered 200 and its reply acknowledges the update. */
async function send(port: number, w: number, id: string, text: string): Promise<Outcome> {
  let status: number;
  try {
    const res = await fetch(`http://127.0.0.1:${port}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(activity(w, id, text, connector!.url)),
    });
    status = res.status;
    await res.text();
  } catch {
    return "down"; // refused, reset: the server is gone
  }
  // The reply is posted to the connector before the server answers the request.
  const reply = connector!.received.filter((r) => r.replyToId === id).at(-1)?.activity.text ?? "";
  return status === 200 && ACK.test(reply) ? "ack" : { other: `${status} ${reply.slice(0, 120)}` };
}

const messageId = (run: string, w: number, j: number) => `${run}-w${w}-m${j}`;
const updateText = (w: number, j: number) => `cập nhật số liệu tổng hợp: đang thực hiện ${10 + j}%, ghi chú người ${w} lần ${j}`;

async function prepare(config: { DATA_DIR: string; DATABASE_URL?: string }): Promise<string[]> {
  const db: EngineDb = await openDbFromConfig(loadConfig({ ...config, PLANS_DIR: plansDir }));
  try {
    const unit = await ensureUnit(db, "Phòng Nội vụ", "admin");
    const codes: string[] = [];
    for (let w = 0; w < WRITERS; w++) codes.push((await createInvite(db, { unitId: unit.id, role: "member", now: new Date(), days: 30 })).code);
    return codes;
  } finally {
    await db.close();
  }
}

async function killUnderLoad(env: { DATA_DIR: string; DATABASE_URL?: string }, openAfter: () => Promise<EngineDb>) {
  const run = randomBytes(3).toString("hex");
  const codes = await prepare(env);
  connector ??= await startFakeConnector();
  let server = await startServer({ ...env, ZALO_CREDENTIALS_FILE: join(env.DATA_DIR, "none.json") });

  const registered = await Promise.all(codes.map((code, w) => send(server.port, w, `${run}-reg-${w}`, `đăng ký ${code}`).then(() => connector!.received.filter((r) => r.replyToId === `${run}-reg-${w}`).at(-1)?.activity.text ?? "")));
  expect(registered.filter((t) => /thành công/.test(t)).length, registered.join("\n")).toBe(WRITERS);

  const acked = new Set<string>();
  const next = Array.from({ length: WRITERS }, () => 0);
  let inFlight = 0;
  // The kill comes the moment the bot posts its reply to the WRITERS-th update: that update is
  // committed, and its request is not answered yet, so its writer must resend it after the restart.
  const base = connector.received.length;
  const replyPosted = connector.waitFor(base + WRITERS, 300_000);

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
  server = await startServer({ ...env, ZALO_CREDENTIALS_FILE: join(env.DATA_DIR, "none.json") });
  const resent = WRITERS * PER_WRITER - acked.size;
  const before = connector.received.length;
  await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(server.port, w)));
  const duplicatesAnswered = connector.received.slice(before).filter((r) => DUPLICATE.test(r.activity.text ?? "")).length;
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
    const name = `tlkh_kill_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    databases.push(name);
    const url = new URL(PG_URL!);
    url.pathname = `/${name}`;
    const dataDir = join(root, "pg");
    const r = await killUnderLoad({ DATA_DIR: dataDir, DATABASE_URL: url.toString() }, () => openDb({ databaseUrl: url.toString() }));
    console.log(`kill -9 on PostgreSQL: ${r.ackedAtKill} acknowledged and ${r.inFlightAtKill} in flight at the kill; ${r.resent} sent after the restart (${r.duplicatesAnswered} already stored); ${WRITERS * PER_WRITER} stored once, 0 lost`);
  });
});
