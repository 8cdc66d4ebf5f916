// Fault: PostgreSQL terminates the real server's connections (pg_terminate_backend, 57P01) again
// and again while 50 Teams users send progress updates through the Emulator endpoint. The server
// process must live, a turn that lost its connection gets a polite reply (or is retried inside) and
// its user resends with the same activity id, every update is stored once, and turns work again
// afterwards without a restart.
import { join } from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { openDb } from "../../bot/storage/open-db";
import { startFakeConnector } from "../fakes/fake-connector";
import { PG_MISSING, PG_URL } from "../bot/storage/engines";
import { freshDatabase, prepareInvites, replyTo, send, startServer, faultWorkspace } from "./real-server";

const WRITERS = 50;
const PER_WRITER = 4;

const ws = faultWorkspace("tlkh-pgterm-");
const { root, plansDir, databases } = ws;

describe("pg_terminate_backend on the running server's connections", { timeout: 600_000 }, () => {
  it("the process lives, every update is stored once after resends with the same id, and turns recover without restart", async () => {
    expect(PG_URL, PG_MISSING).toBeTruthy();
    const url = await freshDatabase(databases);
    const dbName = new URL(url).pathname.slice(1);
    const env = { DATA_DIR: join(root, "data"), DATABASE_URL: url, ZALO_CREDENTIALS_FILE: join(root, "none.json") };
    const codes = await prepareInvites(env, plansDir, WRITERS);
    ws.connector = await startFakeConnector();
    const server = await startServer(env, plansDir);
    const c = ws.connector;

    const registered = await Promise.all(codes.map((code, w) => send(c, server.port, w, `reg-${w}`, `đăng ký ${code}`).then(() => replyTo(c, `reg-${w}`))));
    expect(registered.filter((t) => /thành công/.test(t)).length).toBe(WRITERS);

    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    const terminate = async () =>
      (await admin.query("SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [dbName])).rows[0].n as number;

    // The fault window: ROUNDS times, every connection of the server's database is cut, each time
    // after a few more updates went through (not on a timer: however fast the turns), while the writers run. A turn that loses its connection twice answers "try
    // again", and its user sends the same message again; once the window is over, all must go through.
    const ROUNDS = 12;
    let politeFailures = 0;
    let faultsOver = false;
    let acks = 0;
    let onAck = () => {};
    const writer = async (w: number) => {
      for (let j = 0; j < PER_WRITER; j++) {
        const id = `u-w${w}-m${j}`;
        const text = `cập nhật số liệu tổng hợp: đang thực hiện ${10 + j}%, ghi chú người ${w} lần ${j}`;
        for (let afterWindow = 0; ; ) {
          const out = await send(c, server.port, w, id, text);
          if (out === "ack") {
            acks += 1;
            onAck();
            break;
          }
          if (out === "down") throw new Error(`the server went down at ${id}:\n${server.log()}`);
          // Anything else must be the polite "try again" reply, never a crash or an internal error.
          expect(out.other).toMatch(/^200 .*thử lại/);
          politeFailures += 1;
          if (faultsOver && ++afterWindow > 2) throw new Error(`${id} still fails after the faults ended: ${out.other}`);
        }
      }
    };
    let killed = 0;
    let rounds = 0;
    const writers = Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
    let writersDone = false;
    const writersSettled = writers.then(() => (writersDone = true), () => (writersDone = true));
    const step = Math.floor((WRITERS * PER_WRITER) / (ROUNDS + 2));
    for (; rounds < ROUNDS && !writersDone; rounds++) {
      killed += await terminate();
      const target = acks + step;
      await Promise.race([writersSettled, new Promise<void>((r) => (onAck = () => acks >= target && r()))]);
    }
    faultsOver = true;
    await writers;
    expect(server.child.exitCode, `the server process lives; its log:\n${server.log().slice(-3000)}`).toBeNull();
    expect(server.child.signalCode).toBeNull();
    expect(rounds, "the writers were still running during the fault window").toBeGreaterThan(5);
    expect(killed).toBeGreaterThan(5);

    // Turns recover without a restart: right after its connections are cut, the next turn works.
    expect(await terminate()).toBeGreaterThan(0);
    expect(await send(c, server.port, 0, "after-cut", "cập nhật số liệu tổng hợp: hoàn thành")).toBe("ack");

    server.child.kill("SIGTERM");
    await server.exited;
    await admin.end();
    expect(server.log()).not.toMatch(/"level":60/);

    const db = await openDb({ databaseUrl: url });
    try {
      const rows = await db.query<{ source_message_id: string; n: number }>(
        "SELECT source_message_id, count(*)::int AS n FROM report_entries WHERE channel = 'teams' AND withdrawn_at IS NULL GROUP BY 1",
      );
      expect(rows.length).toBe(WRITERS * PER_WRITER + 1);
      expect(rows.filter((r) => r.n !== 1)).toEqual([]);
      const [audits] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'entry.create'");
      expect(audits.n).toBe(WRITERS * PER_WRITER + 1);
    } finally {
      await db.close();
    }
    console.log(`pg_terminate_backend on the server: ${killed} backends terminated in ${rounds} rounds under ${WRITERS} writers; ${politeFailures} turns answered "try again" and resent with the same id; ${WRITERS * PER_WRITER + 1} entries stored once; the process lived`);
  });
});
