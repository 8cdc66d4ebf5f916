// The whole turn path under load, against a server in another process: N users each sending their
// questions one after another, all at once, as Teams activities POSTed to /api/messages (Emulator
// mode); the replies go to a fake Bot Connector on loopback, which botbuilder posts to before the
// POST returns. A question on a plan comes from an identity registered to that plan (seedUsers);
// a question with no plan from an unregistered one (the whole corpus). Each user brings its own
// loopback address in X-Forwarded-For (the server runs with TRUST_PROXY) so the per-address limit
// counts users, as it would in an office, not the bench.
import { performance } from "node:perf_hooks";
import type { DbQuery } from "../../bot/storage/db";
import { startFakeConnector } from "../../test/fakes/fake-connector";
import { percentile } from "./stats";

export interface Turn {
  question: string;
  planId: string | null;
}

export interface TurnFigures {
  turns: number;
  failed: number;
  /** Why turns failed: HTTP status or error message, with counts. */
  failures: Record<string, number>;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  /** Health checks sent during the load: their worst latency (ms). */
  healthMax: number;
}

const planIdentity = (i: number) => `aad-bench-plan-${i}`;

/** One registered user per plan, with a Teams identity, working under that plan (those not there yet). */
export async function seedUsers(db: DbQuery, planIds: readonly string[]): Promise<void> {
  await db.query(
    `WITH todo AS (
       SELECT p, n FROM unnest($1::text[]) WITH ORDINALITY AS x(p, n)
       WHERE NOT EXISTS (SELECT 1 FROM identities i WHERE i.channel = 'teams' AND i.channel_user_id = 'aad-bench-plan-' || (n - 1))),
     u AS (
       INSERT INTO users (name, role, plan_id) SELECT 'Cán bộ ' || n, 'member', p FROM todo RETURNING id, plan_id)
     INSERT INTO identities (channel, channel_user_id, user_id)
     SELECT 'teams', 'aad-bench-plan-' || (array_position($1::text[], u.plan_id) - 1), u.id FROM u`,
    [planIds],
  );
}

/**
 * Sends `count` turns (the questions cycled), or turns until `stop` is aborted when count is
 * Infinity, from `users` concurrent users against the server at `url`, each waiting about
 * `thinkMs` between its turns (0: at once, the server's saturation). Turns started while
 * `measuring` says false (a warm-up) are sent but not counted.
 */
export async function timeTurns(o: { url: string; turns: readonly Turn[]; planIds: readonly string[]; users: number; count: number; stop?: AbortSignal; thinkMs?: number; measuring?: () => boolean }): Promise<TurnFigures> {
  const planIndex = new Map(o.planIds.map((p, i) => [p, i]));
  const connector = await startFakeConnector();
  const times: number[] = [];
  let failed = 0;
  const failures: Record<string, number> = {};
  const fail = (why: string) => {
    failed++;
    failures[why] = (failures[why] ?? 0) + 1;
  };
  let next = 0;
  let healthMax = 0;
  let running = true;
  const health = (async () => {
    while (running) {
      const t = performance.now();
      await fetch(`${o.url}/healthz`).then((r) => r.text()).catch(() => "");
      healthMax = Math.max(healthMax, performance.now() - t);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const user = async (u: number) => {
    let seq = 0;
    const ip = `127.0.${(u >> 8) & 255}.${(u & 255) + 1}`;
    for (;;) {
      const i = next++;
      if (i >= o.count || o.stop?.aborted) return;
      const turn = o.turns[i % o.turns.length];
      const p = turn.planId === null ? undefined : planIndex.get(turn.planId);
      const who = p === undefined ? `aad-bench-guest-${u}` : planIdentity(p);
      const activity = {
        type: "message",
        id: `bench-${u}-${++seq}`,
        timestamp: new Date().toISOString(),
        channelId: "msteams",
        serviceUrl: connector.url,
        from: { id: `29:${who}`, name: `Người dùng ${u}`, aadObjectId: who },
        recipient: { id: "28:bot-app-id", name: "Trợ lý Kế hoạch" },
        conversation: { id: `a:bench-chat-${who}`, conversationType: "personal", tenantId: "tenant-1" },
        channelData: { tenant: { id: "tenant-1" } },
        locale: "vi-VN",
        text: turn.question,
      };
      const t = performance.now();
      const measured = o.measuring?.() ?? true;
      try {
        const res = await fetch(`${o.url}/api/messages`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-forwarded-for": ip },
          body: JSON.stringify(activity),
        });
        await res.text();
        if (res.status >= 300 && measured) fail(`HTTP ${res.status}`);
      } catch (e) {
        if (measured) fail(String((e as Error & { cause?: Error }).cause?.message ?? (e as Error).message));
      }
      if (measured) times.push(performance.now() - t);
      // A person reads the answer before the next question (0.5x to 1.5x thinkMs; none by default).
      if (o.thinkMs) await new Promise((r) => setTimeout(r, o.thinkMs! * (0.5 + Math.random())));
    }
  };
  const t0 = performance.now();
  let seconds = 0;
  try {
    await Promise.all(Array.from({ length: o.users }, (_, u) => user(u)));
    seconds = (performance.now() - t0) / 1000;
  } finally {
    running = false;
    await health;
    await connector.close();
  }
  times.sort((a, b) => a - b);
  return {
    turns: times.length,
    failed,
    failures,
    seconds,
    perSecond: times.length / seconds,
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    max: times[times.length - 1],
    healthMax,
  };
}
