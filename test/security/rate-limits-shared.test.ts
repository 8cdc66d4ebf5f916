// Rate limits that replicas share: on PostgreSQL the registration and per-user turn counters live in
// the database (rate-limiter-flexible's RateLimiterPostgres), so two replicas on one database allow
// what one would, not twice as much; if the database fails, each replica still limits from memory.
// On PGlite (one process) they stay in memory.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLimits } from "../../adapters/rate-limits";
import type { EngineDb } from "../../bot/storage/engine";
import { dropSchema, freshSchema, openMemory, openPg, PG_MISSING, PG_URL } from "../bot/storage/engines";

const schema = freshSchema("ratelimits");
let a: EngineDb;
let b: EngineDb;
beforeAll(async () => {
  expect(PG_URL, PG_MISSING).toBeTruthy();
  a = await openPg(schema);
  b = await openPg(schema);
});
afterAll(async () => {
  await a?.close().catch(() => {});
  await b?.close();
  await dropSchema(schema);
});

const settings = { registrationsPer15Min: 4, turnsPerMinute: 3 };

describe("rate limits shared by replicas on PostgreSQL", () => {
  it("counts registration guesses from one address across two replicas", async () => {
    const [one, two] = [createLimits(settings, a), createLimits(settings, b)];
    const waits: (number | null)[] = [];
    // Alternating replicas, a new browser each time (so only the per-address limit of 4 applies).
    for (let i = 0; i < 8; i++) waits.push(await (i % 2 ? two : one).register("203.0.113.7", `guesser-${i}`));
    expect(waits.slice(0, 4)).toEqual([null, null, null, null]);
    expect(waits.slice(4).every((w) => w !== null && w > 0 && w <= 15 * 60)).toBe(true);
    // The per-user limit (half of it: 2) is shared too.
    expect(await one.register("198.51.100.1", "same-user")).toBeNull();
    expect(await two.register("198.51.100.2", "same-user")).toBeNull();
    expect(await one.register("198.51.100.3", "same-user")).toBeGreaterThan(0);
    const rows = await a.query<{ key: string; points: number }>("SELECT key, points FROM rate_limits WHERE key LIKE 'reg-ip:%'");
    expect(rows).toContainEqual({ key: "reg-ip:203.0.113.7", points: 8 });
  });

  it("counts one web user's turns across replicas", async () => {
    const [one, two] = [createLimits(settings, a), createLimits(settings, b)];
    const waits = [await one.turn("web-user-1"), await two.turn("web-user-1"), await one.turn("web-user-1"), await two.turn("web-user-1")];
    expect(waits.slice(0, 3)).toEqual([null, null, null]);
    expect(waits[3]).toBeGreaterThan(0);
  });

  it("still limits, from memory, when the database is gone", async () => {
    const limits = createLimits(settings, a);
    await a.close();
    const waits: (number | null)[] = [];
    for (let i = 0; i < 5; i++) waits.push(await limits.turn("web-user-2"));
    expect(waits.slice(0, 3)).toEqual([null, null, null]);
    expect(waits[3]).toBeGreaterThan(0);
  });

  it("on PGlite, counts in memory and writes nothing", async () => {
    const mem = await openMemory();
    try {
      const limits = createLimits(settings, mem);
      for (let i = 0; i < 4; i++) expect(await limits.register("203.0.113.9", `u${i}`)).toBeNull();
      expect(await limits.register("203.0.113.9", "u5")).toBeGreaterThan(0);
      expect((await mem.query<{ n: number }>("SELECT count(*)::int AS n FROM rate_limits"))[0].n).toBe(0);
    } finally {
      await mem.close();
    }
  });
});
