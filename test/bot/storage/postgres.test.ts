// The storage contract on a PostgreSQL server (TEST_DATABASE_URL), in a schema of its own, plus
// what only a server has: several processes migrating at once, advisory locks between sessions.
import { afterAll, describe, expect, it } from "vitest";
import { migrate } from "../../../bot/storage/migrate";
import { storageContract } from "./contract";
import { dropSchema, freshSchema, openPg, PG_MISSING, PG_URL } from "./engines";

const schema = freshSchema("storage");
const schema2 = freshSchema("migrate");
afterAll(async () => {
  await dropSchema(schema);
  await dropSchema(schema2);
});

describe("PostgreSQL test database", () => {
  it("is configured", () => {
    expect(PG_URL, PG_MISSING).toBeTruthy();
  });
});

storageContract("PostgreSQL", () => openPg(schema), { reopen: () => openPg(schema) });

describe("PostgreSQL only", () => {
  it("lets two processes start at once: each migration is applied exactly once", async () => {
    const a = await openPg(schema2, true);
    const b = await openPg(schema2, true);
    try {
      const [ra, rb] = await Promise.all([migrate(a), migrate(b)]);
      expect(ra.length + rb.length).toBeGreaterThan(0);
      expect(new Set([...ra, ...rb]).size).toBe(ra.length + rb.length);
      const [n] = await a.query<{ n: number; d: number }>("SELECT count(*)::int AS n, count(DISTINCT version)::int AS d FROM schema_migrations");
      expect(n.n).toBe(n.d);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it("grants an advisory lock to one session at a time", async () => {
    const a = await openPg(schema2, true);
    const b = await openPg(schema2, true);
    try {
      const la = await a.tryAdvisoryLock(424242);
      expect(la).not.toBeNull();
      expect(await b.tryAdvisoryLock(424242)).toBeNull();
      await la?.release();
      const lb = await b.tryAdvisoryLock(424242);
      expect(lb).not.toBeNull();
      await lb?.release();
    } finally {
      await a.close();
      await b.close();
    }
  });
});
