// The real server as a child process (`npm start`'s entry) for the fault suite, and a Teams user
// talking to it through the Emulator endpoint with replies recorded by a fake connector.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll } from "vitest";
import { loadConfig } from "../../bot/config";
import type { EngineDb } from "../../bot/storage/engine";
import { openDbFromConfig } from "../../bot/storage/open-db";
import { createInvite } from "../../bot/users/invites";
import { ensureUnit } from "../../bot/users/units";
import type { FakeConnector } from "../fakes/fake-connector";
import { PG_URL } from "../bot/storage/engines";
import { freePort } from "../support/free-port";
import { readyBody } from "../support/ready";
import { startArgs } from "../../scripts/bench/server-process";

export const ACK = /Đã ghi nhận cập nhật|đã được ghi nhận trước đó/;
export const DUPLICATE = /đã được ghi nhận trước đó/;

export const children = new Set<ChildProcess>();

export interface Server {
  child: ChildProcess;
  port: number;
  exited: Promise<void>;
  log(): string;
}

/**
 * Starts the server as `npm start` does (package.json's command: the bundle in dist/) and resolves
 * once /readyz says 200, as a load balancer routes traffic: turns that come earlier are answered
 * "starting up", not stored.
 */
export async function startServer(env: Record<string, string>, plansDir: string): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, startArgs("."), {
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
  await Promise.race([readyBody(`http://127.0.0.1:${port}`, 120_000), exited.then(() => Promise.reject(new Error(`server exited before it was ready:\n${log}`)))]);
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

export type Outcome = "ack" | "down" | { other: string };

/** One request over its own connection from the writer's own loopback address (127.0.1.w). */
function post(port: number, w: number, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port, path: "/api/messages", method: "POST", agent: false, localAddress: `127.0.1.${w + 1}`, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/**
 * Posts one activity; "ack" when the server answered 200 and its reply acknowledges the update.
 * Each writer has an address of its own, as users do: the per-address limit is not what is tested.
 */
export async function send(connector: FakeConnector, port: number, w: number, id: string, text: string): Promise<Outcome> {
  let status: number;
  try {
    status = await post(port, w, JSON.stringify(activity(w, id, text, connector.url)));
  } catch {
    return "down"; // refused, reset: the server is gone
  }
  // The reply is posted to the connector before the server answers the request.
  const reply = replyTo(connector, id);
  return status === 200 && ACK.test(reply) ? "ack" : { other: `${status} ${reply.slice(0, 120)}` };
}

export const replyTo = (connector: FakeConnector, id: string) => connector.received.filter((r) => r.replyToId === id).at(-1)?.activity.text ?? "";

/** WRITERS invite codes of one unit, written before the server starts. */
export async function prepareInvites(config: { DATA_DIR: string; DATABASE_URL?: string }, plansDir: string, count: number): Promise<string[]> {
  const db: EngineDb = await openDbFromConfig(loadConfig({ ...config, PLANS_DIR: plansDir }));
  try {
    const unit = await ensureUnit(db, "Phòng Nội vụ", "admin");
    const codes: string[] = [];
    for (let w = 0; w < count; w++) codes.push((await createInvite(db, { unitId: unit.id, role: "member", now: new Date(), days: 30 })).code);
    return codes;
  } finally {
    await db.close();
  }
}

/** A new, empty database on the test server; returns its URL. */
export async function freshDatabase(databases: string[]): Promise<string> {
  const name = `tlkh_fault_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  databases.push(name);
  const url = new URL(PG_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropDatabases(databases: string[]): Promise<void> {
  if (!PG_URL || !databases.length) return;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  for (const d of databases.splice(0)) await admin.query(`DROP DATABASE IF EXISTS "${d}" WITH (FORCE)`);
  await admin.end();
}

/**
 * A fault test file's workspace: a temporary folder with an empty plans folder (the start is quick
 * and every update stands alone), the fake connector once started, the databases it made; after
 * the file's tests every server still running is killed and all of it removed.
 */
export function faultWorkspace(prefix: string): { root: string; plansDir: string; databases: string[]; connector?: FakeConnector } {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const plansDir = join(root, "plans");
  mkdirSync(plansDir);
  const ws: { root: string; plansDir: string; databases: string[]; connector?: FakeConnector } = { root, plansDir, databases: [] };
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
    await ws.connector?.close();
    await dropDatabases(ws.databases);
    rmSync(root, { recursive: true, force: true });
  });
  return ws;
}
